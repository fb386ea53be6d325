"""The read side of the reception: today's visitors, any past day, counts, the CLI list.

Everything here returns plain frozen dataclasses. A visit's people, purposes, family code
and specialist are gathered with three queries per call (never one per visit), so a day or
a year of visits reads at the same pace. "Now" is the database's clock (``db.clock``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import (
    Family,
    House,
    Person,
    Specialist,
    Visit,
    VisitPerson,
    VisitPurposeRow,
)
from bgfuture_desk.domain.people import is_child_person as is_child_on
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.vocab import SpecialistKind, VisitPurpose
from bgfuture_desk.errors import NotFoundError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.unit import Database, needs

_PURPOSE_ORDER = {p.value: n for n, p in enumerate(VisitPurpose)}


@dataclass(frozen=True)
class VisitView:
    id: uuid.UUID
    family_id: uuid.UUID | None
    family_code: str | None
    people: tuple[tuple[uuid.UUID, str], ...]  # (person id, full name), adults first
    children: int  # registered people under 18 on the day of the visit
    adults: int
    anonymous_adults: int
    anonymous_children: int
    purposes: tuple[str, ...]  # VisitPurpose values, in the vocabulary's order
    specialist_id: uuid.UUID | None
    specialist_name: str | None
    checked_in_at: dt.datetime
    checked_out_at: dt.datetime | None
    recorded_late: bool
    notes: str
    left: tuple[uuid.UUID, ...] = ()  # people who left before their visit is out
    left_at: tuple[tuple[uuid.UUID, dt.datetime], ...] = ()  # (person id, when they left)

    def left_time(self, person_id: uuid.UUID) -> dt.datetime | None:
        """When that person left: their own check-out, else the visit's (None: still in)."""
        own = next((at for pid, at in self.left_at if pid == person_id), None)
        return own or self.checked_out_at

    @property
    def is_open(self) -> bool:
        return self.checked_out_at is None

    @property
    def still_in(self) -> tuple[tuple[uuid.UUID, str], ...]:
        """The people of the visit in the house now (none once it is out)."""
        if not self.is_open:
            return ()
        return tuple(p for p in self.people if p[0] not in self.left)

    @property
    def here(self) -> int:
        """How many of the visit are in the house now."""
        if not self.is_open:
            return 0
        return len(self.still_in) + self.anonymous_adults + self.anonymous_children

    @property
    def is_anonymous(self) -> bool:
        return self.family_id is None

    @property
    def purpose_labels(self) -> tuple[str, ...]:
        return tuple(_purpose_label(p) for p in self.purposes)

    @property
    def visitors(self) -> int:
        """Everyone who came: registered people and anonymous visitors."""
        return len(self.people) + self.anonymous_adults + self.anonymous_children


@dataclass(frozen=True)
class DaySummary:
    day: dt.date
    children: int  # distinct registered children + anonymous children
    adults: int  # distinct registered adults + anonymous adults
    families: int  # distinct families
    anonymous_adults: int
    anonymous_children: int
    in_house_now: int  # visitors of open visits (today only; 0 for any other day)


@dataclass(frozen=True)
class SpecialistRow:
    id: uuid.UUID
    full_name: str
    kind: str
    kind_label: str


@dataclass(frozen=True)
class VisitListRow:
    """One line of ``list visits`` (the CLI turns datetimes into ISO text)."""

    id: uuid.UUID
    family_code: str | None
    people: tuple[str, ...]
    purposes: tuple[str, ...]
    checked_in_at: dt.datetime
    checked_out_at: dt.datetime | None
    house: str
    anonymous_adults: int
    anonymous_children: int


def _purpose_label(code: str) -> str:
    try:
        return VisitPurpose(code).label
    except ValueError:
        return code


def _kind_label(kind: str) -> str:
    try:
        return SpecialistKind(kind).label
    except ValueError:
        return kind


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time())
    return start, start + dt.timedelta(days=1)


def on_day(day: dt.date) -> ColumnElement[bool]:
    start, end = day_bounds(day)
    return (Visit.checked_in_at >= start) & (Visit.checked_in_at < end)


def _person_order(person: Person) -> tuple[Any, ...]:
    born = person.birth_date
    return (born is None, born or dt.date.max, person.full_name)


@dataclass
class _Parts:
    people: dict[uuid.UUID, list[Person]]
    purposes: dict[uuid.UUID, list[str]]
    # visit -> {person -> when they left}
    left: dict[uuid.UUID, dict[uuid.UUID, dt.datetime]] = field(default_factory=dict)


def _parts(session: Session, where: ColumnElement[bool]) -> _Parts:
    """The live people and purposes of every live visit matching ``where``."""
    live = Visit.deleted_at.is_(None) & where
    people: dict[uuid.UUID, list[Person]] = defaultdict(list)
    left: dict[uuid.UUID, dict[uuid.UUID, dt.datetime]] = defaultdict(dict)
    query = (
        select(VisitPerson.visit_id, VisitPerson.checked_out_at, Person)
        .join(Person, Person.id == VisitPerson.person_id)
        .join(Visit, Visit.id == VisitPerson.visit_id)
        .where(live, VisitPerson.deleted_at.is_(None))
    )
    for visit_id, out, person in session.execute(query):
        people[visit_id].append(person)
        if out is not None:
            left[visit_id][person.id] = out
    purposes: dict[uuid.UUID, list[str]] = defaultdict(list)
    purpose_query = (
        select(VisitPurposeRow.visit_id, VisitPurposeRow.purpose)
        .join(Visit, Visit.id == VisitPurposeRow.visit_id)
        .where(live, VisitPurposeRow.deleted_at.is_(None))
    )
    for visit_id, purpose in session.execute(purpose_query):
        purposes[visit_id].append(purpose)
    return _Parts(people, purposes, left)


def _sorted_purposes(codes: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(codes), key=lambda c: (_PURPOSE_ORDER.get(c, len(_PURPOSE_ORDER)), c)))


def _view(visit: Visit, code: str | None, specialist: str | None, parts: _Parts) -> VisitView:
    people = sorted(parts.people.get(visit.id, []), key=_person_order)
    day = visit.checked_in_at.date()
    children = sum(is_child_on(p, day) for p in people)
    gone = parts.left.get(visit.id, {})
    return VisitView(
        id=visit.id,
        family_id=visit.family_id,
        family_code=code,
        people=tuple((p.id, p.full_name) for p in people),
        children=children,
        adults=len(people) - children,
        anonymous_adults=visit.anonymous_adults,
        anonymous_children=visit.anonymous_children,
        purposes=_sorted_purposes(parts.purposes.get(visit.id, [])),
        specialist_id=visit.specialist_id,
        specialist_name=specialist,
        checked_in_at=visit.checked_in_at,
        checked_out_at=visit.checked_out_at,
        recorded_late=visit.recorded_late,
        notes=visit.notes,
        left=tuple(p.id for p in people if p.id in gone),
        left_at=tuple((p.id, gone[p.id]) for p in people if p.id in gone),
    )


def _views(session: Session, where: ColumnElement[bool]) -> list[VisitView]:
    """Live visits matching ``where``, newest first."""
    query = (
        select(Visit, Family.code, Specialist.full_name)
        .outerjoin(Family, Family.id == Visit.family_id)
        .outerjoin(Specialist, Specialist.id == Visit.specialist_id)
        .where(Visit.deleted_at.is_(None), where)
        .order_by(Visit.checked_in_at.desc(), Visit.created_at.desc())
    )
    rows = session.execute(query).all()
    parts = _parts(session, where) if rows else _Parts({}, {})
    return [_view(visit, code, name, parts) for visit, code, name in rows]


@needs(Permission.DESK)
def get_visit(db: Database, visit_id: uuid.UUID) -> VisitView:
    """One live visit; a cancelled or unknown one is not found."""
    with db.read() as session:
        found = _views(session, Visit.id == visit_id)
    if not found:
        raise NotFoundError(_("This visit does not exist or was cancelled."))
    return found[0]


@needs(Permission.DESK)
def visits_on(db: Database, day: dt.date) -> list[VisitView]:
    """Every live visit that began on ``day``, newest first (today or any past day)."""
    with db.read() as session:
        return _views(session, on_day(day))


@needs(Permission.DESK)
def open_visits(db: Database) -> list[VisitView]:
    """Who is in the house now: today's visits not yet checked out, newest first."""
    with db.read() as session:
        return _views(session, on_day(db.clock.today()) & Visit.checked_out_at.is_(None))


@needs(Permission.DESK)
def people_in_house(db: Database) -> dict[uuid.UUID, dt.datetime]:
    """Person id -> since when, for everyone registered who is in the house now."""
    return {pid: v.checked_in_at for v in open_visits(db) for pid, _name in v.still_in}


@needs(Permission.DESK)
def last_purposes(db: Database, family_id: uuid.UUID) -> tuple[str, ...]:
    """The purposes of the family's most recent live visit, in the vocabulary's order (a
    family mostly comes for the same thing, so the desk offers them again); () when none."""
    latest = (
        select(Visit.id)
        .where(Visit.family_id == family_id, Visit.deleted_at.is_(None))
        .order_by(Visit.checked_in_at.desc(), Visit.created_at.desc())
        .limit(1)
    )
    query = select(VisitPurposeRow.purpose).where(
        VisitPurposeRow.visit_id == latest.scalar_subquery(),
        VisitPurposeRow.deleted_at.is_(None),
    )
    with db.read() as session:
        return _sorted_purposes(list(session.scalars(query)))


def _distinct_people(session: Session, day: dt.date, visits: list[VisitView]) -> tuple[int, int]:
    """(children, adults) among the distinct registered people of the day's visits."""
    ids = {pid for v in visits for pid, _name in v.people}
    if not ids:
        return 0, 0
    people = session.scalars(select(Person).where(Person.id.in_(ids))).all()
    children = sum(is_child_on(p, day) for p in people)
    return children, len(people) - children


@needs(Permission.DESK)
def day_summary(db: Database, day: dt.date) -> DaySummary:
    """The today panel's counts; a person who came twice that day counts once."""
    with db.read() as session:
        visits = _views(session, on_day(day))
        children, adults = _distinct_people(session, day, visits)
    anonymous_adults = sum(v.anonymous_adults for v in visits)
    anonymous_children = sum(v.anonymous_children for v in visits)
    here = sum(v.here for v in visits) if day == db.clock.today() else 0
    return DaySummary(
        day=day,
        children=children + anonymous_children,
        adults=adults + anonymous_adults,
        families=len({v.family_id for v in visits if v.family_id is not None}),
        anonymous_adults=anonymous_adults,
        anonymous_children=anonymous_children,
        in_house_now=here,
    )


@needs(Permission.DESK)
def list_specialists(db: Database) -> list[SpecialistRow]:
    """The active specialists a visit can be with, by name."""
    query = select(Specialist).where(Specialist.deleted_at.is_(None), Specialist.active)
    with db.read() as session:
        rows = [
            SpecialistRow(s.id, s.full_name, s.kind, _kind_label(s.kind))
            for s in session.scalars(query)
        ]
    return sorted(rows, key=lambda r: (r.full_name.casefold(), str(r.id)))


@needs(Permission.DESK)
def list_visits(db: Database) -> list[VisitListRow]:
    """Every live visit of the file, by house and time (the CLI's ``list visits``)."""
    query = (
        select(Visit, Family.code, House.code)
        .join(House, House.id == Visit.house_id)
        .outerjoin(Family, Family.id == Visit.family_id)
        .where(Visit.deleted_at.is_(None))
        .order_by(House.code, Visit.checked_in_at, Visit.id)
    )
    with db.read() as session:
        rows = session.execute(query).all()
        parts = _parts(session, Visit.id.is_not(None))
    out = []
    for visit, family_code, house in rows:
        people = sorted(parts.people.get(visit.id, []), key=_person_order)
        out.append(
            VisitListRow(
                id=visit.id,
                family_code=family_code,
                people=tuple(p.full_name for p in people),
                purposes=_sorted_purposes(parts.purposes.get(visit.id, [])),
                checked_in_at=visit.checked_in_at,
                checked_out_at=visit.checked_out_at,
                house=house,
                anonymous_adults=visit.anonymous_adults,
                anonymous_children=visit.anonymous_children,
            )
        )
    return out
