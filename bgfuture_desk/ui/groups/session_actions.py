"""What the session buttons do: schedule, move or change, cancel (with undo), print.

Each action ends with signals the page connects: read again (``changed``, with the group
and the session to keep) and say what was done (``notified``), with an undo where the
services offer one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from bgfuture_desk.domain.vocab import SessionStatus
from bgfuture_desk.i18n import _, ngettext
from bgfuture_desk.services.groups import service as groups
from bgfuture_desk.services.groups.service import GroupView, ScheduleResult, SessionView
from bgfuture_desk.services.printouts import catalogue as printouts
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.services.visits.service import SpecialistRow
from bgfuture_desk.ui.groups.schedule_dialog import ScheduleDialog, holidays_text
from bgfuture_desk.ui.groups.session_dialog import SessionDialog
from bgfuture_desk.ui.models.group_texts import day_with_weekday, time_span
from bgfuture_desk.ui.widgets.actions import ScreenActions
from bgfuture_desk.ui.widgets.fields import confirm
from bgfuture_desk.ui.widgets.pdf_preview import show_pdf_preview


def schedule_text(result: ScheduleResult) -> str:
    """„Насрочени са 10 срещи. Пропуснати официални празници: вт, 03.03.2026.“"""
    made = len(result.sessions)
    lines = [ngettext("{n} session was scheduled.", "{n} sessions were scheduled.", made)
             .format(n=made)]  # fmt: skip
    if result.skipped:
        lines.append(
            _("Official holidays skipped: {days}.").format(days=holidays_text(result.skipped))
        )
    if result.existing:
        lines.append(
            _("Already scheduled at that time: {days}.").format(days=holidays_text(result.existing))
        )
    return " ".join(lines)


def when_text(session: SessionView) -> str:
    when = time_span(session.starts_at, session.ends_at)
    return f"{day_with_weekday(session.starts_at.date())}, {when}"


class SessionActions(ScreenActions):
    changed = Signal(object, object)  # the group id and the session id to keep chosen
    scheduled = Signal(str)  # what was scheduled, for the sessions tab

    def __init__(
        self,
        db: Database,
        parent: QWidget,
        actor: Callable[[], Actor | None],
        specialists: Callable[[], list[SpecialistRow]],
        today: Callable[[], dt.date],
    ) -> None:
        super().__init__(db, parent, actor)
        self.specialists = specialists
        self.today = today

    def schedule(self, group: GroupView) -> None:
        actor = self.actor()
        if actor is None:
            return
        sessions = groups.group_sessions(self.db, group.id)
        sessions = [s for s in sessions if s.status != SessionStatus.CANCELLED]
        dialog = ScheduleDialog(
            self.db,
            actor,
            group,
            self.specialists(),
            self.today(),
            self.parent_widget,
            last_session=sessions[-1] if sessions else None,
        )
        dialog.saved.connect(lambda result: self._on_scheduled(group, result))
        self.open_dialog(dialog)

    def _on_scheduled(self, group: GroupView, result: ScheduleResult) -> None:
        first = result.sessions[0].id if result.sessions else None
        self.changed.emit(group.id, first)
        text = schedule_text(result)
        self.scheduled.emit(text)
        self.notify(text)

    def move(self, session: SessionView) -> None:
        actor = self.actor()
        if actor is None:
            return
        dialog = SessionDialog(self.db, actor, session, self.specialists(), self.parent_widget)
        dialog.saved.connect(self._on_moved)
        self.open_dialog(dialog)

    def _on_moved(self, session: SessionView) -> None:
        self.changed.emit(session.group_id, session.id)
        self.notify(_("The session was saved: {when}.").format(when=when_text(session)))

    def cancel(self, session: SessionView) -> None:
        if session.status == SessionStatus.CANCELLED:
            self._restore(session)
            return
        text = _(
            "Cancel the session of {when}? It no longer counts as held; it can be restored."
        ).format(when=when_text(session))
        self.open_dialog(
            confirm(
                self.parent_widget,
                _("Cancel the session"),
                text,
                _("&Cancel the session"),
                lambda: self._cancel(session),
            )
        )

    def _cancel(self, session: SessionView) -> None:
        done = self.run(lambda: groups.cancel_session(self.db, self.signed_in(), session.id))
        if done is None:
            return
        self.changed.emit(session.group_id, session.id)
        self.notify(
            _("The session of {when} was cancelled.").format(when=when_text(session)),
            undo=lambda: self._restore(session),
        )

    def _restore(self, session: SessionView) -> None:
        back = self.run(lambda: groups.restore_session(self.db, self.signed_in(), session.id))
        if back is None:
            return
        self.changed.emit(session.group_id, session.id)
        self.notify(_("The session of {when} is back.").format(when=when_text(session)))

    def print_sheet(self, session: SessionView) -> None:
        """Empty before the session, with the marks after it (the service decides)."""
        pdf = self.run(lambda: printouts.make(self.db, "attendance", [str(session.id)]))
        if pdf is None:
            return
        self.open_dialog(
            show_pdf_preview(
                self.parent_widget,
                pdf,
                _("Attendance sheet of {group}, {when}").format(
                    group=session.group_name, when=when_text(session)
                ),
                _("attendance-{date}.pdf").format(date=session.starts_at.strftime("%Y-%m-%d")),
            )
        )
