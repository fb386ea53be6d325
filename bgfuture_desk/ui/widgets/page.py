"""The pages of the main window and the stand-in for the jobs that are still being built."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from bgfuture_desk.i18n import _, format_number
from bgfuture_desk.services.unit import Actor


def page_heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("heading")
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    label.setFont(font)
    return label


class Page(QWidget):
    """A page knows its title; the window tells it who works and what the file holds."""

    TITLE = ""  # marked with N_(), translated when shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor: Actor | None = None

    @classmethod
    def title(cls) -> str:
        return _(cls.TITLE)

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor

    def set_counts(self, counts: dict[str, int]) -> None:
        """The live records per table (``services.health``); pages show what concerns them."""


class PlaceholderPage(Page):
    """A job not built yet: says so plainly and shows what the database already holds."""

    ABOUT = ""  # what the page will do, marked with N_()
    COUNTS: tuple[tuple[str, str], ...] = ()  # (table, label marked with N_())

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(page_heading(self.title(), self))
        about = QLabel(_(self.ABOUT), self)
        about.setWordWrap(True)
        layout.addWidget(about)
        holds = QLabel(_("The database of the house holds:"), self)
        layout.addSpacing(8)
        layout.addWidget(holds)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        self.count_labels: dict[str, QLabel] = {}
        for row, (table, label) in enumerate(self.COUNTS):
            grid.addWidget(QLabel(_(label), self), row, 0)
            value = QLabel("0", self)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setObjectName(f"count_{table}")
            grid.addWidget(value, row, 1)
            self.count_labels[table] = value
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)
        layout.addStretch(1)

    def set_counts(self, counts: dict[str, int]) -> None:
        for table, label in self.count_labels.items():
            label.setText(format_number(counts.get(table, 0)))

    def counts_text(self) -> str:
        """The counts as one line, e.g. „Семейства: 300, хора: 1 200“ (for tests and tips)."""
        parts = [f"{_(label)}: {self.count_labels[table].text()}" for table, label in self.COUNTS]
        return ", ".join(parts[:1] + [p[:1].lower() + p[1:] for p in parts[1:]])
