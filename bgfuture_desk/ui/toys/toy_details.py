"""The chosen toy beside the catalogue: its photo, what it is, where it came from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from bgfuture_desk.i18n import _, format_date, ngettext
from bgfuture_desk.services.toys.service import ToyView

THUMBNAIL = 200
STRIP_PHOTO = 110


def thumbnail(path: str, size: int = THUMBNAIL) -> QPixmap | None:
    """The photo scaled to fit ``size``; None when there is none or it cannot be read."""
    if not path or not Path(path).is_file():
        return None
    pixmap = QPixmap(path)
    if pixmap.isNull():
        return None
    return pixmap.scaled(
        size,
        size,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


def photo_label(parent: QWidget, size: int = THUMBNAIL) -> QLabel:
    label = QLabel(parent)
    label.setFixedSize(size, size)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet("QLabel { border: 1px solid #c0c0c0; background: #fafafa; color: #777; }")
    label.setWordWrap(True)
    return label


def show_photo(label: QLabel, path: str) -> None:
    pixmap = thumbnail(path, label.width())
    if pixmap is None:
        label.setPixmap(QPixmap())
        label.setText(_("No photo"))
    else:
        label.setText("")
        label.setPixmap(pixmap)


def facts(toy: ToyView) -> list[str]:
    lines = [toy.description] if toy.description else []
    kind = " · ".join(p for p in (toy.category, toy.area_label) if p)
    if kind:
        lines.append(kind)
    lines.append(
        _("For ages {ages}, {pieces} pieces").format(ages=toy.age_label, pieces=toy.pieces)
    )
    if toy.shelf:
        lines.append(_("Shelf: {shelf}").format(shelf=toy.shelf))
    got = [format_date(toy.acquired_on) if toy.acquired_on else "", toy.source]
    if any(got):
        lines.append(_("Acquired: {what}").format(what=", ".join(p for p in got if p)))
    lines.append(
        ngettext("Lent {n} time", "Lent {n} times", toy.times_lent).format(n=toy.times_lent)
        if toy.times_lent
        else _("Never lent")
    )
    return lines


class ToyDetails(QWidget):
    """A strip under the catalogue: the photo, then what the toy is, in two columns."""

    photo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 4, 0, 0)
        photo_column = QVBoxLayout()
        self.photo = photo_label(self, STRIP_PHOTO)
        photo_column.addWidget(self.photo)
        photo_column.addStretch(1)
        row.addLayout(photo_column)
        text_column = QVBoxLayout()
        self.name = QLabel(self)
        font = QFont(self.name.font())
        font.setBold(True)
        self.name.setFont(font)
        text_column.addWidget(self.name)
        facts_row = QHBoxLayout()
        self.text = QLabel(self)
        self.more = QLabel(self)
        for label in (self.text, self.more):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts_row.addWidget(label, 1)
        text_column.addLayout(facts_row, 1)
        row.addLayout(text_column, 1)
        self.photo_button = QPushButton(_("P&hoto…"), self)
        self.photo_button.clicked.connect(self.photo_requested.emit)
        row.addWidget(self.photo_button, 0, Qt.AlignmentFlag.AlignTop)
        self.setFixedHeight(STRIP_PHOTO + 8)
        self.show_toy(None)

    def show_toy(self, toy: ToyView | None) -> None:
        self.photo_button.setEnabled(toy is not None)
        if toy is None:
            for label in (self.name, self.text, self.more):
                label.setText("")
            show_photo(self.photo, "")
            return
        self.name.setText(f"{toy.inventory_code} {toy.name}")
        lines = facts(toy)
        half = (len(lines) + 1) // 2
        self.text.setText("\n".join(lines[:half]))
        self.more.setText("\n".join(lines[half:]))
        show_photo(self.photo, toy.photo_path)
