"""What the programme and group buttons do: the dialogs, confirmations, enrolment, undo.

Kept apart from the page so the page stays about showing. The page hands down what an action
needs (the group chosen); each action ends with signals the page connects: read again
(``changed``, with the row to keep) and say what was done (``notified``), with an undo where
the services offer one.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.families.search import SearchHit, SearchIndex
from bgfuture_desk.services.groups import service as groups
from bgfuture_desk.services.groups.service import EnrolmentView, GroupView, ProgrammeView
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.services.visits.service import SpecialistRow
from bgfuture_desk.ui.groups.group_dialog import GroupDialog
from bgfuture_desk.ui.groups.history_dialog import PersonHistoryDialog
from bgfuture_desk.ui.groups.person_picker import PersonPickerDialog
from bgfuture_desk.ui.groups.programme_dialog import ProgrammeDialog
from bgfuture_desk.ui.widgets.actions import ScreenActions
from bgfuture_desk.ui.widgets.fields import confirm


class GroupActions(ScreenActions):
    changed = Signal(object)  # the programme or group id to keep chosen when reading again

    def __init__(
        self,
        db: Database,
        parent: QWidget,
        actor: Callable[[], Actor | None],
        specialists: Callable[[], list[SpecialistRow]],
        index: Callable[[], SearchIndex],
    ) -> None:
        super().__init__(db, parent, actor)
        self.specialists = specialists
        self.index = index

    # -- programmes ---------------------------------------------------------------------------

    def new_programme(self) -> None:
        actor = self.actor()
        if actor is None:
            return
        dialog = ProgrammeDialog(self.db, actor, self.parent_widget)
        dialog.saved.connect(self._on_programme_saved)
        self.open_dialog(dialog)

    def edit_programme(self, programme: ProgrammeView) -> None:
        actor = self.actor()
        if actor is None:
            return
        dialog = ProgrammeDialog(self.db, actor, self.parent_widget, programme=programme)
        dialog.saved.connect(self._on_programme_saved)
        self.open_dialog(dialog)

    def _on_programme_saved(self, programme: ProgrammeView) -> None:
        self.changed.emit(programme.id)
        self.notify(_("The programme „{name}“ was saved.").format(name=programme.name))

    # -- groups -------------------------------------------------------------------------------

    def new_group(self, programme_id: uuid.UUID | None) -> None:
        actor = self.actor()
        if actor is None:
            return
        dialog = GroupDialog(
            self.db,
            actor,
            groups.list_programmes(self.db),
            self.specialists(),
            self.parent_widget,
            programme_id=programme_id,
        )
        dialog.saved.connect(self._on_group_saved)
        self.open_dialog(dialog)

    def edit_group(self, group: GroupView) -> None:
        actor = self.actor()
        if actor is None:
            return
        dialog = GroupDialog(
            self.db,
            actor,
            groups.list_programmes(self.db),
            self.specialists(),
            self.parent_widget,
            group=group,
        )
        dialog.saved.connect(self._on_group_saved)
        self.open_dialog(dialog)

    def _on_group_saved(self, group: GroupView) -> None:
        self.changed.emit(group.id)
        self.notify(_("The group „{name}“ was saved.").format(name=group.name))

    def archive(self, group: GroupView) -> None:
        if group.archived:
            self._unarchive(group)
            return
        text = _(
            "Archive the group „{name}“? It leaves the lists; its sessions, enrolments and "
            "attendance stay, and it can be brought back."
        ).format(name=group.name)
        self.open_dialog(
            confirm(
                self.parent_widget,
                _("Archive the group"),
                text,
                _("&Archive"),
                lambda: self._archive(group),
            )
        )

    def _archive(self, group: GroupView) -> None:
        if not self.attempt(lambda: groups.archive_group(self.db, self.signed_in(), group.id)):
            return
        self.changed.emit(group.programme_id)
        self.notify(
            _("The group „{name}“ was archived.").format(name=group.name),
            undo=lambda: self._unarchive(group),
        )

    def _unarchive(self, group: GroupView) -> None:
        back = self.run(lambda: groups.unarchive_group(self.db, self.signed_in(), group.id))
        if back is None:
            return
        self.changed.emit(group.id)
        self.notify(_("The group „{name}“ is back from the archive.").format(name=group.name))

    # -- enrolment ----------------------------------------------------------------------------

    def enrol(self, group: GroupView) -> None:
        picker = PersonPickerDialog(
            self.db,
            self.index(),
            _("Enrol in „{group}“").format(group=group.name),
            _(
                "&Find a person by name, phone, EGN or family code, then press Enter. "
                "Enrol as many as you need; „Close“ when done."
            ),
            _("&Enrol"),
            self.parent_widget,
        )
        picker.person_picked.connect(lambda hit: self._enrol_one(picker, group, hit))
        picker.finished.connect(lambda _result: self.changed.emit(group.id))
        self.open_dialog(picker)

    def _enrol_one(self, picker: PersonPickerDialog, group: GroupView, hit: SearchHit) -> None:
        try:
            groups.enrol(self.db, self.signed_in(), group.id, hit.id)
        except UserError as err:
            picker.show_result(err.message, ok=False)
            return
        picker.show_result(_("Enrolled: {name}.").format(name=hit.name), ok=True)
        self.notify(_("{name} was enrolled in „{group}“.").format(name=hit.name, group=group.name))

    def unenrol(self, group: GroupView, row: EnrolmentView) -> None:
        text = _(
            "Unenrol {name} from „{group}“ from today? Past attendance stays in the history."
        ).format(name=row.full_name, group=group.name)
        self.open_dialog(
            confirm(
                self.parent_widget,
                _("Unenrol"),
                text,
                _("&Unenrol"),
                lambda: self._unenrol(group, row),
            )
        )

    def _unenrol(self, group: GroupView, row: EnrolmentView) -> None:
        if not self.attempt(
            lambda: groups.unenrol(self.db, self.signed_in(), group.id, row.person_id)
        ):
            return
        self.changed.emit(group.id)
        self.notify(
            _("{name} was unenrolled from „{group}“.").format(name=row.full_name, group=group.name),
            undo=lambda: self._enrol_again(group, row),
        )

    def _enrol_again(self, group: GroupView, row: EnrolmentView) -> None:
        if self.attempt(lambda: groups.enrol(self.db, self.signed_in(), group.id, row.person_id)):
            self.changed.emit(group.id)
            self.notify(
                _("{name} is enrolled in „{group}“ again.").format(
                    name=row.full_name, group=group.name
                )
            )

    # -- history ------------------------------------------------------------------------------

    def history(self, person_id: uuid.UUID, name: str) -> None:
        try:
            dialog = PersonHistoryDialog(self.db, person_id, name, self.parent_widget)
        except UserError as err:
            self.notify(err.message, error=True)
            return
        self.open_dialog(dialog)
