"""Registering a family with its members, editing a family, adding or editing a member.

Nothing typed is ever lost: a mistake is shown beside its field and the dialog stays open.
Before a new family or person is saved the registry may answer „Възможни дубликати“; the
assistant then opens the existing family or saves anyway (``force=True``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.domain.vocab import PersonRole
from bgfuture_desk.errors import UserError, ValidationError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.service import DuplicatesFound, FamilyView, PersonView
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.reception.duplicates_dialog import DuplicatesDialog, family_of
from bgfuture_desk.ui.reception.person_form import FamilyForm, PersonForm
from bgfuture_desk.ui.widgets.form import dialog_buttons, error_label, show_message

MEMBER_PREFIX = "members."


class RegistryDialog(QDialog):
    """Save, Cancel, a message line and the duplicate question shared by the dialogs below."""

    open_requested = Signal(object)  # uuid of an existing family to open instead

    def __init__(self, db: Database, actor: Actor, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.duplicates: DuplicatesDialog | None = None
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.layout_ = QVBoxLayout(self)

    def finish_layout(self) -> None:
        self.error = error_label(self)
        self.layout_.addWidget(self.error)
        buttons, self.save_button = dialog_buttons(
            self, _("&Save"), _("Cancel"), lambda: self.save(force=False), self.reject
        )
        self.layout_.addWidget(buttons)

    def save(self, force: bool) -> None:
        raise NotImplementedError

    def attempt(self, call: Callable[[], object], on_saved: Callable[[object], object]) -> None:
        """Run the service; duplicates open the question, other errors stay in the form."""
        show_message(self.error, "")
        try:
            result = call()
        except DuplicatesFound as err:
            self.ask_about_duplicates(err)
            return
        except UserError as err:
            show_message(self.error, self.place_error(err))
            return
        self.accept()
        on_saved(result)

    def place_error(self, err: UserError) -> str:
        raise NotImplementedError

    def ask_about_duplicates(self, err: DuplicatesFound) -> None:
        show_message(self.error, err.message)
        dialog = DuplicatesDialog(err.candidates, self)
        dialog.open_requested.connect(self.on_duplicate_opened)
        dialog.save_anyway_requested.connect(lambda: self.save(force=True))
        self.duplicates = dialog
        dialog.open()

    def on_duplicate_opened(self, candidate) -> None:
        self.reject()
        self.open_requested.emit(family_of(candidate))


class FamilyDialog(RegistryDialog):
    """A new family with one or more members, or (given ``family``) its own fields only."""

    family_saved = Signal(object)  # FamilyView

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        family: FamilyView | None = None,
        settlement: str = "",
    ) -> None:
        title = _("New family") if family is None else _("Family {code}").format(code=family.code)
        super().__init__(db, actor, title, parent)
        self.family = family
        self.members: list[tuple[QGroupBox, PersonForm]] = []
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(scroll)
        self.body_layout = QVBoxLayout(body)
        box = QGroupBox(_("Family"), body)
        column = QVBoxLayout(box)
        self.family_form = FamilyForm(box)
        column.addWidget(self.family_form)
        self.body_layout.addWidget(box)
        if family is None:
            self.family_form.settlement.setText(settlement)
            self.add_member_button = QPushButton(_("&Add another member"), body)
            self.add_member_button.clicked.connect(lambda: self.add_member())
            self.add_member(PersonRole.MOTHER)
            self.body_layout.addWidget(self.add_member_button, 0, Qt.AlignmentFlag.AlignLeft)
        else:
            self.family_form.load(family)
        self.body_layout.addStretch(1)
        scroll.setWidget(body)
        self.layout_.addWidget(scroll)
        self.finish_layout()
        self.resize(880, 720 if family is None else 360)
        (self.members[0][1].first_name if self.members else self.family_form.settlement).setFocus()

    def member_forms(self) -> list[PersonForm]:
        return [form for _box, form in self.members]

    def add_member(self, role: str = PersonRole.CHILD) -> PersonForm:
        number = len(self.members) + 1
        box = QGroupBox(_("Member {n}").format(n=number), self)
        column = QVBoxLayout(box)
        form = PersonForm(self.db.clock, box, role=role)
        column.addWidget(form)
        remove = QPushButton(_("Remove this member"), box)
        remove.clicked.connect(lambda: self.remove_member(box))
        column.addWidget(remove, 0, Qt.AlignmentFlag.AlignRight)
        self.body_layout.insertWidget(len(self.members) + 1, box)
        self.members.append((box, form))
        self._update_remove_buttons()
        form.first_name.setFocus()
        return form

    def remove_member(self, box: QGroupBox) -> None:
        self.members = [(b, f) for b, f in self.members if b is not box]
        box.hide()
        box.deleteLater()
        for number, (other, _form) in enumerate(self.members, start=1):
            other.setTitle(_("Member {n}").format(n=number))
        self._update_remove_buttons()

    def _update_remove_buttons(self) -> None:
        for box, _form in self.members:
            for button in box.findChildren(QPushButton):
                button.setVisible(len(self.members) > 1)

    def save(self, force: bool) -> None:
        family = self.family_form.value()
        if self.family is not None:
            family_id = self.family.id
            self.attempt(
                lambda: families.update_family(self.db, self.actor, family_id, family),
                self.family_saved.emit,
            )
            return
        people, unreadable = [], False
        for form in self.member_forms():
            person, errors = form.value()
            form.set_errors(errors)
            unreadable = unreadable or bool(errors)
            people.append(person)
        if unreadable:
            show_message(self.error, _("Correct the marked fields."))
            return
        read = [person for person in people if person is not None]  # all of them, by now
        self.family_form.set_errors({})
        self.attempt(
            lambda: families.create_family(self.db, self.actor, family, read, force=force),
            self.family_saved.emit,
        )

    def place_error(self, err: UserError) -> str:
        if not isinstance(err, ValidationError):
            return err.message
        own = {k: v for k, v in err.errors.items() if not k.startswith(MEMBER_PREFIX)}
        rest = self.family_form.set_errors(own)
        for index, form in enumerate(self.member_forms()):
            prefix = f"{MEMBER_PREFIX}{index}."
            mine = {k[len(prefix) :]: v for k, v in err.errors.items() if k.startswith(prefix)}
            rest.update(form.set_errors(mine))
        return " ".join(rest.values()) or _("Correct the marked fields.")


class PersonDialog(RegistryDialog):
    """A new member of ``family`` (duplicate guard first) or changes to ``person``."""

    person_saved = Signal(object)  # PersonView

    def __init__(
        self,
        db: Database,
        actor: Actor,
        family: FamilyView,
        parent: QWidget | None = None,
        *,
        person: PersonView | None = None,
    ) -> None:
        if person is None:
            title = _("New member of the family {code}").format(code=family.code)
        else:
            title = _("{name} (family {code})").format(name=person.full_name, code=family.code)
        super().__init__(db, actor, title, parent)
        self.family_id: uuid.UUID = family.id
        self.person = person
        self.form = PersonForm(self.db.clock, self, role=PersonRole.CHILD)
        if person is not None:
            self.form.load(person)
        elif family.members:
            self.form.last_name.setText(family.members[0].last_name)
        self.layout_.addWidget(self.form)
        self.finish_layout()
        self.setMinimumWidth(760)
        self.form.first_name.setFocus()

    def save(self, force: bool) -> None:
        data, errors = self.form.value()
        self.form.set_errors(errors)
        if data is None:
            return
        if self.person is None:
            family_id = self.family_id
            call = lambda: families.add_person(self.db, self.actor, family_id, data, force=force)  # noqa: E731
        else:
            person_id = self.person.id
            call = lambda: families.update_person(self.db, self.actor, person_id, data)  # noqa: E731
        self.attempt(call, self.person_saved.emit)

    def place_error(self, err: UserError) -> str:
        if isinstance(err, ValidationError):
            return " ".join(self.form.set_errors(err.errors).values())
        return err.message
