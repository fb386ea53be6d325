"""Parenting groups: programmes and groups, the attendance register, the week, the numbers.

The first tab shows the programmes with their groups above and the chosen group below
(its sessions, participants and completion). The register is marked from the keyboard.
Every tab reads from the services when shown after a change; messages go to the window's
status line, with an undo where the services offer one.
"""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QMessageBox,
    QSplitter,
    QWidget,
)

from bgfuture_desk.domain.vocab import SessionStatus
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services.families.search import SharedSearch
from bgfuture_desk.services.groups import service as groups
from bgfuture_desk.services.groups.service import GroupView, SessionView
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.services.visits import service as visits
from bgfuture_desk.services.visits.service import SpecialistRow
from bgfuture_desk.ui.groups.group_actions import GroupActions
from bgfuture_desk.ui.groups.group_panel import GroupPanel
from bgfuture_desk.ui.groups.numbers_panel import NumbersPanel
from bgfuture_desk.ui.groups.person_picker import PersonPickerDialog
from bgfuture_desk.ui.groups.programmes_panel import ProgrammesPanel
from bgfuture_desk.ui.groups.register_panel import RegisterPanel
from bgfuture_desk.ui.groups.session_actions import SessionActions
from bgfuture_desk.ui.groups.week_panel import WeekPanel
from bgfuture_desk.ui.widgets.desk_page import DeskPage


class GroupsPage(DeskPage):
    TITLE = N_("Groups")

    def __init__(
        self, db: Database, parent: QWidget | None = None, search: SharedSearch | None = None
    ) -> None:
        super().__init__(db, parent, search)
        self._specialists: list[SpecialistRow] | None = None
        self.loaded = False
        self.stale: set[QWidget] = set()
        self.chosen_session: uuid.UUID | None = None  # on the sessions tab, not yet opened
        self.group_actions = GroupActions(
            db, self, self.current_actor, self.specialists, self.search_index
        )
        self.session_actions = SessionActions(
            db, self, self.current_actor, self.specialists, self.today
        )
        self.build_tabs(step_keys=False)  # the week steps with Ctrl+PgUp / Ctrl+PgDown
        self.tabs.addTab(self._build_groups_tab(), _("&Programmes and groups"))
        self.register = RegisterPanel(db, self.current_actor, self.today, self.tabs)
        self.week = WeekPanel(db, self.today, self.tabs)
        self.numbers = NumbersPanel(db, self.today, self.tabs)
        self.tabs.addTab(self.register, _("Attendance &register"))
        self.tabs.addTab(self.week, _("&Week"))
        self.tabs.addTab(self.numbers, _("&Numbers"))
        self._connect()

    def _build_groups_tab(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Vertical, self.tabs)
        splitter.setChildrenCollapsible(False)
        self.programmes = ProgrammesPanel(splitter)
        self.group_panel = GroupPanel(splitter)
        splitter.addWidget(self.programmes)
        splitter.addWidget(self.group_panel)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([290, 420])
        self.groups_tab = splitter
        return splitter

    def _connect(self) -> None:
        self._connect_actions()
        panel, actions = self.programmes, self.group_actions
        panel.group_chosen.connect(self.on_group_chosen)
        panel.new_programme_requested.connect(actions.new_programme)
        panel.edit_programme_requested.connect(actions.edit_programme)
        panel.new_group_requested.connect(actions.new_group)
        panel.edit_group_requested.connect(actions.edit_group)
        panel.archive_requested.connect(actions.archive)
        panel.show_archived_changed.connect(lambda _on: self.refresh())
        sessions, session_actions = self.group_panel.sessions, self.session_actions
        sessions.schedule_requested.connect(self.on_schedule_requested)
        sessions.move_requested.connect(session_actions.move)
        sessions.cancel_requested.connect(session_actions.cancel)
        sessions.register_requested.connect(self.open_register)
        sessions.print_requested.connect(session_actions.print_sheet)
        sessions.session_chosen.connect(self.on_session_chosen)
        participants = self.group_panel.participants
        participants.enrol_requested.connect(self.on_enrol_requested)
        participants.unenrol_requested.connect(self.on_unenrol_requested)
        participants.history_requested.connect(actions.history)
        participants.show_left_changed.connect(lambda _on: self.show_group(self.current_group()))
        self.group_panel.progress.history_requested.connect(actions.history)
        self.register.attendance_saved.connect(self.on_attendance_saved)
        self.register.history_requested.connect(actions.history)
        self.register.print_requested.connect(session_actions.print_sheet)
        self.register.walk_in_requested.connect(self.on_walk_in_requested)
        self.register.notified.connect(self.on_notified)
        self.week.session_opened.connect(self.open_register)
        self.numbers.notified.connect(self.on_notified)
        self.tabs.currentChanged.connect(self.on_tab_changed)

    def _connect_actions(self) -> None:
        """The actions say what happened; the page reads again and shows it."""
        for actions in (self.group_actions, self.session_actions):
            actions.notified.connect(self.on_notified)
            actions.dialog_opened.connect(self.on_dialog_opened)
        self.group_actions.changed.connect(lambda keep: self.refresh(keep=keep))
        self.session_actions.changed.connect(
            lambda keep, session: self.refresh(keep=keep, session=session)
        )
        self.session_actions.scheduled.connect(self.group_panel.sessions.show_result)

    def on_notified(self, text: str, error: bool, undo) -> None:
        self.notify(text, error=error, undo=undo)

    def on_dialog_opened(self, dialog: QDialog | QMessageBox) -> None:
        self.dialog = dialog

    # -- life cycle ---------------------------------------------------------------------------

    def set_actor(self, actor: Actor) -> None:
        super().set_actor(actor)
        self.programmes.set_actor(actor)

    def current_actor(self) -> Actor | None:
        """Who works now, asked by the panels and the actions when they act."""
        return self.actor

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.loaded = True
            self.refresh()
            self.stale = {self.register, self.week, self.numbers}
        self.on_tab_changed(self.tabs.currentIndex())

    def hideEvent(self, event: QHideEvent) -> None:
        """Leaving the page: the specialists are read again when next needed."""
        self._specialists = None
        self.stale |= {self.week, self.numbers}
        super().hideEvent(event)

    def on_tab_changed(self, _index: int) -> None:
        tab = self.tabs.currentWidget()
        if not self.isVisible() or tab is None:
            return
        if tab is self.register and self.chosen_session is not None:
            self.stale.discard(tab)
            self.register.open_session(self.chosen_session)
            self.chosen_session = None
        elif tab in self.stale:
            self.stale.discard(tab)
            if tab is self.register and self.register.session is None:
                self.open_default_session()
            elif (panel := self._panel(tab)) is not None:
                panel.reload()
        if tab is self.groups_tab:
            self.programmes.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        elif (panel := self._panel(tab)) is not None:
            panel.focus_first()

    def _panel(self, tab: QWidget) -> RegisterPanel | WeekPanel | NumbersPanel | None:
        """The tab as the panel it is (every tab but the first)."""
        panels: tuple[RegisterPanel | WeekPanel | NumbersPanel, ...] = (
            self.register,
            self.week,
            self.numbers,
        )
        return next((panel for panel in panels if panel is tab), None)

    # -- shared services ----------------------------------------------------------------------

    def today(self) -> dt.date:
        return self.db.clock.today()

    def specialists(self) -> list[SpecialistRow]:
        if self._specialists is None:
            self._specialists = visits.list_specialists(self.db)
        return self._specialists

    # -- the programmes and the chosen group --------------------------------------------------

    def current_group(self) -> GroupView | None:
        return self.programmes.current_group()

    def refresh(
        self,
        keep: uuid.UUID | None = None,
        session: uuid.UUID | None = None,
        *,
        register_too: bool = True,
    ) -> None:
        """Read the programmes and groups again, keep (or choose) a row, show its group;
        the other tabs read again when next shown (the register unless it made the change)."""
        if keep is None:
            item = self.programmes.current_item()
            keep = item.id if item is not None else None
        programmes = groups.list_programmes(self.db)
        shown = groups.list_groups(
            self.db, include_archived=self.programmes.show_archived.isChecked()
        )
        if keep is None:
            keep = next_to_meet(shown)
        self.programmes.blockSignals(True)
        self.programmes.set_rows(programmes, shown, keep)
        self.programmes.blockSignals(False)
        self.show_group(self.current_group(), session)
        self.stale |= {self.week, self.numbers}
        if register_too:
            self.stale.add(self.register)
        current = self.tabs.currentWidget()
        if current is not self.groups_tab:
            self.on_tab_changed(self.tabs.currentIndex())

    def on_group_chosen(self, group: GroupView | None) -> None:
        self.show_group(group)

    def show_group(self, group: GroupView | None, session: uuid.UUID | None = None) -> None:
        panel = self.group_panel
        panel.show_group(group)
        if group is None:
            panel.sessions.show_group(None, [])
            panel.participants.show_group(None, [])
            panel.progress.show_group(None, [])
            return
        try:
            sessions = groups.group_sessions(self.db, group.id)
            left = panel.participants.show_left.isChecked()
            enrolled = groups.enrolled_people(self.db, group.id, include_left=left)
            progress = groups.group_progress(self.db, group.id)
        except UserError as err:
            self.notify(err.message, error=True)
            return
        panel.sessions.show_group(group, sessions, session)
        panel.participants.show_group(group, enrolled)
        panel.progress.show_group(group, progress)

    def on_schedule_requested(self) -> None:
        group = self.current_group()
        if group is not None:
            self.session_actions.schedule(group)

    def on_enrol_requested(self) -> None:
        group = self.current_group()
        if group is not None:
            self.group_actions.enrol(group)

    def on_unenrol_requested(self, row) -> None:
        group = self.current_group()
        if group is not None:
            self.group_actions.unenrol(group, row)

    # -- the register -------------------------------------------------------------------------

    def on_session_chosen(self, session: SessionView | None) -> None:
        """The register tab opens next on the session chosen among the group's sessions
        (a choice made while the register is shown comes from a refresh, not the assistant)."""
        if self.tabs.currentWidget() is not self.register:
            self.chosen_session = session.id if session is not None else None

    def open_register(self, session: SessionView) -> None:
        self.chosen_session = None
        self.stale.discard(self.register)
        self.tabs.setCurrentWidget(self.register)
        self.register.open_session(session.id)
        self.register.focus_first()

    def open_default_session(self) -> None:
        """The register opened with nothing chosen: today's first session, if there is one."""
        today = [
            s for s in groups.sessions_between(self.db, self.today(), self.today())
            if s.status != SessionStatus.CANCELLED
        ]  # fmt: skip
        if today:
            self.register.open_session(today[0].id)

    def on_attendance_saved(self, session: SessionView) -> None:
        self.refresh(keep=session.group_id, session=session.id, register_too=False)

    def on_walk_in_requested(self) -> None:
        session = self.register.session
        if session is None:
            return
        picker = PersonPickerDialog(
            self.db,
            self.search_index(),
            _("Add a walk-in"),
            _(
                "&Find the person who came without being enrolled, then press Enter. They are "
                "marked present; Ctrl+S saves the register."
            ),
            _("&Add"),
            self,
        )

        def picked(hit) -> None:
            if self.register.add_walk_in(hit.id, hit.name, hit.family_code):
                picker.show_result(_("Added: {name}.").format(name=hit.name), ok=True)
            else:
                picker.show_result(
                    _("{name} is already on the register.").format(name=hit.name), ok=False
                )

        picker.person_picked.connect(picked)
        picker.finished.connect(lambda _result: self.register.focus_first())
        self.show_dialog(picker)


def next_to_meet(shown: list[GroupView]) -> uuid.UUID | None:
    """The group whose next session comes first (the one the assistant most likely wants
    when the page opens), else the first group."""
    coming = [g for g in shown if g.next_session is not None]
    if coming:
        return min(coming, key=lambda g: g.next_session or dt.datetime.max).id
    return shown[0].id if shown else None
