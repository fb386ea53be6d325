"""Which labels to print (the chosen toys, the ones added now, or all) and on which sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.i18n import _
from bgfuture_desk.ui.widgets.form import dialog_buttons

LAYOUTS = ((3, 8), (3, 7), (2, 7))
CHOSEN, NEW, ALL = range(3)


def layout_text(columns: int, rows: int) -> str:
    return _("{columns} × {rows} on an A4 sheet ({n} labels)").format(
        columns=columns, rows=rows, n=columns * rows
    )


class LabelsDialog(QDialog):
    labels_requested = Signal(object, object, int)  # codes (None: all), (columns, rows), skip

    def __init__(self, chosen: list[str], new: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chosen, self.new = chosen, new
        self.setWindowTitle(_("Print labels"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        column = QVBoxLayout(self)
        column.addWidget(QLabel(_("Labels for:"), self))
        self.group = QButtonGroup(self)
        self.chosen_radio = QRadioButton(
            _("the &chosen toys: {n}").format(n=len(chosen)),
            self,
        )
        self.new_radio = QRadioButton(
            _("the toys &added now: {n}").format(n=len(new)),
            self,
        )
        self.all_radio = QRadioButton(
            _("e&very toy on the shelves (not the lost or retired)"), self
        )
        for number, radio in enumerate((self.chosen_radio, self.new_radio, self.all_radio)):
            self.group.addButton(radio, number)
            column.addWidget(radio)
        self.chosen_radio.setEnabled(bool(chosen))
        self.new_radio.setEnabled(bool(new))
        (self.new_radio if new else self.chosen_radio if chosen else self.all_radio).setChecked(
            True
        )
        form = QFormLayout()
        self.layout_combo = QComboBox(self)
        for columns, rows in LAYOUTS:
            self.layout_combo.addItem(layout_text(columns, rows), (columns, rows))
        label = QLabel(_("&Sheet:"), self)
        label.setBuddy(self.layout_combo)
        form.addRow(label, self.layout_combo)
        self.skip = QSpinBox(self)
        skip_label = QLabel(_("Labels already &used on the sheet:"), self)
        skip_label.setBuddy(self.skip)
        form.addRow(skip_label, self.skip)
        self.layout_combo.currentIndexChanged.connect(self._on_layout_changed)
        self._on_layout_changed()
        column.addLayout(form)
        buttons, self.preview_button = dialog_buttons(
            self, _("&Preview…"), _("Cancel"), self.on_preview_clicked, self.reject
        )
        column.addWidget(buttons)

    def _on_layout_changed(self, *_args: object) -> None:
        """A sheet started before: its first labels are skipped (at most all but one)."""
        columns, rows = self.layout_combo.currentData()
        self.skip.setRange(0, columns * rows - 1)

    def codes(self) -> list[str] | None:
        which = self.group.checkedId()
        if which == CHOSEN:
            return list(self.chosen)
        if which == NEW:
            return list(self.new)
        return None

    def on_preview_clicked(self) -> None:
        layout = self.layout_combo.currentData()
        codes = self.codes()
        self.accept()
        self.labels_requested.emit(codes, tuple(layout), self.skip.value())
