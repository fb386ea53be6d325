"""The fields of a family and of one person, with their errors beside them.

As an ЕГН is typed, a valid one fills in the birth date and the sex; an invalid one shows
why beside the field and nothing else changes, so clearing it is all it takes to save.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from bgfuture_desk.domain.clock import Clock
from bgfuture_desk.domain.egn import EgnError, parse_egn
from bgfuture_desk.domain.phones import format_phone
from bgfuture_desk.domain.vocab import PersonRole, Sex
from bgfuture_desk.i18n import _
from bgfuture_desk.services.families.service import FamilyInput, FamilyView, PersonInput, PersonView
from bgfuture_desk.ui.widgets.fields import date_text, parse_date_text
from bgfuture_desk.ui.widgets.form import FieldForm, show_message

EGN_LENGTH = 10


class FamilyForm(FieldForm):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settlement = self.add_field("settlement", _("Se&ttlement:"), QLineEdit(self))
        self.address = self.add_field("address", _("A&ddress:"), QLineEdit(self))
        self.phone = self.add_field("phone", _("&Phone:"), QLineEdit(self))
        self.phone2 = self.add_field("phone2", _("Second p&hone:"), QLineEdit(self))
        self.notes = self.add_field("notes", _("N&otes:"), QLineEdit(self))
        self.phone.setPlaceholderText(_("e.g. 0888 123 456"))
        self.notes.setPlaceholderText(_("no health details here"))

    def load(self, family: FamilyView) -> None:
        self.settlement.setText(family.settlement)
        self.address.setText(family.address)
        self.phone.setText(format_phone(family.phone) if family.phone else "")
        self.phone2.setText(format_phone(family.phone2) if family.phone2 else "")
        self.notes.setText(family.notes)

    def value(self) -> FamilyInput:
        return FamilyInput(
            settlement=self.settlement.text(),
            address=self.address.text(),
            phone=self.phone.text(),
            phone2=self.phone2.text(),
            notes=self.notes.text(),
        )


def _combo(parent: QWidget, choices: list[tuple[str, str]], empty: str | None = None) -> QComboBox:
    combo = QComboBox(parent)
    if empty is not None:
        combo.addItem(empty, None)
    for value, label in choices:
        combo.addItem(label, value)
    return combo


class PersonForm(QWidget):
    """Two columns of fields: who the person is on the left, what identifies them on the
    right. ``errors`` and ``editors`` cover both columns, as in one ``FieldForm``."""

    def __init__(
        self, clock: Clock, parent: QWidget | None = None, role: str = PersonRole.MOTHER
    ) -> None:
        super().__init__(parent)
        self.clock = clock  # the ЕГН check refuses a birth date after its today
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        self.left, self.right = FieldForm(self), FieldForm(self)
        row.addWidget(self.left, 1)
        row.addWidget(self.right, 1)
        self.role = self.left.add_field("role", _("&Role:"), _combo(self, PersonRole.choices()))
        self.first_name = self.left.add_field("first_name", _("&First name:"), QLineEdit(self))
        self.middle_name = self.left.add_field("middle_name", _("&Father's name:"), QLineEdit(self))
        self.last_name = self.left.add_field("last_name", _("Famil&y name:"), QLineEdit(self))
        self.egn = self.right.add_field("egn", _("&EGN:"), QLineEdit(self))
        self.egn.setPlaceholderText(_("optional"))
        self.egn.setMaxLength(14)
        self.birth_date = self.right.add_field("birth_date", _("&Born on:"), QLineEdit(self))
        self.birth_date.setPlaceholderText(_("dd.mm.yyyy"))
        self.sex = self.right.add_field("sex", _("Se&x:"), _combo(self, Sex.choices(), "—"))
        self.phone = self.right.add_field("phone", _("Mo&bile phone:"), QLineEdit(self))
        self.expected_birth = self.right.add_field(
            "expected_birth", _("E&xpected birth:"), QLineEdit(self)
        )
        self.expected_birth.setPlaceholderText(_("dd.mm.yyyy"))
        self.set_role(role)
        self.role.currentIndexChanged.connect(self.on_role_changed)
        self.egn.textEdited.connect(self.on_egn_edited)
        self.egn.editingFinished.connect(self.on_egn_finished)
        self.on_role_changed()

    # -- the two columns as one form ------------------------------------------------------

    def forms(self) -> tuple[FieldForm, FieldForm]:
        return self.left, self.right

    def set_errors(self, errors: dict[str, str]) -> dict[str, str]:
        """Each message beside its field; returns those no field owns."""
        rest = self.right.set_errors(errors)
        return self.left.set_errors(rest)

    def error_text(self, key: str) -> str:
        form = self.left if key in self.left.errors else self.right
        return form.error_text(key)

    def show_error(self, key: str, text: str) -> None:
        form = self.left if key in self.left.errors else self.right
        show_message(form.errors[key], text)

    # -- values -----------------------------------------------------------------------------

    def set_role(self, role: str) -> None:
        self.role.setCurrentIndex(max(0, self.role.findData(role)))

    def load(self, person: PersonView) -> None:
        self.set_role(person.role)
        self.first_name.setText(person.first_name)
        self.middle_name.setText(person.middle_name)
        self.last_name.setText(person.last_name)
        self.egn.setText(person.egn or "")
        self.birth_date.setText(date_text(person.birth_date))
        self.sex.setCurrentIndex(max(0, self.sex.findData(person.sex)))
        self.phone.setText(format_phone(person.phone) if person.phone else "")
        self.expected_birth.setText(date_text(person.expected_birth))

    def value(self) -> tuple[PersonInput | None, dict[str, str]]:
        """The input to send, or None with the messages of dates that cannot be read."""
        errors: dict[str, str] = {}
        dates = {}
        for key, edit in (("birth_date", self.birth_date), ("expected_birth", self.expected_birth)):
            try:
                dates[key] = parse_date_text(edit.text()) if edit.isVisibleTo(self) else None
            except ValueError as err:
                errors[key] = str(err)
        if errors:
            return None, errors
        person = PersonInput(
            role=self.role.currentData(),
            first_name=self.first_name.text(),
            middle_name=self.middle_name.text(),
            last_name=self.last_name.text(),
            birth_date=dates["birth_date"],
            sex=self.sex.currentData(),
            egn=self.egn.text(),
            phone=self.phone.text(),
            expected_birth=dates["expected_birth"],
        )
        return person, {}

    # -- reacting to typing -----------------------------------------------------------------

    def on_role_changed(self, *_args: object) -> None:
        pregnant = self.role.currentData() == PersonRole.PREGNANT
        row = self.expected_birth.parentWidget()  # the box of the editor and its error line
        if row is not None:
            self.right.form.setRowVisible(row, pregnant)

    def on_egn_edited(self, text: str) -> None:
        digits = text.replace(" ", "")
        if len(digits) < EGN_LENGTH:
            self.show_error("egn", "")
            return
        self.check_egn()

    def on_egn_finished(self) -> None:
        if self.egn.text().strip():
            self.check_egn()

    def check_egn(self) -> None:
        """A valid ЕГН fills the birth date and the sex; an invalid one says why."""
        try:
            info = parse_egn(self.egn.text(), self.clock.today())
        except EgnError as err:
            hint = _("Correct it, or clear the field to save the person without an EGN.")
            self.show_error("egn", f"{err} {hint}")
            return
        self.show_error("egn", "")
        self.birth_date.setText(date_text(info.birth_date))
        self.sex.setCurrentIndex(max(0, self.sex.findData(info.sex)))
        self.show_error("birth_date", "")
        self.show_error("sex", "")
