"""Enrolment in a group and the attendance register of its sessions.

The register of a session lists everyone enrolled on its day and the walk-ins already
marked. People whom the reception checked in that day with the purpose "group" are
flagged, so the screen can offer them as present. A mark for someone neither enrolled
nor named as a walk-in is refused, and the whole save with it: nothing half-recorded.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import Attendance, Enrolment, Meeting, Visit, VisitPerson, utcnow
from bgfuture_desk.db.models import VisitPurposeRow as Purpose
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.vocab import AttendanceStatus, SessionStatus, VisitPurpose
from bgfuture_desk.errors import UserError, ValidationError
from bgfuture_desk.i18n import _, format_date
from bgfuture_desk.services.families.queries import live_person
from bgfuture_desk.services.groups.queries import (
    by_person,
    covers,
    live_enrolments,
    live_group,
    live_marks,
    live_session,
    name_order,
    people_named,
)
from bgfuture_desk.services.unit import Actor, Database, clock_of, guarded, needs
from bgfuture_desk.services.visits.queries import day_bounds

MAX_NOTE = 500
STATUSES = {s.value for s in AttendanceStatus}


@dataclass(frozen=True)
class RegisterRow:
    person_id: uuid.UUID
    full_name: str
    family_code: str | None
    enrolled: bool  # False for a walk-in
    status: str | None  # an AttendanceStatus value; None: not marked yet
    note: str
    checked_in_today_for_group: bool  # offered as present


# ---- enrolment ----


@guarded(Permission.GROUPS)
def enrol(
    db: Database,
    actor: Actor,
    group_id: uuid.UUID,
    person_id: uuid.UUID,
    *,
    on: dt.date | None = None,
) -> None:
    """Enrol a person from ``on`` (today by default); someone who left may come back."""
    with db.unit(actor, "enrol") as uow:
        group = live_group(uow.session, group_id)
        if group.archived:
            raise UserError(_("The group „{name}“ is archived.").format(name=group.name))
        person = live_person(uow.session, person_id)
        mine = live_enrolments(
            uow.session, (Enrolment.group_id == group.id) & (Enrolment.person_id == person.id)
        )
        if any(e.left_on is None for e in mine):
            raise UserError(
                _("{person} is already enrolled in the group „{group}“.").format(
                    person=person.full_name, group=group.name
                )
            )
        uow.session.add(
            Enrolment(
                id=uuid.uuid4(),
                house_id=uow.house().id,
                group_id=group.id,
                person_id=person.id,
                enrolled_on=on or uow.clock.today(),
            )
        )
        uow.commit()


@guarded(Permission.GROUPS)
def unenrol(
    db: Database,
    actor: Actor,
    group_id: uuid.UUID,
    person_id: uuid.UUID,
    *,
    on: dt.date | None = None,
) -> None:
    """The person leaves the group on ``on`` (today); an enrolment made by mistake the
    same day disappears instead of leaving a zero-length trace."""
    left = on or db.clock.today()
    with db.unit(actor, "unenrol") as uow:
        group = live_group(uow.session, group_id)
        person = live_person(uow.session, person_id)
        mine = live_enrolments(
            uow.session, (Enrolment.group_id == group.id) & (Enrolment.person_id == person.id)
        )
        current = next((e for e in mine if e.left_on is None), None)
        if current is None:
            raise UserError(
                _("{person} is not enrolled in the group „{group}“.").format(
                    person=person.full_name, group=group.name
                )
            )
        if left < current.enrolled_on:
            raise ValidationError(
                {
                    "on": _("{person} was enrolled only on {day}.").format(
                        person=person.full_name, day=format_date(current.enrolled_on)
                    )
                }
            )
        if left == current.enrolled_on:
            uow.tombstone(current)
        else:
            current.left_on = left
        uow.commit()


# ---- the register ----


def _checked_in_for_group(session: Session, day: dt.date) -> set[uuid.UUID]:
    """People checked in on ``day`` with the purpose "group"."""
    start, end = day_bounds(day)
    query = (
        select(VisitPerson.person_id)
        .join(Visit, Visit.id == VisitPerson.visit_id)
        .join(Purpose, Purpose.visit_id == Visit.id)
        .where(
            VisitPerson.deleted_at.is_(None),
            Visit.deleted_at.is_(None),
            Purpose.deleted_at.is_(None),
            Purpose.purpose == VisitPurpose.GROUP,
            Visit.checked_in_at >= start,
            Visit.checked_in_at < end,
        )
    )
    return set(session.scalars(query))


def _on_register(session: Session, meeting: Meeting) -> set[uuid.UUID]:
    """Who is enrolled in the session's group on its day."""
    enrolments = by_person(live_enrolments(session, Enrolment.group_id == meeting.group_id))
    day = meeting.starts_at.date()
    return {person for person, mine in enrolments.items() if covers(mine, day)}


def _register(session: Session, meeting: Meeting) -> list[RegisterRow]:
    enrolled = _on_register(session, meeting)
    marks = live_marks(session, meeting.id)
    here = _checked_in_for_group(session, meeting.starts_at.date())
    names = people_named(session, enrolled | set(marks))
    rows = []
    for person_id in enrolled | set(marks):
        mark = marks.get(person_id)
        name, code = names.get(person_id, ("?", None))
        rows.append(
            RegisterRow(
                person_id=person_id,
                full_name=name,
                family_code=code,
                enrolled=person_id in enrolled,
                status=mark.status if mark else None,
                note=mark.note if mark else "",
                checked_in_today_for_group=person_id in here,
            )
        )
    return sorted(rows, key=lambda r: (not r.enrolled, name_order(r.full_name), str(r.person_id)))


@needs(Permission.GROUPS)
def register(db: Database, session_id: uuid.UUID) -> list[RegisterRow]:
    """The enrolled people (by name), then the walk-ins marked so far."""
    with db.read() as session:
        return _register(session, live_session(session, session_id))


@needs(Permission.GROUPS)
def walk_in_candidates(db: Database, session_id: uuid.UUID) -> list[RegisterRow]:
    """People checked in for a group on the session's day who are on no register of that
    day: likely walk-ins, for the screen to offer (they are not marked until added)."""
    with db.read() as session:
        meeting = live_session(session, session_id)
        day = meeting.starts_at.date()
        start, end = day_bounds(day)
        same_day = session.scalars(
            select(Meeting).where(
                Meeting.deleted_at.is_(None), Meeting.starts_at >= start, Meeting.starts_at < end
            )
        )
        listed = set(live_marks(session, meeting.id))
        for other in same_day:  # someone enrolled in another group of the day came for that
            listed |= _on_register(session, other)
        here = _checked_in_for_group(session, day) - listed
        names = people_named(session, here)
    rows = [RegisterRow(pid, *names.get(pid, ("?", None)), False, None, "", True) for pid in here]
    return sorted(rows, key=lambda r: name_order(r.full_name))


# ---- recording ----


def _markable(session: Session, meeting: Meeting) -> None:
    if meeting.status == SessionStatus.CANCELLED:
        raise UserError(_("The session is cancelled; restore it before recording attendance."))
    day = meeting.starts_at.date()
    if day > clock_of(session).today():
        raise UserError(
            _("The session is on {day}: attendance can be recorded from that day on.").format(
                day=format_date(day)
            )
        )


def _check_marks(
    session: Session,
    marks: Mapping[uuid.UUID, str | None],
    notes: Mapping[uuid.UUID, str],
    allowed: set[uuid.UUID],
    marked: set[uuid.UUID],
) -> None:
    """Every mark and note is for someone on the register; every status is known."""
    strangers = [pid for pid in [*marks, *notes] if pid not in allowed]
    if strangers:
        name = people_named(session, strangers[:1]).get(strangers[0], ("?", None))[0]
        raise UserError(
            _(
                "{person} is not enrolled in this group: add them as a walk-in first. "
                "Nothing was saved."
            ).format(person=name)
        )
    if any(status is not None and status not in STATUSES for status in marks.values()):
        raise ValidationError({"status": _("Choose present, absent or excused.")})
    unmarked = [pid for pid in notes if (marks[pid] is None if pid in marks else pid not in marked)]
    if unmarked:
        name = people_named(session, unmarked[:1]).get(unmarked[0], ("?", None))[0]
        raise UserError(
            _("Mark the attendance of {person} before adding a note.").format(person=name)
        )
    long = [pid for pid, text in notes.items() if len(text.strip()) > MAX_NOTE]
    if long:
        raise ValidationError(
            {"note": _("A note may have at most {n} characters.").format(n=MAX_NOTE)}
        )


def _apply(
    uow_session: Session,
    house_id: uuid.UUID,
    meeting: Meeting,
    changes: tuple[Mapping[uuid.UUID, str | None], Mapping[uuid.UUID, str]],
    enrolled: set[uuid.UUID],
    existing: dict[uuid.UUID, Attendance],
) -> None:
    marks, notes = changes
    for person_id in {*marks, *notes}:
        status = marks.get(person_id, existing[person_id].status if person_id in existing else None)
        mark = existing.get(person_id)
        if status is None:
            if mark is not None:
                mark.deleted_at = utcnow()
            continue
        if mark is None:
            mark = Attendance(
                id=uuid.uuid4(),
                house_id=house_id,
                session_id=meeting.id,
                person_id=person_id,
                walk_in=person_id not in enrolled,
                note="",
            )
            uow_session.add(mark)
            existing[person_id] = mark
        mark.status = status
        if person_id in notes:
            mark.note = notes[person_id].strip()


@guarded(Permission.GROUPS)
def record_attendance(
    db: Database,
    actor: Actor,
    session_id: uuid.UUID,
    marks: Mapping[uuid.UUID, str | None],
    notes: Mapping[uuid.UUID, str] | None = None,
    walk_ins: Iterable[uuid.UUID] = (),
) -> list[RegisterRow]:
    """Save marks (an AttendanceStatus value; None removes a mark) and notes at once.

    ``walk_ins`` are people who came without being enrolled; one without a mark of
    their own is marked present. The session counts as held while it has marks.
    Returns the register as saved.
    """
    notes = dict(notes or {})
    changes = dict(marks)
    with db.unit(actor, "record_attendance") as uow:
        session = uow.session
        meeting = live_session(session, session_id)
        _markable(session, meeting)
        enrolled = _on_register(session, meeting)
        existing = live_marks(session, meeting.id)
        newcomers = {live_person(session, pid).id for pid in walk_ins}
        for pid in newcomers - existing.keys() - changes.keys():
            changes[pid] = AttendanceStatus.PRESENT.value
        _check_marks(session, changes, notes, enrolled | set(existing) | newcomers, set(existing))
        _apply(session, uow.house().id, meeting, (changes, notes), enrolled, existing)
        session.flush()
        live = live_marks(session, meeting.id)
        meeting.status = SessionStatus.HELD if live else SessionStatus.PLANNED
        session.flush()
        rows = _register(session, meeting)
        uow.commit()
    return rows


@guarded(Permission.GROUPS)
def add_walk_in(
    db: Database, actor: Actor, session_id: uuid.UUID, person_id: uuid.UUID
) -> RegisterRow:
    """Someone came without being enrolled: on the register as present."""
    with db.read() as session:
        meeting = live_session(session, session_id)
        person = live_person(session, person_id)
        if person.id in _on_register(session, meeting) | set(live_marks(session, meeting.id)):
            raise UserError(
                _("{person} is already on the register of this session.").format(
                    person=person.full_name
                )
            )
    rows = record_attendance(db, actor, session_id, {}, walk_ins=[person_id])
    return next(r for r in rows if r.person_id == person_id)
