"""The opened family: who they are, who came today, why, and the big check-in button.

The panel shows and collects; the page runs the services when the panel asks
(``check_in_requested`` and the family's other buttons). The family's consent state and
each member's photo consent are shown, so nobody works without knowing them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.domain.clock import Clock
from bgfuture_desk.domain.phones import format_phone
from bgfuture_desk.i18n import _
from bgfuture_desk.services.consents.service import FamilyConsentState
from bgfuture_desk.services.families.service import FamilyView, PersonView
from bgfuture_desk.services.visits.service import SpecialistRow
from bgfuture_desk.ui.models.consent_table_model import state_style
from bgfuture_desk.ui.models.family_member_model import (
    COL_NAME,
    COL_PHOTO,
    COL_TODAY,
    FamilyMemberModel,
)
from bgfuture_desk.ui.widgets.fields import PurposeChecks, SpecialistCombo, py_datetime, qdatetime
from bgfuture_desk.ui.widgets.form import reserved_error_label, show_message
from bgfuture_desk.ui.widgets.page import page_heading
from bgfuture_desk.ui.widgets.styles import PRIMARY_ACTION_STYLE

PHOTO_WIDTH = 96
MEMBER_ROWS_SHOWN = 3  # at the least; the list takes whatever height is left
NOTICE_STYLE = "color: #b3261e; font-weight: bold;"
NOTE_STYLE = "color: #555555; font-style: italic;"


@dataclass(frozen=True)
class CheckInRequest:
    family_id: uuid.UUID
    person_ids: list[uuid.UUID]
    purposes: list[str]
    specialist_id: uuid.UUID | None
    at: dt.datetime | None  # a visit entered later, with its real time


class MembersView(QTableView):
    """Space ticks or unticks the current member, wherever the cursor is in the row."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        model = self.model()
        if (
            event.key() == Qt.Key.Key_Space
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and isinstance(model, FamilyMemberModel)
            and self.currentIndex().isValid()
        ):
            model.toggle(self.currentIndex().row())
            return
        super().keyPressEvent(event)


def _button(text: str, parent: QWidget, signal) -> QPushButton:
    button = QPushButton(text, parent)
    button.clicked.connect(lambda: signal.emit())
    return button


class FamilyPanel(QWidget):
    check_in_requested = Signal(object)  # CheckInRequest
    edit_family_requested = Signal()
    add_member_requested = Signal()
    edit_member_requested = Signal(object)  # PersonView
    move_member_requested = Signal(object)  # PersonView
    merge_requested = Signal()
    archive_requested = Signal()
    print_requested = Signal()
    consents_requested = Signal()
    referral_requested = Signal(object)  # PersonView, or FamilyView when nobody is chosen
    access_requested = Signal(object)  # PersonView
    erase_member_requested = Signal(object)  # PersonView (administrators only)
    erase_family_requested = Signal()

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.family: FamilyView | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._build_header(layout)
        self._build_members(layout)
        self._build_check_in(layout)
        self._build_family_buttons(layout)

    # -- building ---------------------------------------------------------------------------

    def _build_header(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        self.title = page_heading("", self)
        row.addWidget(self.title, 1)
        self.notice = QLabel(self)
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.setWordWrap(True)
        row.addWidget(self.notice)
        layout.addLayout(row)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        row = QHBoxLayout()
        self.consent_label = QLabel(self)
        self.consent_label.setAccessibleName(_("Consent of the family"))
        self.consents_button = _button(_("&Consents…"), self, self.consents_requested)
        row.addWidget(self.consent_label)
        row.addWidget(self.consents_button)
        row.addStretch(1)
        self._build_erase_button(row)
        layout.addLayout(row)

    def _build_erase_button(self, row: QHBoxLayout) -> None:
        self.erase_button = QPushButton(_("Erase the personal data…"), self)
        menu = QMenu(self.erase_button)
        self.erase_member_action = menu.addAction(_("Of the chosen member…"))
        self.erase_member_action.triggered.connect(
            lambda: self._with_member(self.erase_member_requested)
        )
        self.erase_family_action = menu.addAction(_("Of the whole family…"))
        self.erase_family_action.triggered.connect(lambda: self.erase_family_requested.emit())
        self.erase_button.setMenu(menu)
        self.erase_button.hide()  # shown to administrators (``allow_erasure``)
        row.addWidget(self.erase_button)

    def _build_members(self, layout: QVBoxLayout) -> None:
        layout.addWidget(QLabel(_("Members — tick who came (Space ticks the current one):"), self))
        self.members = FamilyMemberModel(self)
        self.members_view = MembersView(self)
        self.members_view.setModel(self.members)
        self.members_view.setAccessibleName(_("Members of the family"))
        self.members_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.members_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members_view.verticalHeader().hide()
        self.members_view.setAlternatingRowColors(True)
        header = self.members_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # an empty column (nobody with an ЕГН) still shows its short header whole
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("ЕГН") + 24)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_TODAY, QHeaderView.ResizeMode.ResizeToContents)
        # the purposes are elided to a fixed width, in full in the tooltip
        header.setSectionResizeMode(COL_PHOTO, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_PHOTO, PHOTO_WIDTH)
        self.members_view.doubleClicked.connect(self.on_member_double_clicked)
        self.members_view.selectionModel().currentChanged.connect(self._update_member_buttons)
        # one line a member, cut text in full in its tooltip: a family of six shows whole
        self.members_view.setWordWrap(False)
        self.members_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        row_height = self.fontMetrics().height() + 8
        self.members_view.verticalHeader().setDefaultSectionSize(row_height)
        self.members_view.setMinimumHeight((MEMBER_ROWS_SHOWN + 1) * row_height)
        layout.addWidget(self.members_view, 1)
        row = QHBoxLayout()
        self.add_member_button = _button(_("New &member…"), self, self.add_member_requested)
        self.edit_member_button = QPushButton(_("Edit the membe&r…"), self)
        self.move_member_button = QPushButton(_("Mo&ve the member…"), self)
        self.edit_member_button.clicked.connect(
            lambda: self._with_member(self.edit_member_requested)
        )
        self.move_member_button.clicked.connect(
            lambda: self._with_member(self.move_member_requested)
        )
        self.referral_button = QPushButton(_("Referral…"), self)
        self.referral_button.clicked.connect(self.request_referral)
        self.access_button = QPushButton(_("Access re&port (art. 15)…"), self)
        self.access_button.clicked.connect(lambda: self._with_member(self.access_requested))
        for button in (
            self.add_member_button,
            self.edit_member_button,
            self.move_member_button,
            self.referral_button,
            self.access_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

    def _build_check_in(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        purposes_label = QLabel(_("&Purpose of the visit (keys 1–9 and 0 tick it):"), self)
        row.addWidget(purposes_label)
        self.purposes_note = QLabel(self)
        self.purposes_note.setStyleSheet(NOTE_STYLE)
        row.addWidget(self.purposes_note, 1)
        layout.addLayout(row)
        self.purposes = PurposeChecks(self, columns=3, numbered=True)
        for box in self.purposes.boxes.values():
            box.toggled.connect(lambda _on: self.purposes_note.clear())
        purposes_label.setBuddy(self.purposes.first_box())
        layout.addWidget(self.purposes)
        grid = QGridLayout()
        specialist_label = QLabel(_("&Specialist:"), self)
        self.specialist = SpecialistCombo(self)
        specialist_label.setBuddy(self.specialist)
        grid.addWidget(specialist_label, 0, 0)
        grid.addWidget(self.specialist, 0, 1)
        self.earlier = QCheckBox(_("The visit was ea&rlier:"), self)
        self.earlier_at = QDateTimeEdit(self)
        self.earlier_at.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.earlier_at.setCalendarPopup(True)
        self.earlier_at.setEnabled(False)
        self.earlier.toggled.connect(self.on_earlier_toggled)
        grid.addWidget(self.earlier, 0, 2)
        grid.addWidget(self.earlier_at, 0, 3)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.check_in_button = QPushButton(_("Check &in"), self)
        self.check_in_button.setStyleSheet(PRIMARY_ACTION_STYLE)
        font = QFont(self.check_in_button.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.check_in_button.setFont(font)
        self.check_in_button.clicked.connect(self.request_check_in)
        # the refusal beside the button, in room kept for it: nothing moves when it comes
        row = QHBoxLayout()
        self.check_in_button.setMinimumWidth(self.check_in_button.sizeHint().width() + 24)
        row.addWidget(self.check_in_button)
        self.error = reserved_error_label(self, lines=2)
        row.addWidget(self.error, 1)
        layout.addLayout(row)

    def _build_family_buttons(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        self.edit_family_button = _button(_("&Edit the family…"), self, self.edit_family_requested)
        self.merge_button = _button(_("Mer&ge with another…"), self, self.merge_requested)
        self.archive_button = _button(_("Archi&ve…"), self, self.archive_requested)
        self.print_button = _button(_("Print the &card…"), self, self.print_requested)
        for button in (
            self.edit_family_button,
            self.merge_button,
            self.archive_button,
            self.print_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

    # -- showing a family -------------------------------------------------------------------

    def set_specialists(self, rows: list[SpecialistRow]) -> None:
        self.specialist.set_rows(rows)

    def show_family(
        self,
        family: FamilyView,
        here: dict[uuid.UUID, dt.datetime],
        last_purposes: Iterable[str] = (),
    ) -> None:
        """Show ``family``; ``here`` maps members now in the house to their check-in time.
        The purposes and the specialist stay as they were when the same family is shown
        again (after a save); another family starts with ``last_purposes`` ticked (those of
        its latest visit: a family mostly comes for the same thing)."""
        another = self.family is None or self.family.id != family.id
        self.family = family
        self.title.setText(family.title)
        self.details.setText(self._details_text(family))
        self.notice.setText(self._notice_text(family))
        self.notice.setVisible(bool(self.notice.text()))
        self.members.set_rows(list(family.members), here, today=self.clock.today())
        if family.members:
            self.members_view.setCurrentIndex(self.members.index(0, COL_NAME))
        self.archive_button.setText(
            _("Bring &back from the archive") if family.archived else _("Archi&ve…")
        )
        usable = family.merged_into_id is None
        for button in (self.check_in_button, self.merge_button, self.add_member_button):
            button.setEnabled(usable)
        self._update_member_buttons()
        self.show_consent(None)
        if another:
            self.purposes.set_values(last_purposes)
            self.purposes_note.setText(_("as at the last visit") if last_purposes else "")
            self.specialist.set_value(None)
            self.earlier.setChecked(False)
        if not self.earlier.isChecked():
            now = self.clock.now()
            self.earlier_at.setMaximumDateTime(qdatetime(now))
            self.earlier_at.setDateTime(qdatetime(now.replace(second=0)))
        self.show_error("")

    def show_consent(self, state: FamilyConsentState | None) -> None:
        """The family's consent state in its colour, each member's photo consent in the list;
        ``None`` while it is not known."""
        label = self.consent_label
        if state is None:
            label.setText("")
            label.setToolTip("")
            self.members.set_photos(None)
            return
        label.setText(_("Consent: {state}").format(state=state.state_label))
        label.setStyleSheet(state_style(state.state))
        lines = []
        if state.missing:
            lines.append(_("Without consent: {names}").format(names=", ".join(state.missing)))
        if state.withdrawn:
            lines.append(_("Withdrawn by: {names}").format(names=", ".join(state.withdrawn)))
        label.setToolTip("\n".join(lines))
        self.members.set_photos(state.photo)

    def consent_text(self) -> str:
        return self.consent_label.text()

    def _details_text(self, family: FamilyView) -> str:
        phones = " · ".join(format_phone(p) for p in (family.phone, family.phone2) if p)
        parts = [p for p in (family.settlement, family.address, phones) if p]
        text = ", ".join(parts)
        if family.notes:
            text += "\n" + _("Notes: {notes}").format(notes=family.notes)
        return text

    def _notice_text(self, family: FamilyView) -> str:
        if family.merged_into_code:
            return _("Merged into {code}").format(code=family.merged_into_code)
        if family.archived:
            return _("Archived")
        return ""

    def _update_member_buttons(self, *_args: object) -> None:
        chosen = self.current_member() is not None
        usable = self.family is not None and self.family.merged_into_id is None
        self.edit_member_button.setEnabled(chosen)
        self.move_member_button.setEnabled(chosen and usable)
        self.access_button.setEnabled(chosen)
        self.referral_button.setEnabled(self.family is not None and usable)

    def allow_erasure(self, allowed: bool) -> None:
        self.erase_button.setVisible(allowed)

    def current_member(self) -> PersonView | None:
        return self.members.row_at(self.members_view.currentIndex())

    def _with_member(self, signal) -> None:
        person = self.current_member()
        if person is not None:
            signal.emit(person)

    def request_referral(self) -> None:
        """A referral for the chosen member, or for the family when nobody is chosen."""
        target = self.current_member() or self.family
        if target is not None:
            self.referral_requested.emit(target)

    def on_member_double_clicked(self, index) -> None:
        person = self.members.row_at(index)
        if person is not None and index.column() != COL_NAME:
            self.edit_member_requested.emit(person)

    def on_earlier_toggled(self, on: bool) -> None:
        self.earlier_at.setEnabled(on)
        if on:
            self.earlier_at.setFocus()

    # -- checking in ------------------------------------------------------------------------

    def purpose_key(self, event: QKeyEvent) -> bool:
        """A digit (1–9, 0 for the tenth) ticks or unticks its purpose; True when it did."""
        if self.family is None or not self.check_in_button.isEnabled():
            return False
        plain = Qt.KeyboardModifier.NoModifier | Qt.KeyboardModifier.KeypadModifier
        if event.modifiers() | plain != plain:
            return False
        return self.purposes.toggle_key(event.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Digits no child used (the members, the purposes, the buttons) tick purposes."""
        if self.purpose_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def request(self) -> CheckInRequest | None:
        if self.family is None:
            return None
        at = py_datetime(self.earlier_at.dateTime()) if self.earlier.isChecked() else None
        return CheckInRequest(
            family_id=self.family.id,
            person_ids=self.members.checked_ids(),
            purposes=self.purposes.values(),
            specialist_id=self.specialist.value(),
            at=at,
        )

    def request_check_in(self) -> None:
        request = self.request()
        if request is not None and self.check_in_button.isEnabled():
            self.check_in_requested.emit(request)

    def show_error(self, text: str) -> None:
        show_message(self.error, text)
        self.error.setToolTip(text)  # in full, should a long refusal not fit its room

    def after_check_in(self) -> None:
        """Ready for the next family: nothing ticked, purposes kept off."""
        self.purposes.clear()
        self.purposes_note.clear()
        self.earlier.setChecked(False)
        self.show_error("")
