"""Recording a signed consent form, and its withdrawal.

The assistant copies the paper: which form and version, for whom, who signed, the ticked
purposes, how it was given (signed, or read aloud before a named colleague) and the date.
The service checks it all; a refusal is shown beside the field it concerns.
"""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.domain.vocab import ConsentKind, ConsentMethod, PersonRole
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _, format_date, ngettext
from bgfuture_desk.services.consents import service as consents
from bgfuture_desk.services.consents.service import ConsentInput, ConsentView, FormView
from bgfuture_desk.services.families.service import FamilyView, PersonView
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.widgets.fields import py_date, qdate
from bgfuture_desk.ui.widgets.form import FieldForm, dialog_buttons, error_label, show_message

# who signs for the children, in the order the printed form names them
SIGNER_ORDER = (
    PersonRole.MOTHER,
    PersonRole.PREGNANT,
    PersonRole.GUARDIAN,
    PersonRole.FATHER,
    PersonRole.GRANDPARENT,
    PersonRole.OTHER,
)


def signers(family: FamilyView) -> list[PersonView]:
    """The family's adults, the one who usually signs first."""
    order = {role.value: n for n, role in enumerate(SIGNER_ORDER)}
    adults = [m for m in family.members if not m.is_child]
    return sorted(adults, key=lambda m: order.get(m.role, len(order)))


def date_edit(parent: QWidget, value: dt.date, *, latest: dt.date) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setCalendarPopup(True)
    edit.setMaximumDate(qdate(latest))
    edit.setDate(qdate(value))
    return edit


def ctrl_enter(dialog: QDialog, slot) -> QAction:
    """Ctrl+Enter saves from anywhere in the dialog (Enter alone may be for a field)."""
    action = QAction(dialog)
    action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
    action.triggered.connect(slot)
    dialog.addAction(action)
    return action


class WrappedCheck(QWidget):
    """A check box whose long text wraps (a purpose as the printed form words it); a click
    on the text ticks it too."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.box = QCheckBox(self)
        self.box.setAccessibleName(text)
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.label.setBuddy(self.box)
        self.label.mousePressEvent = lambda _event: self.box.toggle()  # type: ignore[method-assign]
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)
        self.setFocusProxy(self.box)

    def text(self) -> str:
        return self.label.text()


class CheckList(QWidget):
    """Check boxes for a set of keys, in columns; ``toggled`` when any changes. ``wrap``
    lets long texts wrap over lines."""

    toggled = Signal()

    def __init__(self, parent: QWidget | None = None, columns: int = 1, wrap=False) -> None:
        super().__init__(parent)
        self.columns = columns
        self.wrap = wrap
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(2)
        self.boxes: dict[object, QCheckBox] = {}

    def set_items(self, items: list[tuple[object, str]], checked: set | None = None) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.boxes = {}
        for number, (key, text) in enumerate(items):
            holder = WrappedCheck(text, self) if self.wrap else QCheckBox(text, self)
            box = holder.box if isinstance(holder, WrappedCheck) else holder
            box.setChecked(checked is None or key in checked)
            box.toggled.connect(lambda _on: self.toggled.emit())
            self.grid.addWidget(holder, number // self.columns, number % self.columns)
            self.boxes[key] = box
        if self.boxes:
            self.setFocusProxy(next(iter(self.boxes.values())))

    def values(self) -> list:
        return [key for key, box in self.boxes.items() if box.isChecked()]

    def set_values(self, keys) -> None:
        wanted = set(keys)
        for key, box in self.boxes.items():
            box.setChecked(key in wanted)


class ConsentDialog(QDialog):
    """Record one signed form for some members of a family; ``kind`` preselects the form."""

    consents_saved = Signal(list)  # list[ConsentView]

    def __init__(
        self,
        db: Database,
        actor: Actor,
        family: FamilyView,
        parent: QWidget | None = None,
        *,
        kind: str = ConsentKind.PERSONAL_DATA,
        person_ids: tuple[uuid.UUID, ...] | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.family = family
        self.forms: list[FormView] = []
        self.setWindowTitle(_("Consent of {family}").format(family=family.title))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        self.fields = FieldForm(self)
        self._build_fields(person_ids)
        layout.addWidget(self.fields)
        self.message = error_label(self)
        layout.addWidget(self.message)
        buttons, self.save_button = dialog_buttons(
            self, _("&Record"), _("Cancel"), self.save, self.reject
        )
        layout.addWidget(buttons)
        self.save_action = ctrl_enter(self, self.save)
        self.kind.setCurrentIndex(max(self.kind.findData(str(kind)), 0))
        self.on_kind_changed()
        self.kind.currentIndexChanged.connect(self.on_kind_changed)
        self.version.currentIndexChanged.connect(self.on_version_changed)

    # -- building ---------------------------------------------------------------------------

    def _build_fields(self, person_ids: tuple[uuid.UUID, ...] | None) -> None:
        f = self.fields
        self.kind = QComboBox(self)
        for value, label in ConsentKind.choices():
            self.kind.addItem(label, value)
        f.add_field("kind", _("&Form:"), self.kind)
        self.version = QComboBox(self)
        f.add_field("version", _("&Version:"), self.version)
        self.people = CheckList(self, columns=2)
        members = [m for m in self.family.members]
        wanted = set(person_ids) if person_ids is not None else None
        self.people.set_items([(m.id, m.full_name) for m in members], wanted)
        self.people.toggled.connect(lambda: f.clear_error("people"))
        f.add_field("people", _("For &whom:"), self.people)
        self.signed_by = QComboBox(self)
        self.signed_by.addItem(_("— each adult for themselves —"), None)
        adults = signers(self.family)
        for adult in adults:
            self.signed_by.addItem(f"{adult.full_name} ({adult.role_label})", adult.id)
        if adults and any(m.is_child for m in members):
            self.signed_by.setCurrentIndex(1)
        f.add_field("signed_by", _("&Signed by:"), self.signed_by)
        self.purposes = CheckList(self, wrap=True)
        self.purposes.toggled.connect(lambda: f.clear_error("purposes"))
        f.add_field("purposes", _("&Purposes ticked:"), self.purposes)
        f.add_field("method", _("&How:"), self._build_method())
        self.witness = QLineEdit(self)
        self.witness.setPlaceholderText(_("the colleague who heard it read aloud"))
        f.add_field("witness", _("Wi&tness:"), self.witness)
        self.given_on = date_edit(self, self.db.clock.today(), latest=self.db.clock.today())
        f.add_field("given_on", _("&Date:"), self.given_on)
        self.given_on.dateChanged.connect(lambda *_a: f.clear_error("given_on"))
        self.on_method_toggled()

    def _build_method(self) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.method_group = QButtonGroup(box)
        self.methods: dict[str, QRadioButton] = {}
        for value, label in ConsentMethod.choices():
            button = QRadioButton(label, box)
            self.method_group.addButton(button)
            row.addWidget(button)
            self.methods[value] = button
        row.addStretch(1)
        self.methods[ConsentMethod.SIGNED].setChecked(True)
        self.methods[ConsentMethod.READ_ALOUD].toggled.connect(self.on_method_toggled)
        box.setFocusProxy(self.methods[ConsentMethod.SIGNED])
        return box

    # -- reacting ---------------------------------------------------------------------------

    def on_kind_changed(self, *_args: object) -> None:
        kind = self.kind.currentData()
        self.forms = self._run_read(lambda: consents.list_forms(self.db, kind)) or []
        self.version.blockSignals(True)
        self.version.clear()
        current = 0
        for number, form in enumerate(self.forms):
            text = _("version {version} of {date}").format(
                version=form.version, date=format_date(form.valid_from)
            )
            if form.is_current:
                text += " — " + _("current")
                current = number
            self.version.addItem(text, form.version)
        self.version.setCurrentIndex(current)
        self.version.blockSignals(False)
        self.on_version_changed()

    def on_version_changed(self, *_args: object) -> None:
        form = self.form()
        purposes = dict(form.body.get("purposes", {})) if form is not None else {}
        # nothing is ticked for the person: the assistant copies the ticks from the paper;
        # the one purpose without which there is no registration starts ticked
        self.purposes.set_items(list(purposes.items()), {"registration"})
        self.fields.clear_error("purposes")

    def on_method_toggled(self, *_args: object) -> None:
        aloud = self.methods[ConsentMethod.READ_ALOUD].isChecked()
        self.witness.setEnabled(aloud)
        if aloud:
            self.witness.setFocus()
        else:
            self.fields.clear_error("witness")

    def _run_read(self, call):
        try:
            return call()
        except UserError as err:
            show_message(self.message, err.message)
            return None

    # -- values -----------------------------------------------------------------------------

    def form(self) -> FormView | None:
        index = self.version.currentIndex()
        return self.forms[index] if 0 <= index < len(self.forms) else None

    def method(self) -> str:
        return next(v for v, b in self.methods.items() if b.isChecked())

    def value(self) -> ConsentInput:
        form = self.form()
        aloud = self.method() == ConsentMethod.READ_ALOUD
        return ConsentInput(
            kind=self.kind.currentData(),
            version=form.version if form is not None else 0,
            person_ids=tuple(self.people.values()),
            signed_by_id=self.signed_by.currentData(),
            purposes=tuple(self.purposes.values()),
            method=self.method(),
            witness=self.witness.text().strip() if aloud else "",
            given_on=py_date(self.given_on.date()),
        )

    def save(self) -> None:
        show_message(self.message, "")
        try:
            saved = consents.record_consents(self.db, self.actor, self.value())
        except UserError as err:
            show_message(self.message, self.fields.place_error(err))
            return
        self.consents_saved.emit(saved)
        self.accept()


class WithdrawDialog(QDialog):
    """The date a consent was withdrawn (today unless told); saving withdraws it."""

    withdrawn = Signal(object)  # ConsentView

    def __init__(
        self, db: Database, actor: Actor, consent: ConsentView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.consent = consent
        self.setWindowTitle(_("Withdrawal of a consent"))
        layout = QVBoxLayout(self)
        about = QLabel(
            _(
                "The consent of {name} for {kind} (version {version}, given on {date}) is "
                "withdrawn. From that day on the house no longer uses the data for it."
            ).format(
                name=consent.person_name,
                kind=consent.kind_label,
                version=consent.version,
                date=format_date(consent.given_on),
            ),
            self,
        )
        about.setWordWrap(True)
        layout.addWidget(about)
        self.fields = FieldForm(self)
        self.on = date_edit(self, db.clock.today(), latest=db.clock.today())
        self.on.setMinimumDate(qdate(consent.given_on))
        self.fields.add_field("withdrawn_on", _("Withdrawn &on:"), self.on)
        layout.addWidget(self.fields)
        self.message = error_label(self)
        layout.addWidget(self.message)
        buttons, self.save_button = dialog_buttons(
            self, _("&Withdraw"), _("Cancel"), self.save, self.reject
        )
        layout.addWidget(buttons)
        self.save_action = ctrl_enter(self, self.save)
        self.setMinimumWidth(460)
        self.on.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> None:
        show_message(self.message, "")
        day = py_date(self.on.date())
        try:
            view = consents.withdraw_consent(self.db, self.actor, self.consent.id, day)
        except UserError as err:
            show_message(self.message, self.fields.place_error(err))
            return
        self.withdrawn.emit(view)
        self.accept()


def consents_saved_text(saved: list[ConsentView]) -> str:
    """What the message line says after a recording, e.g. „… за 3 души от KRN-0042“."""
    first = saved[0]
    return ngettext(
        "Consent for {kind} recorded for {n} person of {family}.",
        "Consent for {kind} recorded for {n} people of {family}.",
        len(saved),
    ).format(kind=first.kind_label, n=len(saved), family=first.family_code)
