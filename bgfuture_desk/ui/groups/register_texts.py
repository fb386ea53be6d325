"""What the register says about its session and its marks, in Bulgarian."""

from __future__ import annotations

import datetime as dt

from bgfuture_desk.domain.vocab import AttendanceStatus, SessionStatus
from bgfuture_desk.i18n import _, format_date_long, format_number
from bgfuture_desk.services.groups.service import RegisterRow, SessionView
from bgfuture_desk.ui.models.group_texts import day_with_weekday, time_span, weekday_name


def session_choice_text(session: SessionView) -> str:
    """„вт, 18.11.2025 · 10:00–11:30 · проведена“ (one entry of the session chooser)."""
    when = time_span(session.starts_at, session.ends_at)
    return f"{day_with_weekday(session.starts_at.date())} · {when} · {session.status_label}"


def session_details(session: SessionView) -> str:
    """The day in words, the time, and where, about what and with whom."""
    day = session.starts_at.date()
    parts = [f"{weekday_name(day)}, {format_date_long(day)}, "
             f"{time_span(session.starts_at, session.ends_at)}"]  # fmt: skip
    if session.place:
        parts.append(session.place)
    if session.topic:
        parts.append(_("topic: {topic}").format(topic=session.topic))
    if session.facilitator_name:
        parts.append(_("facilitator: {name}").format(name=session.facilitator_name))
    return " · ".join(parts)


def session_state(session: SessionView, today: dt.date) -> str:
    """A warning line when marks cannot be saved (cancelled, or not held yet)."""
    if session.status == SessionStatus.CANCELLED:
        return _("This session is cancelled: restore it before recording attendance.")
    if session.starts_at.date() > today:
        return _(
            "This session is still to come: attendance can be recorded from {day} on. "
            "The sheet can already be printed for signing."
        ).format(day=format_date_long(session.starts_at.date()))
    return ""


def counts_text(counts: dict[str | None, int]) -> str:
    """„Присъстват: 5 · отсъстват: 2 · извинени: 1 · неотбелязани: 3“"""
    return " · ".join(
        (
            _("Present: {n}").format(n=format_number(counts.get(AttendanceStatus.PRESENT, 0))),
            _("absent: {n}").format(n=format_number(counts.get(AttendanceStatus.ABSENT, 0))),
            _("excused: {n}").format(n=format_number(counts.get(AttendanceStatus.EXCUSED, 0))),
            _("not marked: {n}").format(n=format_number(counts.get(None, 0))),
        )
    )


def candidates_text(rows: list[RegisterRow]) -> str:
    """People checked in for a group that day who are not on the register."""
    if not rows:
        return ""
    names = ", ".join(r.full_name for r in rows)
    return _("Came for a group on this day but not enrolled: {names}.").format(names=names)
