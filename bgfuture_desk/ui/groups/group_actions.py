"""What the programme and group buttons do: the dialogs, confirmations, enrolment, undo.

Kept apart from the page so the page stays about showing. Each action ends by asking the
page to read again what changed (``page.refresh``) and saying what was done, with an undo
where the services offer one.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.families.search import SearchHit
from bgfuture_desk.services.groups import service as groups
from bgfuture_desk.services.groups.service import EnrolmentView, GroupView, ProgrammeView
from bgfuture_desk.ui.groups.group_dialog import GroupDialog
from bgfuture_desk.ui.groups.history_dialog import PersonHistoryDialog
from bgfuture_desk.ui.groups.person_picker import PersonPickerDialog
from bgfuture_desk.ui.groups.programme_dialog import ProgrammeDialog
from bgfuture_desk.ui.widgets.fields import confirm

if TYPE_CHECKING:
    from bgfuture_desk.ui.groups.page import GroupsPage


class GroupActions:
    def __init__(self, page: GroupsPage) -> None:
        self.page = page

    # -- programmes ---------------------------------------------------------------------------

    def new_programme(self) -> None:
        page = self.page
        if page.actor is None:
            return
        dialog = ProgrammeDialog(page.db, page.actor, page)
        dialog.saved.connect(self._on_programme_saved)
        page.show_dialog(dialog)

    def edit_programme(self, programme: ProgrammeView) -> None:
        page = self.page
        if page.actor is None:
            return
        dialog = ProgrammeDialog(page.db, page.actor, page, programme=programme)
        dialog.saved.connect(self._on_programme_saved)
        page.show_dialog(dialog)

    def _on_programme_saved(self, programme: ProgrammeView) -> None:
        self.page.refresh(keep=programme.id)
        self.page.notify(_("The programme „{name}“ was saved.").format(name=programme.name))

    # -- groups -------------------------------------------------------------------------------

    def new_group(self, programme_id: uuid.UUID | None) -> None:
        page = self.page
        if page.actor is None:
            return
        dialog = GroupDialog(
            page.db,
            page.actor,
            groups.list_programmes(page.db),
            page.specialists(),
            page,
            programme_id=programme_id,
        )
        dialog.saved.connect(self._on_group_saved)
        page.show_dialog(dialog)

    def edit_group(self, group: GroupView) -> None:
        page = self.page
        if page.actor is None:
            return
        dialog = GroupDialog(
            page.db,
            page.actor,
            groups.list_programmes(page.db),
            page.specialists(),
            page,
            group=group,
        )
        dialog.saved.connect(self._on_group_saved)
        page.show_dialog(dialog)

    def _on_group_saved(self, group: GroupView) -> None:
        self.page.refresh(keep=group.id)
        self.page.notify(_("The group „{name}“ was saved.").format(name=group.name))

    def archive(self, group: GroupView) -> None:
        if group.archived:
            self._unarchive(group)
            return
        text = _(
            "Archive the group „{name}“? It leaves the lists; its sessions, enrolments and "
            "attendance stay, and it can be brought back."
        ).format(name=group.name)
        self.page.show_dialog(
            confirm(
                self.page, _("Archive the group"), text, _("&Archive"), lambda: self._archive(group)
            )
        )

    def _archive(self, group: GroupView) -> None:
        page = self.page
        if not page.attempt(lambda: groups.archive_group(page.db, page.signed_in(), group.id)):
            return
        page.refresh(keep=group.programme_id)
        page.notify(
            _("The group „{name}“ was archived.").format(name=group.name),
            undo=lambda: self._unarchive(group),
        )

    def _unarchive(self, group: GroupView) -> None:
        page = self.page
        back = page.run(lambda: groups.unarchive_group(page.db, page.signed_in(), group.id))
        if back is None:
            return
        page.refresh(keep=group.id)
        page.notify(_("The group „{name}“ is back from the archive.").format(name=group.name))

    # -- enrolment ----------------------------------------------------------------------------

    def enrol(self, group: GroupView) -> None:
        page = self.page
        picker = PersonPickerDialog(
            page.db,
            page.search_index(),
            _("Enrol in „{group}“").format(group=group.name),
            _(
                "&Find a person by name, phone, EGN or family code, then press Enter. "
                "Enrol as many as you need; „Close“ when done."
            ),
            _("&Enrol"),
            page,
        )
        picker.person_picked.connect(lambda hit: self._enrol_one(picker, group, hit))
        picker.finished.connect(lambda _result: page.refresh(keep=group.id))
        page.show_dialog(picker)

    def _enrol_one(self, picker: PersonPickerDialog, group: GroupView, hit: SearchHit) -> None:
        page = self.page
        try:
            groups.enrol(page.db, page.signed_in(), group.id, hit.id)
        except UserError as err:
            picker.show_result(err.message, ok=False)
            return
        picker.show_result(_("Enrolled: {name}.").format(name=hit.name), ok=True)
        page.notify(_("{name} was enrolled in „{group}“.").format(name=hit.name, group=group.name))

    def unenrol(self, group: GroupView, row: EnrolmentView) -> None:
        text = _(
            "Unenrol {name} from „{group}“ from today? Past attendance stays in the history."
        ).format(name=row.full_name, group=group.name)
        self.page.show_dialog(
            confirm(
                self.page,
                _("Unenrol"),
                text,
                _("&Unenrol"),
                lambda: self._unenrol(group, row),
            )
        )

    def _unenrol(self, group: GroupView, row: EnrolmentView) -> None:
        page = self.page
        if not page.attempt(
            lambda: groups.unenrol(page.db, page.signed_in(), group.id, row.person_id)
        ):
            return
        page.refresh(keep=group.id)
        page.notify(
            _("{name} was unenrolled from „{group}“.").format(name=row.full_name, group=group.name),
            undo=lambda: self._enrol_again(group, row),
        )

    def _enrol_again(self, group: GroupView, row: EnrolmentView) -> None:
        page = self.page
        if page.attempt(lambda: groups.enrol(page.db, page.signed_in(), group.id, row.person_id)):
            page.refresh(keep=group.id)
            page.notify(
                _("{name} is enrolled in „{group}“ again.").format(
                    name=row.full_name, group=group.name
                )
            )

    # -- history ------------------------------------------------------------------------------

    def history(self, person_id: uuid.UUID, name: str) -> None:
        page = self.page
        try:
            dialog = PersonHistoryDialog(page.db, person_id, name, page)
        except UserError as err:
            page.notify(err.message, error=True)
            return
        page.show_dialog(dialog)
