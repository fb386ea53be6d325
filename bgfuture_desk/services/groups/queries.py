"""The read side of the parenting groups: programmes, groups, sessions, who is enrolled.

Plain frozen dataclasses only. A session's counts (enrolled on its day, present) come from
one query per kind for any number of sessions, so a week or a year reads at the same pace.
Someone is on the register of a session when one of their enrolments in the group covers
the session's day: enrolled on or before it, and not left by then.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import (
    Attendance,
    Enrolment,
    Family,
    Group,
    Meeting,
    Person,
    Programme,
    Specialist,
)
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.vocab import AttendanceStatus, GroupTarget, SessionStatus
from bgfuture_desk.errors import NotFoundError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.unit import Database, clock_of, needs


@dataclass(frozen=True)
class ProgrammeView:
    id: uuid.UUID
    name: str
    description: str
    active: bool
    groups: int  # live groups not archived


@dataclass(frozen=True)
class GroupView:
    id: uuid.UUID
    programme_id: uuid.UUID
    programme_name: str
    name: str
    target: str
    target_label: str
    facilitator_id: uuid.UUID | None
    facilitator_name: str | None
    planned_sessions: int  # how many the group is meant to have
    completion_share: float
    starts_on: dt.date | None
    ends_on: dt.date | None
    archived: bool
    enrolled: int  # enrolled now (not left)
    sessions_held: int
    sessions_planned: int  # scheduled and still to be held (not cancelled)
    next_session: dt.datetime | None = None  # the first planned session from today on


@dataclass(frozen=True)
class SessionView:
    id: uuid.UUID
    group_id: uuid.UUID
    group_name: str
    programme_name: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    topic: str
    facilitator_name: str | None
    status: str
    status_label: str
    enrolled: int  # on the register that day
    present: int
    programme_id: uuid.UUID | None = None
    facilitator_id: uuid.UUID | None = None  # the session's own, else the group's
    marked: int = 0  # attendance marks recorded (any status)


@dataclass(frozen=True)
class EnrolmentView:
    person_id: uuid.UUID
    full_name: str
    family_code: str | None
    enrolled_on: dt.date
    left_on: dt.date | None


# ---- shared helpers (also used by the write side) ----


def name_order(name: str) -> str:
    return name.casefold()


def label(enum: type[GroupTarget | SessionStatus | AttendanceStatus], code: str) -> str:
    try:
        return enum(code).label
    except ValueError:
        return code


def live_programme(session: Session, programme_id: uuid.UUID) -> Programme:
    programme = session.get(Programme, programme_id)
    if programme is None or programme.deleted_at is not None:
        raise NotFoundError(_("No such programme."))
    return programme


def live_group(session: Session, group_id: uuid.UUID) -> Group:
    group = session.get(Group, group_id)
    if group is None or group.deleted_at is not None:
        raise NotFoundError(_("No such group."))
    return group


def live_session(session: Session, session_id: uuid.UUID) -> Meeting:
    meeting = session.get(Meeting, session_id)
    if meeting is None or meeting.deleted_at is not None:
        raise NotFoundError(_("No such session."))
    return meeting


def covers(enrolments: Iterable[Enrolment], day: dt.date) -> bool:
    """Whether one of a person's enrolments covers ``day``."""
    return any(e.enrolled_on <= day and (e.left_on is None or e.left_on > day) for e in enrolments)


def live_enrolments(session: Session, where: ColumnElement[bool]) -> list[Enrolment]:
    query = select(Enrolment).where(Enrolment.deleted_at.is_(None), where)
    return list(session.scalars(query.order_by(Enrolment.enrolled_on)))


def by_person(enrolments: Iterable[Enrolment]) -> dict[uuid.UUID, list[Enrolment]]:
    out: dict[uuid.UUID, list[Enrolment]] = defaultdict(list)
    for e in enrolments:
        out[e.person_id].append(e)
    return out


def live_marks(session: Session, session_id: uuid.UUID) -> dict[uuid.UUID, Attendance]:
    query = select(Attendance).where(
        Attendance.session_id == session_id, Attendance.deleted_at.is_(None)
    )
    return {a.person_id: a for a in session.scalars(query)}


def people_named(
    session: Session, ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, tuple[str, str | None]]:
    """Person id -> (full name, family code) for the given people, tombstoned ones too."""
    wanted = set(ids)
    if not wanted:
        return {}
    query = (
        select(Person, Family.code)
        .outerjoin(Family, Family.id == Person.family_id)
        .where(Person.id.in_(wanted))
    )
    return {p.id: (p.full_name, code) for p, code in session.execute(query)}


# ---- programmes and groups ----


def _programme_view(programme: Programme, groups: int) -> ProgrammeView:
    return ProgrammeView(
        programme.id, programme.name, programme.description, programme.active, groups
    )


def programme_view(session: Session, programme: Programme) -> ProgrammeView:
    groups = session.scalar(
        select(func.count()).where(
            Group.programme_id == programme.id, Group.deleted_at.is_(None), ~Group.archived
        )
    )
    return _programme_view(programme, groups or 0)


@needs(Permission.GROUPS)
def list_programmes(db: Database, include_inactive: bool = True) -> list[ProgrammeView]:
    """The house's programmes, by name, each with its number of running groups."""
    counts = (
        select(Group.programme_id, func.count().label("n"))
        .where(Group.deleted_at.is_(None), ~Group.archived)
        .group_by(Group.programme_id)
        .subquery()
    )
    query = (
        select(Programme, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.programme_id == Programme.id)
        .where(Programme.deleted_at.is_(None))
    )
    if not include_inactive:
        query = query.where(Programme.active)
    with db.read() as session:
        rows = [_programme_view(p, n) for p, n in session.execute(query)]
    return sorted(rows, key=lambda r: (not r.active, name_order(r.name)))


def _group_views(session: Session, where: ColumnElement[bool]) -> list[GroupView]:
    query = (
        select(Group, Programme.name, Specialist.full_name)
        .join(Programme, Programme.id == Group.programme_id)
        .outerjoin(Specialist, Specialist.id == Group.facilitator_id)
        .where(Group.deleted_at.is_(None), where)
    )
    rows = session.execute(query).all()
    if not rows:
        return []
    ids = [g.id for g, _p, _f in rows]
    day = clock_of(session).today()
    enrolled: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for e in live_enrolments(session, Enrolment.group_id.in_(ids)):
        if e.left_on is None or e.left_on > day:
            enrolled[e.group_id].add(e.person_id)
    counts: dict[tuple[uuid.UUID, str], int] = {}
    nexts: dict[uuid.UUID, dt.datetime] = {}
    sessions = select(Meeting.group_id, Meeting.status, Meeting.starts_at).where(
        Meeting.deleted_at.is_(None), Meeting.group_id.in_(ids)
    )
    midnight = dt.datetime.combine(day, dt.time())
    for group_id, status, starts_at in session.execute(sessions):
        counts[group_id, status] = counts.get((group_id, status), 0) + 1
        if status == SessionStatus.PLANNED and starts_at >= midnight:
            nexts[group_id] = min(starts_at, nexts.get(group_id, starts_at))
    views = [
        GroupView(
            id=g.id,
            programme_id=g.programme_id,
            programme_name=programme,
            name=g.name,
            target=g.target,
            target_label=label(GroupTarget, g.target),
            facilitator_id=g.facilitator_id,
            facilitator_name=facilitator,
            planned_sessions=g.planned_sessions,
            completion_share=g.completion_share,
            starts_on=g.starts_on,
            ends_on=g.ends_on,
            archived=g.archived,
            enrolled=len(enrolled[g.id]),
            sessions_held=counts.get((g.id, SessionStatus.HELD), 0),
            sessions_planned=counts.get((g.id, SessionStatus.PLANNED), 0),
            next_session=nexts.get(g.id),
        )
        for g, programme, facilitator in rows
    ]
    return sorted(views, key=lambda v: (name_order(v.programme_name), name_order(v.name)))


def group_view(session: Session, group_id: uuid.UUID) -> GroupView:
    live_group(session, group_id)
    return _group_views(session, Group.id == group_id)[0]


@needs(Permission.GROUPS)
def list_groups(
    db: Database, programme_id: uuid.UUID | None = None, include_archived: bool = False
) -> list[GroupView]:
    """Groups by programme and name; archived ones only when asked for."""
    where = Group.programme_id == programme_id if programme_id else Group.id.is_not(None)
    if not include_archived:
        where = where & ~Group.archived
    with db.read() as session:
        return _group_views(session, where)


@needs(Permission.GROUPS)
def get_group(db: Database, group_id: uuid.UUID) -> GroupView:
    with db.read() as session:
        return group_view(session, group_id)


# ---- sessions ----


def session_views(session: Session, where: ColumnElement[bool]) -> list[SessionView]:
    """Live sessions matching ``where``, in time order, with their day's counts."""
    facilitator = func.coalesce(Meeting.facilitator_id, Group.facilitator_id)
    query = (
        select(Meeting, Group, Programme.name, Specialist.full_name, facilitator)
        .join(Group, Group.id == Meeting.group_id)
        .join(Programme, Programme.id == Group.programme_id)
        .outerjoin(Specialist, Specialist.id == facilitator)
        .where(Meeting.deleted_at.is_(None), where)
        .order_by(Meeting.starts_at, Group.name, Meeting.id)
    )
    rows = session.execute(query).all()
    if not rows:
        return []
    chosen = select(Meeting.id).where(Meeting.deleted_at.is_(None), where)
    enrolments: dict[uuid.UUID, list[Enrolment]] = defaultdict(list)
    groups = select(Meeting.group_id).where(Meeting.deleted_at.is_(None), where)
    for e in live_enrolments(session, Enrolment.group_id.in_(groups)):
        enrolments[e.group_id].append(e)
    marks = (
        select(Attendance.session_id, Attendance.status, func.count())
        .where(Attendance.deleted_at.is_(None), Attendance.session_id.in_(chosen))
        .group_by(Attendance.session_id, Attendance.status)
    )
    present: dict[uuid.UUID, int] = defaultdict(int)
    marked: dict[uuid.UUID, int] = defaultdict(int)
    for session_id, status, n in session.execute(marks):
        marked[session_id] += n
        if status == AttendanceStatus.PRESENT:
            present[session_id] += n
    out = []
    for s, g, programme, facilitator_name, facilitator_id in rows:
        day = s.starts_at.date()
        people = by_person(enrolments[g.id])
        out.append(
            SessionView(
                id=s.id,
                group_id=g.id,
                group_name=g.name,
                programme_name=programme,
                starts_at=s.starts_at,
                ends_at=s.ends_at,
                place=s.place,
                topic=s.topic,
                facilitator_name=facilitator_name,
                status=s.status,
                status_label=label(SessionStatus, s.status),
                enrolled=sum(covers(mine, day) for mine in people.values()),
                present=present[s.id],
                programme_id=g.programme_id,
                facilitator_id=facilitator_id,
                marked=marked[s.id],
            )
        )
    return out


@needs(Permission.GROUPS)
def get_session(db: Database, session_id: uuid.UUID) -> SessionView:
    with db.read() as session:
        live_session(session, session_id)
        return session_views(session, Meeting.id == session_id)[0]


@needs(Permission.GROUPS)
def group_sessions(db: Database, group_id: uuid.UUID) -> list[SessionView]:
    """Every session of a group, cancelled ones included, in time order."""
    with db.read() as session:
        live_group(session, group_id)
        return session_views(session, Meeting.group_id == group_id)


@needs(Permission.GROUPS)
def sessions_between(db: Database, first: dt.date, last: dt.date) -> list[SessionView]:
    """Sessions of every group starting from ``first`` to ``last`` inclusive (a week's
    calendar); cancelled ones are included so the calendar can show them struck out."""
    start = dt.datetime.combine(first, dt.time())
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
    with db.read() as session:
        return session_views(session, (Meeting.starts_at >= start) & (Meeting.starts_at < end))


@needs(Permission.GROUPS)
def enrolled_people(
    db: Database, group_id: uuid.UUID, include_left: bool = False
) -> list[EnrolmentView]:
    """Who is enrolled in the group now (and who left, when asked), by name."""
    with db.read() as session:
        live_group(session, group_id)
        enrolments = live_enrolments(session, Enrolment.group_id == group_id)
        names = people_named(session, (e.person_id for e in enrolments))
    day = db.clock.today()
    rows = [
        EnrolmentView(e.person_id, *names.get(e.person_id, ("?", None)), e.enrolled_on, e.left_on)
        for e in enrolments
        if include_left or e.left_on is None or e.left_on > day
    ]
    return sorted(rows, key=lambda r: (r.left_on is not None, name_order(r.full_name)))
