"""What the today panel's buttons do: check out (the whole visit or some of its members),
correct, cancel, each with undo, and anonymous visitors."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtWidgets import QDialog, QMessageBox

from bgfuture_desk.errors import UserError, ValidationError
from bgfuture_desk.i18n import _, format_time
from bgfuture_desk.services.visits import service as visits
from bgfuture_desk.services.visits.service import VisitView
from bgfuture_desk.ui.models.visit_table_model import visitors_short, visitors_text
from bgfuture_desk.ui.reception.family_panel import CheckInRequest
from bgfuture_desk.ui.reception.visit_dialogs import AnonymousDialog, LeaveDialog, VisitDialog
from bgfuture_desk.ui.widgets.fields import confirm

if TYPE_CHECKING:
    from bgfuture_desk.ui.reception.page import ReceptionPage


T = TypeVar("T")


class VisitActions:
    def __init__(self, page: ReceptionPage) -> None:
        self.page = page
        self.dialog: QDialog | QMessageBox | None = None  # the last one opened (tests use it)

    def _run(self, call: Callable[[], T]) -> tuple[bool, T | None]:
        try:
            return True, call()
        except UserError as err:
            self.page.notify(err.message, error=True)
            return False, None

    def _show(self, dialog: QDialog | QMessageBox) -> None:
        self.dialog = dialog
        dialog.open()

    def check_in(self, request: CheckInRequest) -> None:
        """The family panel's check-in; a refusal stays in the panel beside the button."""
        page = self.page
        if page.actor is None:
            return
        try:
            visit = visits.check_in(
                page.db,
                page.actor,
                family_id=request.family_id,
                person_ids=request.person_ids,
                purposes=request.purposes,
                specialist_id=request.specialist_id,
                at=request.at,
            )
        except ValidationError as err:
            page.family_panel.show_error(" ".join(err.errors.values()))
            return
        except UserError as err:
            page.family_panel.show_error(err.message)
            return
        page.family_panel.after_check_in()
        page.after_visit_change(visit.id)
        page.notify(
            _("Checked in at {time}: {names}.").format(
                time=format_time(visit.checked_in_at), names=visitors_short(visit)
            )
        )
        page.focus_search()

    def add_anonymous(self) -> None:
        page = self.page
        if page.actor is None:
            return
        dialog = AnonymousDialog(page.db, page.actor, page.specialists, page)
        dialog.visit_saved.connect(self._on_anonymous_saved)
        self._show(dialog)

    def _on_anonymous_saved(self, visit: VisitView) -> None:
        self.page.after_visit_change(visit.id)
        self.page.notify(
            _("Checked in at {time}: {names}.").format(
                time=format_time(visit.checked_in_at), names=visitors_short(visit)
            )
        )

    def check_out(self, visit: VisitView) -> None:
        """Everyone still in leaves; undone with the message line's undo (Ctrl+Z)."""
        page = self.page
        done, left = self._run(lambda: visits.check_out(page.db, page.signed_in(), visit.id))
        if not done or left is None:
            return
        page.after_visit_change(visit.id)
        page.notify(
            _("Left at {time}: {names}.").format(
                time=format_time(left.checked_out_at) if left.checked_out_at else "",
                names=visitors_short(left),
            ),
            undo=lambda: self._undo_check_out(visit, None),
        )

    def choose_leaving(self, visit: VisitView) -> None:
        """Some members leave, the others stay: the assistant ticks who."""
        dialog = LeaveDialog(visit, self.page)
        dialog.chosen.connect(self.leave)
        self._show(dialog)

    def leave(self, visit: VisitView, person_ids: list[uuid.UUID]) -> None:
        page = self.page
        done, after = self._run(
            lambda: visits.check_out(page.db, page.signed_in(), visit.id, person_ids=person_ids)
        )
        if not done or after is None:
            return
        page.after_visit_change(visit.id)
        names = ", ".join(name for pid, name in visit.people if pid in set(person_ids))
        left_at = after.left_time(person_ids[0])  # set: they have just left
        page.notify(
            _("Left at {time}: {names}.").format(
                time=format_time(left_at) if left_at is not None else "", names=names
            ),
            undo=lambda: self._undo_check_out(visit, person_ids),
        )

    def _undo_check_out(self, visit: VisitView, person_ids: list[uuid.UUID] | None) -> None:
        page = self.page
        done, back = self._run(
            lambda: visits.undo_check_out(page.db, page.signed_in(), visit.id, person_ids)
        )
        if not done or back is None:
            return
        page.after_visit_change(visit.id)
        if person_ids is None:
            names = visitors_short(back)
        else:
            names = ", ".join(name for pid, name in back.still_in if pid in set(person_ids))
        page.notify(_("In the house again: {names}.").format(names=names))

    def correct(self, visit: VisitView) -> None:
        page = self.page
        if page.actor is None:
            return
        dialog = VisitDialog(page.db, page.actor, visit, page.specialists, page)
        dialog.visit_saved.connect(self._on_corrected)
        self._show(dialog)

    def _on_corrected(self, visit: VisitView) -> None:
        self.page.today_panel.reload(keep=visit.id)
        self.page.reshow_family()
        self.page.notify(_("The visit was corrected: {who}.").format(who=visitors_short(visit)))

    def cancel(self, visit: VisitView) -> None:
        text = _(
            "Cancel the check-in of {who} at {time}? Use this for a check-in made by mistake; "
            "it can be undone right after."
        ).format(who=visitors_text(visit), time=format_time(visit.checked_in_at))
        self._show(
            confirm(
                self.page,
                _("Cancel the visit"),
                text,
                _("&Cancel the visit"),
                lambda: self._cancel(visit),
            )
        )

    def _cancel(self, visit: VisitView) -> None:
        page = self.page
        done, _none = self._run(lambda: visits.cancel_visit(page.db, page.signed_in(), visit.id))
        if not done:
            return
        page.today_panel.reload()
        page.reshow_family()
        if not page.search.text().strip():
            page.show_today_hits()
        page.notify(
            _("The visit of {who} was cancelled.").format(who=visitors_short(visit)),
            undo=lambda: self._restore(visit),
        )

    def _restore(self, visit: VisitView) -> None:
        page = self.page
        done, restored = self._run(
            lambda: visits.restore_visit(page.db, page.signed_in(), visit.id)
        )
        if not done or restored is None:
            return
        page.today_panel.reload(keep=restored.id)
        page.reshow_family()
        if not page.search.text().strip():
            page.show_today_hits()
        page.notify(_("The visit of {who} is back.").format(who=visitors_short(restored)))
