"""The checks listed with a report: records of the period that make its numbers doubtful.

Each check names what it finds, counts it per house and keeps the records' ids, so that the
coordinator can send a house back to correct them before the numbers go out.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import Attendance, House, Loan, Meeting, Person, Visit, VisitPerson
from bgfuture_desk.domain.calendar import holidays
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.vocab import AttendanceStatus, PersonRole
from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services.reports.period import Period
from bgfuture_desk.services.unit import Database, needs

LONG_VISIT = dt.timedelta(hours=12)


@dataclass
class Check:
    key: str
    label: str  # N_
    found: dict[str, list[uuid.UUID]] = field(default_factory=lambda: defaultdict(list))

    @property
    def title(self) -> str:
        return _(self.label)

    def count(self, house: str | None = None) -> int:
        if house is None:
            return sum(len(ids) for ids in self.found.values())
        return len(self.found.get(house, []))

    def as_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "label": self.title,
            "count": self.count(),
            "by_house": {h: len(ids) for h, ids in self.found.items()},
        }


@needs(Permission.REPORTS)
def run_checks(db: Database, period: Period) -> list[Check]:
    with db.read() as session:
        codes = {h.id: h.code for h in session.execute(select(House.id, House.code))}
        return [
            *_people_checks(session, period, codes),
            *_visit_checks(session, period, codes),
            _marks_without_visit(session, period, codes),
            _loans_due_before_lent(session, codes),
        ]


def _seen_people(session: Session, period: Period) -> list[Any]:
    """The people seen in the period that a check may find (a child without a birth date,
    anybody without sex): only those rows come back, not the month's thousands."""
    seen = (
        select(VisitPerson.person_id)
        .join(Visit, Visit.id == VisitPerson.visit_id)
        .where(
            Visit.deleted_at.is_(None),
            VisitPerson.deleted_at.is_(None),
            Visit.checked_in_at >= period.start_at,
            Visit.checked_in_at < period.end_before,
        )
    )
    query = select(Person.id, Person.house_id, Person.birth_date, Person.role, Person.sex).where(
        Person.id.in_(seen),
        Person.deleted_at.is_(None),
        or_(Person.sex.is_(None), and_(Person.birth_date.is_(None),
                                       Person.role == PersonRole.CHILD)),
    )  # fmt: skip
    return list(session.execute(query))


def _people_checks(session: Session, period: Period, codes: dict[uuid.UUID, str]) -> list[Check]:
    no_birth = Check("children_without_birth_date", N_("Children seen without a birth date"))
    no_sex = Check("people_without_sex", N_("People seen without sex recorded"))
    for person in _seen_people(session, period):
        house = codes.get(person.house_id, "?")
        if person.birth_date is None and person.role == PersonRole.CHILD:
            no_birth.found[house].append(person.id)
        if person.sex is None:
            no_sex.found[house].append(person.id)
    return [no_birth, no_sex]


def _visit_checks(session: Session, period: Period, codes: dict[uuid.UUID, str]) -> list[Check]:
    long = Check("long_visits", N_("Visits longer than 12 hours"))
    holiday = Check("visits_on_holidays", N_("Visits on public holidays"))
    free = set().union(*(holidays(y) for y in range(period.first.year, period.last.year + 1)))
    query = select(Visit.id, Visit.house_id, Visit.checked_in_at, Visit.checked_out_at).where(
        Visit.deleted_at.is_(None),
        Visit.checked_in_at >= period.start_at,
        Visit.checked_in_at < period.end_before,
    )
    for visit in session.execute(query):
        house = codes.get(visit.house_id, "?")
        if visit.checked_out_at and visit.checked_out_at - visit.checked_in_at > LONG_VISIT:
            long.found[house].append(visit.id)
        if visit.checked_in_at.date() in free:
            holiday.found[house].append(visit.id)
    return [long, holiday]


def _marks_without_visit(session: Session, period: Period, codes: dict[uuid.UUID, str]) -> Check:
    check = Check("marks_without_visit", N_("Present at a session without a visit that day"))
    marks = session.execute(
        select(Attendance.id, Attendance.house_id, Attendance.person_id, Meeting.starts_at)
        .join(Meeting, Meeting.id == Attendance.session_id)
        .where(
            Attendance.deleted_at.is_(None),
            Meeting.deleted_at.is_(None),
            Attendance.status == AttendanceStatus.PRESENT,
            Meeting.starts_at >= period.start_at,
            Meeting.starts_at < period.end_before,
        )
    ).all()
    if not marks:
        return check
    visited = {
        (person_id, at.date())
        for person_id, at in session.execute(
            select(VisitPerson.person_id, Visit.checked_in_at)
            .join(Visit, Visit.id == VisitPerson.visit_id)
            .where(
                Visit.deleted_at.is_(None),
                VisitPerson.deleted_at.is_(None),
                Visit.checked_in_at >= period.start_at,
                Visit.checked_in_at < period.end_before,
            )
        )
    }
    for mark_id, house_id, person_id, starts_at in marks:
        if (person_id, starts_at.date()) not in visited:
            check.found[codes.get(house_id, "?")].append(mark_id)
    return check


def _loans_due_before_lent(session: Session, codes: dict[uuid.UUID, str]) -> Check:
    check = Check("loans_due_before_lent", N_("Loans due before they were lent"))
    query = select(Loan.id, Loan.house_id).where(
        Loan.deleted_at.is_(None), Loan.due_on < Loan.lent_on
    )
    for loan_id, house_id in session.execute(query):
        check.found[codes.get(house_id, "?")].append(loan_id)
    return check
