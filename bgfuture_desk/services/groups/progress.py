"""Completion, a person's history in the groups, and each programme's numbers for a month.

A participant's share counts the held sessions of the group while they were enrolled (and
any other held session they were marked at); cancelled sessions never count. A participant
has *completed* a group once the group is over (every session that was not cancelled has
been held) and their present marks reach the group's share; ``on_track`` says the same
of a group still running. A completion belongs to the month of the group's last session.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import Attendance, Enrolment, Group, Meeting, Programme
from bgfuture_desk.domain.groups import completed as has_completed
from bgfuture_desk.domain.months import Month, MonthError
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.vocab import AttendanceStatus, SessionStatus
from bgfuture_desk.errors import ValidationError
from bgfuture_desk.services.families.queries import live_person
from bgfuture_desk.services.groups.queries import (
    by_person,
    covers,
    label,
    live_enrolments,
    live_group,
    name_order,
    people_named,
)
from bgfuture_desk.services.unit import Database, needs


@dataclass(frozen=True)
class ParticipantProgress:
    person_id: uuid.UUID
    full_name: str
    family_code: str | None
    attended: int  # present marks at held sessions
    held: int  # held sessions that count for this person
    share: float  # attended / held (0 when nothing was held)
    completed: bool  # the group is over and the share was reached
    on_track: bool = False  # the share is reached so far (the group may still run)
    left_on: dt.date | None = None  # left the group on this day


@dataclass(frozen=True)
class PersonGroupRow:
    """One group in a person's history, with their progress in it."""

    group_id: uuid.UUID
    group_name: str
    programme_name: str
    enrolled_on: dt.date | None  # None: only came as a walk-in
    left_on: dt.date | None
    attended: int
    held: int
    share: float
    completed: bool
    on_track: bool


@dataclass(frozen=True)
class HistoryRow:
    session_id: uuid.UUID
    group_id: uuid.UUID
    group_name: str
    programme_name: str
    starts_at: dt.datetime
    status: str  # the person's AttendanceStatus
    status_label: str
    walk_in: bool
    note: str


@dataclass(frozen=True)
class ProgrammeNumbers:
    programme_id: uuid.UUID
    programme_name: str
    sessions_held: int
    unique_participants: int  # people present at least once
    average_attendance: float  # present marks per held session
    completions: int  # participants completing a group whose last session is in the month


@dataclass
class _GroupFacts:
    """What completion needs of one group: its held sessions, marks and enrolments."""

    group: Group
    held: dict[uuid.UUID, dt.date]  # held session id -> its day
    over: bool  # every session not cancelled has been held
    marks: dict[uuid.UUID, dict[uuid.UUID, str]]  # person -> session -> status
    enrolments: dict[uuid.UUID, list[Enrolment]]

    @property
    def last_day(self) -> dt.date | None:
        return max(self.held.values(), default=None)

    def progress(self, person_id: uuid.UUID) -> tuple[int, int, float, bool, bool]:
        mine, marks = self.enrolments.get(person_id, []), self.marks.get(person_id, {})
        counted = [s for s, day in self.held.items() if s in marks or covers(mine, day)]
        attended = sum(marks.get(s) == AttendanceStatus.PRESENT for s in counted)
        share = attended / len(counted) if counted else 0.0
        on_track = has_completed(attended, len(counted), self.group.completion_share)
        return attended, len(counted), share, self.over and on_track, on_track


def _facts(session: Session, group: Group) -> _GroupFacts:
    sessions = session.execute(
        select(Meeting.id, Meeting.status, Meeting.starts_at).where(
            Meeting.group_id == group.id, Meeting.deleted_at.is_(None)
        )
    ).all()
    held = {sid: at.date() for sid, status, at in sessions if status == SessionStatus.HELD}
    over = bool(held) and all(status != SessionStatus.PLANNED for _s, status, _a in sessions)
    marks: dict[uuid.UUID, dict[uuid.UUID, str]] = defaultdict(dict)
    if held:
        query = select(Attendance.person_id, Attendance.session_id, Attendance.status).where(
            Attendance.deleted_at.is_(None), Attendance.session_id.in_(list(held))
        )
        for person_id, session_id, status in session.execute(query):
            marks[person_id][session_id] = status
    enrolments = by_person(live_enrolments(session, Enrolment.group_id == group.id))
    return _GroupFacts(group, held, over, marks, enrolments)


def _left_on(enrolments: list[Enrolment]) -> dt.date | None:
    """The day a person left, when none of their enrolments is still open."""
    if not enrolments or any(e.left_on is None for e in enrolments):
        return None
    return max(e.left_on for e in enrolments if e.left_on is not None)


def _participants(session: Session, facts: _GroupFacts) -> list[ParticipantProgress]:
    names = people_named(session, facts.enrolments)
    rows = []
    for person_id, mine in facts.enrolments.items():
        attended, held, share, done, on_track = facts.progress(person_id)
        name, code = names.get(person_id, ("?", None))
        rows.append(
            ParticipantProgress(
                person_id, name, code, attended, held, share, done, on_track, _left_on(mine)
            )
        )
    return sorted(rows, key=lambda r: (r.left_on is not None, name_order(r.full_name)))


@needs(Permission.GROUPS)
def group_progress(db: Database, group_id: uuid.UUID) -> list[ParticipantProgress]:
    """Everyone ever enrolled in the group (those who left last), with their share."""
    with db.read() as session:
        group = live_group(session, group_id)
        return _participants(session, _facts(session, group))


@needs(Permission.GROUPS)
def person_groups(db: Database, person_id: uuid.UUID) -> list[PersonGroupRow]:
    """The groups a person was enrolled in or came to, newest first."""
    with db.read() as session:
        person = live_person(session, person_id)
        enrolled = select(Enrolment.group_id).where(
            Enrolment.person_id == person.id, Enrolment.deleted_at.is_(None)
        )
        came = (
            select(Meeting.group_id)
            .join(Attendance, Attendance.session_id == Meeting.id)
            .where(Attendance.person_id == person.id, Attendance.deleted_at.is_(None))
        )
        query = (
            select(Group, Programme.name)
            .join(Programme, Programme.id == Group.programme_id)
            .where(Group.deleted_at.is_(None), Group.id.in_(enrolled.union(came)))
        )
        rows = []
        for group, programme in session.execute(query):
            facts = _facts(session, group)
            mine = facts.enrolments.get(person.id, [])
            attended, held, share, done, on_track = facts.progress(person.id)
            rows.append(
                PersonGroupRow(
                    group.id,
                    group.name,
                    programme,
                    min((e.enrolled_on for e in mine), default=None),
                    _left_on(mine),
                    attended,
                    held,
                    share,
                    done,
                    on_track,
                )
            )
    return sorted(rows, key=lambda r: r.enrolled_on or dt.date.min, reverse=True)


@needs(Permission.GROUPS)
def person_history(db: Database, person_id: uuid.UUID) -> list[HistoryRow]:
    """Every session the person was marked at (cancelled ones left out), newest first."""
    query = (
        select(Attendance, Meeting, Group.name, Programme.name)
        .join(Meeting, Meeting.id == Attendance.session_id)
        .join(Group, Group.id == Meeting.group_id)
        .join(Programme, Programme.id == Group.programme_id)
        .where(
            Attendance.person_id == person_id,
            Attendance.deleted_at.is_(None),
            Meeting.deleted_at.is_(None),
            Meeting.status != SessionStatus.CANCELLED,
            Group.deleted_at.is_(None),
        )
        .order_by(Meeting.starts_at.desc())
    )
    with db.read() as session:
        live_person(session, person_id)
        return [
            HistoryRow(
                s.id,
                s.group_id,
                group,
                programme,
                s.starts_at,
                a.status,
                label(AttendanceStatus, a.status),
                a.walk_in,
                a.note,
            )
            for a, s, group, programme in session.execute(query)
        ]


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """ "2026-11" -> (1 November, 1 December); a Bulgarian error for anything else."""
    try:
        return Month.parse(month).bounds
    except MonthError as err:
        raise ValidationError({"month": str(err)}) from None


def _held_in(
    session: Session, first: dt.date, after: dt.date
) -> list[tuple[uuid.UUID, uuid.UUID, uuid.UUID]]:
    query = (
        select(Meeting.id, Group.programme_id, Group.id)
        .join(Group, Group.id == Meeting.group_id)
        .where(
            Meeting.deleted_at.is_(None),
            Group.deleted_at.is_(None),
            Meeting.status == SessionStatus.HELD,
            Meeting.starts_at >= dt.datetime.combine(first, dt.time()),
            Meeting.starts_at < dt.datetime.combine(after, dt.time()),
        )
    )
    return [(sid, pid, gid) for sid, pid, gid in session.execute(query)]


def _completions(session: Session, group_ids: set[uuid.UUID], first: dt.date, after: dt.date
) -> dict[uuid.UUID, int]:
    """Programme id -> completions of groups whose last held session is in the month."""
    out: dict[uuid.UUID, int] = defaultdict(int)
    for group_id in group_ids:
        facts = _facts(session, live_group(session, group_id))
        last = facts.last_day
        if facts.over and last is not None and first <= last < after:
            done = sum(facts.progress(pid)[3] for pid in facts.enrolments)
            out[facts.group.programme_id] += done
    return out


@needs(Permission.REPORTS)
def programme_numbers(db: Database, month: str) -> list[ProgrammeNumbers]:
    """Per programme for "YYYY-MM": sessions held, people present, present marks per
    session, completions. Active programmes always appear; others when they had sessions."""
    first, after = month_bounds(month)
    with db.read() as session:
        held = _held_in(session, first, after)
        sessions_of: dict[uuid.UUID, int] = defaultdict(int)
        programme_of = {sid: pid for sid, pid, _g in held}
        for _sid, pid, _g in held:
            sessions_of[pid] += 1
        present: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        if held:
            query = select(Attendance.session_id, Attendance.person_id).where(
                Attendance.deleted_at.is_(None),
                Attendance.status == AttendanceStatus.PRESENT,
                Attendance.session_id.in_(list(programme_of)),
            )
            for sid, person_id in session.execute(query):
                present[programme_of[sid]].append(person_id)
        completions = _completions(session, {g for _s, _p, g in held}, first, after)
        programmes = session.scalars(select(Programme).where(Programme.deleted_at.is_(None)))
        rows = [
            ProgrammeNumbers(
                p.id,
                p.name,
                sessions_of[p.id],
                len(set(present[p.id])),
                round(len(present[p.id]) / sessions_of[p.id], 2) if sessions_of[p.id] else 0.0,
                completions[p.id],
            )
            for p in programmes
            if p.active or sessions_of[p.id]
        ]
    return sorted(rows, key=lambda r: name_order(r.programme_name))
