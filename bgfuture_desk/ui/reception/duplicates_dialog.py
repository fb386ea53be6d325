"""„Възможни дубликати“: who may already be registered, and why; the assistant decides."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.i18n import _
from bgfuture_desk.services.families.service import DuplicateCandidate


def family_of(candidate: DuplicateCandidate):
    """The family to open for a candidate (a person's family, or the family itself)."""
    if candidate.family_id is not None:
        return candidate.family_id
    return candidate.id if candidate.kind == "family" else None


class DuplicatesDialog(QDialog):
    """Open the existing record (the usual answer) or save the new one anyway."""

    open_requested = Signal(object)  # DuplicateCandidate
    save_anyway_requested = Signal()

    def __init__(self, candidates: list[DuplicateCandidate], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Possible duplicates"))
        self.candidates = list(candidates)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "These are already registered and look like what you typed. Open the existing "
                "family if it is the same, or save the new one anyway."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(self.candidates), 3, self)
        self.table.setHorizontalHeaderLabels([_("Name"), _("Family code"), _("Why")])
        for row, candidate in enumerate(self.candidates):
            for column, text in enumerate(
                (candidate.name, candidate.family_code or "", candidate.reason)
            ):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self.on_open_clicked)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(self)
        self.open_button = QPushButton(_("&Open the existing family"), self)
        self.open_button.setDefault(True)
        self.save_button = QPushButton(_("&Save anyway"), self)
        self.back_button = QPushButton(_("&Back to the form"), self)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.clicked.connect(self.on_open_clicked)
        self.save_button.clicked.connect(self.on_save_clicked)
        self.back_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        if self.candidates:
            self.table.selectRow(0)
        self.table.setFocus()
        self.setMinimumWidth(640)
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def _cell_text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def reasons(self) -> list[tuple[str, str]]:
        """(name, reason) per row, as shown."""
        return [
            (self._cell_text(r, 0), self._cell_text(r, 2))
            for r in range(self.table.rowCount())
        ]

    def selected(self) -> DuplicateCandidate | None:
        row = self.table.currentRow()
        return self.candidates[row] if 0 <= row < len(self.candidates) else None

    def on_open_clicked(self, *_args: object) -> None:
        candidate = self.selected()
        if candidate is None or family_of(candidate) is None:
            return
        self.accept()
        self.open_requested.emit(candidate)

    def on_save_clicked(self) -> None:
        self.accept()
        self.save_anyway_requested.emit()
