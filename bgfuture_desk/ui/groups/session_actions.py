"""What the session buttons do: schedule, move or change, cancel (with undo), print."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bgfuture_desk.domain.vocab import SessionStatus
from bgfuture_desk.i18n import _, ngettext
from bgfuture_desk.services.groups import service as groups
from bgfuture_desk.services.groups.service import GroupView, ScheduleResult, SessionView
from bgfuture_desk.services.printouts import printing
from bgfuture_desk.ui.groups.schedule_dialog import ScheduleDialog, holidays_text
from bgfuture_desk.ui.groups.session_dialog import SessionDialog
from bgfuture_desk.ui.models.group_texts import day_with_weekday, time_span
from bgfuture_desk.ui.widgets.fields import confirm
from bgfuture_desk.ui.widgets.pdf_preview import show_pdf_preview

if TYPE_CHECKING:
    from bgfuture_desk.ui.groups.page import GroupsPage


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


class SessionActions:
    def __init__(self, page: GroupsPage) -> None:
        self.page = page

    def schedule(self, group: GroupView) -> None:
        page = self.page
        if page.actor is None:
            return
        sessions = groups.group_sessions(page.db, group.id)
        sessions = [s for s in sessions if s.status != SessionStatus.CANCELLED]
        dialog = ScheduleDialog(
            page.db,
            page.actor,
            group,
            page.specialists(),
            page.today(),
            page,
            last_session=sessions[-1] if sessions else None,
        )
        dialog.saved.connect(lambda result: self._on_scheduled(group, result))
        page.show_dialog(dialog)

    def _on_scheduled(self, group: GroupView, result: ScheduleResult) -> None:
        first = result.sessions[0].id if result.sessions else None
        self.page.refresh(keep=group.id, session=first)
        text = schedule_text(result)
        self.page.group_panel.sessions.show_result(text)
        self.page.notify(text)

    def move(self, session: SessionView) -> None:
        page = self.page
        if page.actor is None:
            return
        dialog = SessionDialog(page.db, page.actor, session, page.specialists(), page)
        dialog.saved.connect(self._on_moved)
        page.show_dialog(dialog)

    def _on_moved(self, session: SessionView) -> None:
        self.page.refresh(keep=session.group_id, session=session.id)
        self.page.notify(_("The session was saved: {when}.").format(when=when_text(session)))

    def cancel(self, session: SessionView) -> None:
        if session.status == SessionStatus.CANCELLED:
            self._restore(session)
            return
        text = _(
            "Cancel the session of {when}? It no longer counts as held; it can be restored."
        ).format(when=when_text(session))
        self.page.show_dialog(
            confirm(
                self.page,
                _("Cancel the session"),
                text,
                _("&Cancel the session"),
                lambda: self._cancel(session),
            )
        )

    def _cancel(self, session: SessionView) -> None:
        page = self.page
        done = page.run(lambda: groups.cancel_session(page.db, page.signed_in(), session.id))
        if done is None:
            return
        page.refresh(keep=session.group_id, session=session.id)
        page.notify(
            _("The session of {when} was cancelled.").format(when=when_text(session)),
            undo=lambda: self._restore(session),
        )

    def _restore(self, session: SessionView) -> None:
        page = self.page
        back = page.run(lambda: groups.restore_session(page.db, page.signed_in(), session.id))
        if back is None:
            return
        page.refresh(keep=session.group_id, session=session.id)
        page.notify(_("The session of {when} is back.").format(when=when_text(session)))

    def print_sheet(self, session: SessionView) -> None:
        """Empty before the session, with the marks after it (the service decides)."""
        page = self.page
        pdf = page.run(lambda: printing.attendance_sheet(page.db, session.id))
        if pdf is None:
            return
        page.dialog = show_pdf_preview(
            page,
            pdf,
            _("Attendance sheet of {group}, {when}").format(
                group=session.group_name, when=when_text(session)
            ),
            _("attendance-{date}.pdf").format(date=session.starts_at.strftime("%Y-%m-%d")),
        )
