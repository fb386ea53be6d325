"""What the today panel's buttons do: check out (the whole visit or some of its members),
correct, cancel, each with undo, and anonymous visitors.

The page hands down what the actions need (the database, who works, the specialists); they
tell it what changed through signals: a visit came or left (``visit_changed``), was corrected
(``visit_corrected``), cancelled or brought back (``visit_removed``, ``visit_restored``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from bgfuture_desk.errors import UserError, ValidationError
from bgfuture_desk.i18n import _, format_time
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.services.visits import service as visits
from bgfuture_desk.services.visits.service import SpecialistRow, VisitView
from bgfuture_desk.ui.models.visit_table_model import visitors_short, visitors_text
from bgfuture_desk.ui.reception.family_panel import CheckInRequest
from bgfuture_desk.ui.reception.visit_dialogs import AnonymousDialog, LeaveDialog, VisitDialog
from bgfuture_desk.ui.widgets.actions import ScreenActions
from bgfuture_desk.ui.widgets.fields import confirm


class VisitActions(ScreenActions):
    checked_in = Signal(object)  # uuid of the visit just made from the family panel
    check_in_refused = Signal(str)  # why: shown in the family panel beside the button
    visit_changed = Signal(object)  # uuid of a visit someone came to or left
    visit_corrected = Signal(object)  # uuid of the visit corrected
    visit_removed = Signal()  # a visit was cancelled
    visit_restored = Signal(object)  # uuid of the cancelled visit brought back

    def __init__(
        self,
        db: Database,
        parent: QWidget,
        actor: Callable[[], Actor | None],
        specialists: Callable[[], list[SpecialistRow]],
    ) -> None:
        super().__init__(db, parent, actor)
        self.specialists = specialists

    def check_in(self, request: CheckInRequest) -> None:
        """The family panel's check-in; a refusal stays in the panel beside the button."""
        actor = self.actor()
        if actor is None:
            return
        try:
            visit = visits.check_in(
                self.db,
                actor,
                family_id=request.family_id,
                person_ids=request.person_ids,
                purposes=request.purposes,
                specialist_id=request.specialist_id,
                at=request.at,
            )
        except ValidationError as err:
            self.check_in_refused.emit(" ".join(err.errors.values()))
            return
        except UserError as err:
            self.check_in_refused.emit(err.message)
            return
        self.checked_in.emit(visit.id)
        self.notify(
            _("Checked in at {time}: {names}.").format(
                time=format_time(visit.checked_in_at), names=visitors_short(visit)
            )
        )

    def add_anonymous(self) -> None:
        actor = self.actor()
        if actor is None:
            return
        dialog = AnonymousDialog(self.db, actor, self.specialists(), self.parent_widget)
        dialog.visit_saved.connect(self._on_anonymous_saved)
        self.open_dialog(dialog)

    def _on_anonymous_saved(self, visit: VisitView) -> None:
        self.visit_changed.emit(visit.id)
        self.notify(
            _("Checked in at {time}: {names}.").format(
                time=format_time(visit.checked_in_at), names=visitors_short(visit)
            )
        )

    def check_out(self, visit: VisitView) -> None:
        """Everyone still in leaves; undone with the message line's undo (Ctrl+Z)."""
        left = self.run(lambda: visits.check_out(self.db, self.signed_in(), visit.id))
        if left is None:
            return
        self.visit_changed.emit(visit.id)
        self.notify(
            _("Left at {time}: {names}.").format(
                time=format_time(left.checked_out_at) if left.checked_out_at else "",
                names=visitors_short(left),
            ),
            undo=lambda: self._undo_check_out(visit, None),
        )

    def choose_leaving(self, visit: VisitView) -> None:
        """Some members leave, the others stay: the assistant ticks who."""
        dialog = LeaveDialog(visit, self.parent_widget)
        dialog.chosen.connect(self.leave)
        self.open_dialog(dialog)

    def leave(self, visit: VisitView, person_ids: list[uuid.UUID]) -> None:
        after = self.run(
            lambda: visits.check_out(self.db, self.signed_in(), visit.id, person_ids=person_ids)
        )
        if after is None:
            return
        self.visit_changed.emit(visit.id)
        names = ", ".join(name for pid, name in visit.people if pid in set(person_ids))
        left_at = after.left_time(person_ids[0])  # set: they have just left
        self.notify(
            _("Left at {time}: {names}.").format(
                time=format_time(left_at) if left_at is not None else "", names=names
            ),
            undo=lambda: self._undo_check_out(visit, person_ids),
        )

    def _undo_check_out(self, visit: VisitView, person_ids: list[uuid.UUID] | None) -> None:
        back = self.run(
            lambda: visits.undo_check_out(self.db, self.signed_in(), visit.id, person_ids)
        )
        if back is None:
            return
        self.visit_changed.emit(visit.id)
        if person_ids is None:
            names = visitors_short(back)
        else:
            names = ", ".join(name for pid, name in back.still_in if pid in set(person_ids))
        self.notify(_("In the house again: {names}.").format(names=names))

    def correct(self, visit: VisitView) -> None:
        actor = self.actor()
        if actor is None:
            return
        dialog = VisitDialog(self.db, actor, visit, self.specialists(), self.parent_widget)
        dialog.visit_saved.connect(self._on_corrected)
        self.open_dialog(dialog)

    def _on_corrected(self, visit: VisitView) -> None:
        self.visit_corrected.emit(visit.id)
        self.notify(_("The visit was corrected: {who}.").format(who=visitors_short(visit)))

    def cancel(self, visit: VisitView) -> None:
        text = _(
            "Cancel the check-in of {who} at {time}? Use this for a check-in made by mistake; "
            "it can be undone right after."
        ).format(who=visitors_text(visit), time=format_time(visit.checked_in_at))
        self.open_dialog(
            confirm(
                self.parent_widget,
                _("Cancel the visit"),
                text,
                _("&Cancel the visit"),
                lambda: self._cancel(visit),
            )
        )

    def _cancel(self, visit: VisitView) -> None:
        if not self.attempt(lambda: visits.cancel_visit(self.db, self.signed_in(), visit.id)):
            return
        self.visit_removed.emit()
        self.notify(
            _("The visit of {who} was cancelled.").format(who=visitors_short(visit)),
            undo=lambda: self._restore(visit),
        )

    def _restore(self, visit: VisitView) -> None:
        restored = self.run(lambda: visits.restore_visit(self.db, self.signed_in(), visit.id))
        if restored is None:
            return
        self.visit_restored.emit(restored.id)
        self.notify(_("The visit of {who} is back.").format(who=visitors_short(restored)))
