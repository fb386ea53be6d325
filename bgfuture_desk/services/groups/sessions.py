"""Scheduling the sessions of a group: one-off or recurring, moved, cancelled, restored.

A recurring schedule skips official holidays and says which (``ScheduleResult.skipped``);
a session already there at the same time is not made twice (``existing``). A session
without a facilitator of its own is led by the group's facilitator.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import Group, Meeting, Specialist
from bgfuture_desk.domain.groups import ScheduleError, session_dates
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.vocab import SessionStatus
from bgfuture_desk.errors import UserError, ValidationError
from bgfuture_desk.i18n import _, format_date, format_datetime
from bgfuture_desk.services.groups.queries import (
    SessionView,
    live_group,
    live_marks,
    live_session,
    session_views,
)
from bgfuture_desk.services.unit import Actor, Database, guarded

MAX_PLACE, MAX_TOPIC = 200, 300


@dataclass(frozen=True)
class SessionInput:
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str = ""
    topic: str = ""
    facilitator_id: uuid.UUID | None = None


@dataclass(frozen=True)
class ScheduleResult:
    sessions: list[SessionView]  # the sessions made, in time order
    skipped: list[dt.date]  # official holidays on which the group does not meet
    existing: list[dt.date] = field(default_factory=list)  # already scheduled at that time


def _text_errors(place: str, topic: str, errors: dict[str, str]) -> None:
    if len(place) > MAX_PLACE:
        errors["place"] = _("The place may have at most {n} characters.").format(n=MAX_PLACE)
    if len(topic) > MAX_TOPIC:
        errors["topic"] = _("The topic may have at most {n} characters.").format(n=MAX_TOPIC)


def _facilitator_errors(
    session: Session, facilitator_id: uuid.UUID | None, errors: dict[str, str]
) -> None:
    if facilitator_id is None:
        return
    specialist = session.get(Specialist, facilitator_id)
    if specialist is None or specialist.deleted_at is not None:
        errors["facilitator_id"] = _("No such specialist.")


def _times_errors(start: dt.datetime, end: dt.datetime, errors: dict[str, str]) -> None:
    if end <= start:
        errors["end"] = _("The session ends before it starts ({start} – {end}).").format(
            start=format_datetime(start), end=format_datetime(end)
        )
    elif end - start > dt.timedelta(hours=12):
        errors["end"] = _("A session cannot last more than 12 hours.")


def _running_group(session: Session, group_id: uuid.UUID) -> Group:
    group = live_group(session, group_id)
    if group.archived:
        raise UserError(_("The group „{name}“ is archived.").format(name=group.name))
    return group


def _taken(session: Session, group_id: uuid.UUID) -> set[dt.datetime]:
    query = select(Meeting.starts_at).where(
        Meeting.group_id == group_id,
        Meeting.deleted_at.is_(None),
        Meeting.status != SessionStatus.CANCELLED,
    )
    return set(session.scalars(query))


def _new_session(group: Group, house_id: uuid.UUID, data: SessionInput) -> Meeting:
    return Meeting(
        id=uuid.uuid4(),
        house_id=house_id,
        group_id=group.id,
        starts_at=data.starts_at.replace(second=0, microsecond=0),
        ends_at=data.ends_at.replace(second=0, microsecond=0),
        place=data.place.strip(),
        topic=data.topic.strip(),
        facilitator_id=data.facilitator_id or group.facilitator_id,
        status=SessionStatus.PLANNED,
    )


def _stretch_dates(group: Group, days: list[dt.date]) -> None:
    """A group without dates of its own takes those of its sessions."""
    if days and group.starts_on is None:
        group.starts_on = min(days)
    if days and group.ends_on is None:
        group.ends_on = max(days)


@guarded(Permission.GROUPS)
def schedule_sessions(
    db: Database,
    actor: Actor,
    group_id: uuid.UUID,
    *,
    first: dt.date,
    last: dt.date,
    repeat: str,
    start: dt.time,
    end: dt.time,
    place: str = "",
    topic: str = "",
    facilitator_id: uuid.UUID | None = None,
) -> ScheduleResult:
    """One session on ``first`` ("once") or one every week or fortnight up to ``last``."""
    errors: dict[str, str] = {}
    _times_errors(dt.datetime.combine(first, start), dt.datetime.combine(first, end), errors)
    _text_errors(place, topic, errors)
    days: list[dt.date] = []
    skipped: list[dt.date] = []
    try:
        days, skipped = session_dates(first, last, repeat)
    except ScheduleError as err:
        errors[err.field] = err.message
    with db.unit(actor, "schedule_sessions") as uow:
        _facilitator_errors(uow.session, facilitator_id, errors)
        if errors:
            raise ValidationError(errors)
        group = _running_group(uow.session, group_id)
        if not days:
            raise UserError(
                _("{day} is an official holiday: no session was scheduled.").format(
                    day=format_date(skipped[0])
                )
                if skipped
                else _("No day in this range to meet on.")
            )
        taken = _taken(uow.session, group.id)
        made, existing = [], []
        for day in days:
            data = SessionInput(
                dt.datetime.combine(day, start),
                dt.datetime.combine(day, end),
                place,
                topic,
                facilitator_id,
            )
            if data.starts_at.replace(second=0, microsecond=0) in taken:
                existing.append(day)
                continue
            made.append(_new_session(group, uow.house().id, data))
        uow.session.add_all(made)
        _stretch_dates(group, [s.starts_at.date() for s in made])
        uow.session.flush()
        views = session_views(uow.session, Meeting.id.in_([s.id for s in made])) if made else []
        uow.commit()
    return ScheduleResult(views, skipped, existing)


@guarded(Permission.GROUPS)
def add_session(db: Database, actor: Actor, group_id: uuid.UUID, data: SessionInput) -> SessionView:
    """One session at an exact time, on any day (an explicit choice, holidays included)."""
    errors: dict[str, str] = {}
    _times_errors(data.starts_at, data.ends_at, errors)
    _text_errors(data.place, data.topic, errors)
    with db.unit(actor, "add_session") as uow:
        _facilitator_errors(uow.session, data.facilitator_id, errors)
        if errors:
            raise ValidationError(errors)
        group = _running_group(uow.session, group_id)
        meeting = _new_session(group, uow.house().id, data)
        uow.session.add(meeting)
        _stretch_dates(group, [meeting.starts_at.date()])
        uow.session.flush()
        view = session_views(uow.session, Meeting.id == meeting.id)[0]
        uow.commit()
    return view


def _view(session: Session, meeting: Meeting) -> SessionView:
    session.flush()
    return session_views(session, Meeting.id == meeting.id)[0]


@guarded(Permission.GROUPS)
def move_session(
    db: Database,
    actor: Actor,
    session_id: uuid.UUID,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
) -> SessionView:
    """Another day or time; a session with attendance marks cannot move into the future."""
    errors: dict[str, str] = {}
    _times_errors(starts_at, ends_at, errors)
    if errors:
        raise ValidationError(errors)
    with db.unit(actor, "move_session") as uow:
        meeting = live_session(uow.session, session_id)
        if meeting.status == SessionStatus.CANCELLED:
            raise UserError(_("The session is cancelled; restore it before moving it."))
        if live_marks(uow.session, meeting.id) and starts_at.date() > uow.clock.today():
            raise UserError(
                _("The session already has attendance marks; it cannot move to a later day.")
            )
        meeting.starts_at = starts_at.replace(second=0, microsecond=0)
        meeting.ends_at = ends_at.replace(second=0, microsecond=0)
        view = _view(uow.session, meeting)
        uow.commit()
    return view


@guarded(Permission.GROUPS)
def update_session(
    db: Database,
    actor: Actor,
    session_id: uuid.UUID,
    *,
    topic: str,
    place: str,
    facilitator_id: uuid.UUID | None,
) -> SessionView:
    """The topic, the place and who leads it (None: the group's facilitator)."""
    errors: dict[str, str] = {}
    _text_errors(place, topic, errors)
    with db.unit(actor, "update_session") as uow:
        _facilitator_errors(uow.session, facilitator_id, errors)
        if errors:
            raise ValidationError(errors)
        meeting = live_session(uow.session, session_id)
        group = live_group(uow.session, meeting.group_id)
        meeting.topic, meeting.place = topic.strip(), place.strip()
        meeting.facilitator_id = facilitator_id or group.facilitator_id
        view = _view(uow.session, meeting)
        uow.commit()
    return view


@guarded(Permission.GROUPS)
def cancel_session(db: Database, actor: Actor, session_id: uuid.UUID) -> SessionView:
    """A cancelled session no longer counts as held; any marks stay, for a restore."""
    with db.unit(actor, "cancel_session") as uow:
        meeting = live_session(uow.session, session_id)
        meeting.status = SessionStatus.CANCELLED
        view = _view(uow.session, meeting)
        uow.commit()
    return view


@guarded(Permission.GROUPS)
def restore_session(db: Database, actor: Actor, session_id: uuid.UUID) -> SessionView:
    """Undo a cancel: held again if it has marks, else planned."""
    with db.unit(actor, "restore_session") as uow:
        meeting = live_session(uow.session, session_id)
        if meeting.status == SessionStatus.CANCELLED:
            held = bool(live_marks(uow.session, meeting.id))
            meeting.status = SessionStatus.HELD if held else SessionStatus.PLANNED
        view = _view(uow.session, meeting)
        uow.commit()
    return view
