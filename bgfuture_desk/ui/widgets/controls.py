"""Small pieces the screens share: read-only tables, a row of buttons, choosing in a list,
the field a barcode scanner types into."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from bgfuture_desk.ui.widgets.fields import SpecialistCombo


def read_only_table(model, parent: QWidget, stretch: int, name: str) -> QTableView:
    """Whole rows chosen one at a time; columns fit their text, ``stretch`` takes the rest."""
    view = QTableView(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def button_row(
    parent: QWidget, *buttons: QPushButton, stretch_at: int | None = None
) -> QHBoxLayout:
    """Buttons left to right; a stretch before button ``stretch_at`` pushes the rest right."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    for number, button in enumerate(buttons):
        if number == stretch_at:
            row.addStretch(1)
        row.addWidget(button)
    if stretch_at is None:
        row.addStretch(1)
    return row


def find_data(combo: QComboBox, value: object) -> int:
    """The row holding ``value`` by equality (``findData`` compares Python objects by
    identity, so an equal UUID read again would not be found)."""
    return next((n for n in range(combo.count()) if combo.itemData(n) == value), -1)


def choose(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(0, find_data(combo, value)))


def choose_specialist(combo: SpecialistCombo, value: uuid.UUID | None, name: str | None) -> None:
    """Choose a facilitator in the shared specialist list, which looks rows up by identity."""
    index = find_data(combo, value) if value is not None else 0
    if index >= 0:
        combo.setCurrentIndex(index)
    else:
        combo.set_value(value, name)


ROW_PADDING = 10  # a compact row: more of a long list fits the screen


class ScanEdit(QLineEdit):
    """Where a barcode scanner types: a code, then Enter. Larger text, a clear button."""

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.setFont(font)

    def ready(self) -> None:
        """Empty and focused: the next code can come."""
        self.clear()
        self.setFocus(Qt.FocusReason.OtherFocusReason)


def table_view(parent: QWidget, model, name: str, *, stretch: int | None = None) -> QTableView:
    """A read-only table of whole rows, one chosen at a time."""
    view = QTableView(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + ROW_PADDING)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    # with the row numbers hidden, Qt fits the columns to rows added later only when asked
    for signal in (model.rowsInserted, model.rowsRemoved, model.dataChanged):
        signal.connect(lambda *_args: header.resizeSections())
    return view
