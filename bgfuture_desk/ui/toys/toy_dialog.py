"""A new toy for the catalogue, or changes to one: every field, and a photo from a file.

A mistake is shown beside its field and the dialog stays open with everything typed. The
photo is copied into the house's data folder by the services once the toy is saved; if
the photo is refused, the toy is saved already and the dialog stays open to pick another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.domain import toys as toy_rules
from bgfuture_desk.domain.vocab import DevelopmentalArea, ToyCondition
from bgfuture_desk.errors import UserError, ValidationError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.toys import service as toys
from bgfuture_desk.services.toys.service import ToyInput, ToyView
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.toys.common import AgeEdit
from bgfuture_desk.ui.toys.toy_details import photo_label, show_photo
from bgfuture_desk.ui.widgets.fields import date_text, parse_date_text
from bgfuture_desk.ui.widgets.form import FieldForm, dialog_buttons, error_label, show_message

IMAGE_FILTER = "*.jpg *.jpeg *.png"
MAX_PIECES_TYPED = 99_999


class ToyForm(FieldForm):
    """The fields of a toy; field keys are those of ``ToyInput`` (and the service errors)."""

    def __init__(self, parent: QWidget | None = None, categories: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.name = self.add_field("name", _("&Name:"), QLineEdit(self))
        self.name.setPlaceholderText(_("e.g. Wooden puzzle „Farm animals“"))
        self.description = self.add_field("description", _("&Description:"), QPlainTextEdit(self))
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(64)
        self.category = self.add_field("category", _("Cate&gory:"), QLineEdit(self))
        self.category.setPlaceholderText(_("e.g. puzzle, book, construction set"))
        completer = QCompleter(sorted(set(categories)), self.category)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.category.setCompleter(completer)
        self.area = self.add_field("area", _("Developmental &area:"), QComboBox(self))
        self.area.addItem(_("— not set —"), "")
        for value, label in DevelopmentalArea.choices():
            self.area.addItem(label, value)
        self.age_min = self.add_field("age_min_months", _("Age &from:"), AgeEdit(self))
        self.age_max = self.add_field("age_max_months", _("Age &to:"), AgeEdit(self))
        self.age_max.set_value(toy_rules.MAX_AGE_MONTHS)
        self.age_shown = QLabel(self)
        self.add_row(_("Age range:"), self.age_shown)
        self.pieces = self.add_field("pieces", _("&Pieces:"), QSpinBox(self))
        self.pieces.setRange(0, MAX_PIECES_TYPED)
        self.pieces.setValue(1)
        self.condition = self.add_field("condition", _("Con&dition:"), QComboBox(self))
        for value, label in ToyCondition.choices():
            self.condition.addItem(label, value)
        self.condition.setCurrentIndex(self.condition.findData(ToyCondition.GOOD.value))
        self.shelf = self.add_field("shelf", _("&Shelf:"), QLineEdit(self))
        self.acquired_on = self.add_field("acquired_on", _("Ac&quired on:"), QLineEdit(self))
        self.acquired_on.setPlaceholderText(_("day.month.year, may stay empty"))
        self.source = self.add_field("source", _("So&urce:"), QLineEdit(self))
        self.source.setPlaceholderText(_("e.g. donation, project purchase"))
        for edit in (self.age_min, self.age_max):
            edit.changed.connect(self._show_age)
        self._show_age()

    def _show_age(self) -> None:
        low, high = self.age_min.value() or 0, self.age_max.value() or 0
        self.age_shown.setText(toy_rules.age_range_label(low, high))

    def load(self, toy: ToyView) -> None:
        self.name.setText(toy.name)
        self.description.setPlainText(toy.description)
        self.category.setText(toy.category)
        self.area.setCurrentIndex(max(0, self.area.findData(toy.area or "")))
        self.age_min.set_value(toy.age_min_months)
        self.age_max.set_value(toy.age_max_months)
        self.pieces.setValue(toy.pieces)
        self.condition.setCurrentIndex(max(0, self.condition.findData(toy.condition)))
        self.shelf.setText(toy.shelf)
        self.acquired_on.setText(date_text(toy.acquired_on))
        self.source.setText(toy.source)

    def value(self) -> tuple[ToyInput | None, dict[str, str]]:
        """The input for the services, or the errors found before asking them."""
        try:
            acquired: dt.date | None = parse_date_text(self.acquired_on.text())
        except ValueError as err:
            return None, {"acquired_on": str(err)}
        data = ToyInput(
            name=self.name.text().strip(),
            description=self.description.toPlainText().strip(),
            category=self.category.text().strip(),
            area=self.area.currentData() or "",
            age_min_months=self.age_min.value() or 0,
            age_max_months=self.age_max.value() or 0,
            pieces=self.pieces.value(),
            condition=self.condition.currentData(),
            shelf=self.shelf.text().strip(),
            acquired_on=acquired,
            source=self.source.text().strip(),
        )
        return data, {}


class ToyDialog(QDialog):
    toy_saved = Signal(object, bool)  # ToyView, True when it is a new toy

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        toy: ToyView | None = None,
        categories: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.db, self.actor, self.toy = db, actor, toy
        self.created = False
        self.photo_file: Path | None = None
        self.file_dialog: QFileDialog | None = None
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.form = ToyForm(self, categories)
        form_column = QVBoxLayout()
        form_column.addWidget(self.form)
        form_column.addStretch(1)  # extra height goes below the fields, not between them
        row.addLayout(form_column, 1)
        row.addLayout(self._build_photo())
        layout.addLayout(row)
        self.error = error_label(self)
        layout.addWidget(self.error)
        buttons, self.save_button = dialog_buttons(
            self, _("&Save"), _("Cancel"), self.save, self.reject
        )
        layout.addWidget(buttons)
        if toy is not None:
            self.form.load(toy)
            show_photo(self.photo, toy.photo_path)
        self._set_title()
        self.resize(760, self.sizeHint().height())
        self.form.name.setFocus()

    def _build_photo(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.photo = photo_label(self, 180)
        show_photo(self.photo, "")
        column.addWidget(self.photo)
        self.photo_button = QPushButton(_("C&hoose a photo…"), self)
        self.photo_button.clicked.connect(self.choose_photo)
        column.addWidget(self.photo_button)
        self.photo_error = error_label(self)
        self.photo_error.setMaximumWidth(180)
        column.addWidget(self.photo_error)
        column.addStretch(1)
        return column

    def _set_title(self) -> None:
        if self.toy is None:
            self.setWindowTitle(_("New toy"))
        else:
            self.setWindowTitle(_("Toy {code}").format(code=self.toy.inventory_code))

    def choose_photo(self) -> None:
        dialog = QFileDialog(
            self,
            _("Choose a photo of the toy"),
            "",
            _("Pictures ({patterns})").format(patterns=IMAGE_FILTER),
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.set_photo_file(Path(path)))
        self.file_dialog = dialog
        dialog.open()

    def set_photo_file(self, path: Path) -> None:
        self.photo_file = path
        show_message(self.photo_error, "")
        show_photo(self.photo, str(path))
        if self.photo.pixmap().isNull():
            show_message(self.photo_error, _("This file is not a picture the program can read."))

    def save(self) -> None:
        show_message(self.error, "")
        data, errors = self.form.value()
        self.form.set_errors(errors)
        if data is None:
            show_message(self.error, _("Correct the marked fields."))
            return
        try:
            if self.toy is None:
                self.toy = toys.create_toy(self.db, self.actor, data)
                self.created = True
                self._set_title()
            else:
                self.toy = toys.update_toy(self.db, self.actor, self.toy.id, data)
        except ValidationError as err:
            rest = self.form.set_errors(err.errors)
            show_message(self.error, " ".join(rest.values()) or _("Correct the marked fields."))
            return
        except UserError as err:
            show_message(self.error, err.message)
            return
        if self.photo_file is not None and not self._save_photo():
            self.toy_saved.emit(self.toy, self.created)
            return
        self.accept()
        self.toy_saved.emit(self.toy, self.created)

    def _save_photo(self) -> bool:
        assert self.toy is not None and self.photo_file is not None
        try:
            self.toy = toys.set_toy_photo(self.db, self.actor, self.toy.id, self.photo_file)
        except UserError as err:
            message = err.message
            if isinstance(err, ValidationError):
                message = " ".join(err.errors.values())
            show_message(self.photo_error, message)
            show_message(
                self.error,
                _("The toy {code} is saved; choose another photo or cancel.").format(
                    code=self.toy.inventory_code
                ),
            )
            return False
        self.photo_file = None
        return True
