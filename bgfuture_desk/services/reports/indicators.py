"""The monthly indicators, each defined once: what is counted, per house and in total.

Every output (the screen, Excel, PDF, ``report --json``) takes its numbers from ``count``.
The rules every indicator follows:

- A cancelled check-in (a visit, a mark, a loan, a consent or a referral removed) counts
  nowhere; only live records count.
- People are counted once per period and once in the total: a child seen in two houses is one
  child in the total. Across houses a person is known by the ЕГН when it is recorded, else by
  the record itself (two records without ЕГН are two people).
- Who is a child, the age and the age band are the rules of ``domain.people``, taken on the
  **last day of the period** (a child who turns 3 during the month is in 3–7); a person
  without a birth date is in "age unknown" and is a child or an adult by the role.
- Disaggregation of people: sex (female, male, unknown) × age band (0–3, 3–7, 7–18, adults,
  unknown).
- "At the end" (overdue loans, referrals waiting) is the last day of the period, or today
  while the period is still running.
- "New" is a person whose first visit ever in that house (for the total: in any house) falls
  in the period; the others are returning.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    case,
    distinct,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session, aliased

from bgfuture_desk.db.models import (
    Attendance,
    Consent,
    Family,
    House,
    Loan,
    Meeting,
    Person,
    Referral,
    Travelling,
    Visit,
    VisitPerson,
    VisitPurposeRow,
)
from bgfuture_desk.domain.months import Month
from bgfuture_desk.domain.people import AgeBand, age_band, is_child
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.vocab import (
    AttendanceStatus,
    ConsentKind,
    PersonRole,
    ReferralStatus,
    SessionStatus,
    VisitPurpose,
)
from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services.reports.checks import Check, run_checks
from bgfuture_desk.services.reports.completeness import (
    Completeness,
    completeness,
    missing_houses,
)
from bgfuture_desk.services.reports.period import Period
from bgfuture_desk.services.unit import Database, needs

TOTAL = "total"
M = TypeVar("M", bound=Travelling)
SEXES = ("female", "male", "unknown")
BANDS = tuple(b.value for b in AgeBand)


@dataclass(frozen=True)
class Indicator:
    key: str  # stable English key (``report --json``)
    label: str  # N_: the Bulgarian row title
    section: str  # N_: the table it belongs to
    people: bool = False  # unique people, disaggregated by sex × age band
    purpose: str | None = None  # visits for this purpose (the label names it)


REACH, VISITS, GROUPS, TOYS, REFERRALS, CONSENTS = (
    N_("Reach"), N_("Visits"), N_("Parenting groups"), N_("Toy library"), N_("Referrals"),
    N_("Consents"),
)  # fmt: skip

INDICATORS: tuple[Indicator, ...] = (
    Indicator("children_reached", N_("Children reached"), REACH, people=True),
    Indicator("children_new", N_("New children (first visit)"), REACH, people=True),
    Indicator("parents_reached", N_("Parents and caregivers reached"), REACH, people=True),
    Indicator("parents_new", N_("New parents and caregivers (first visit)"), REACH, people=True),
    Indicator("pregnant_reached", N_("Pregnant women reached"), REACH, people=True),
    Indicator("families_registered", N_("Families registered (at the end)"), REACH),
    Indicator("families_new", N_("Families registered in the period"), REACH),
    Indicator("families_seen", N_("Families seen"), REACH),
    Indicator("families_engaged", N_("Families engaged (two of the last three months)"), REACH),
    Indicator("visits", N_("Visits"), VISITS),
    Indicator("people_in_visits", N_("People in visits"), VISITS),
    Indicator("anonymous_visitors", N_("Anonymous visitors"), VISITS),
    *(
        Indicator(f"visits_for_{p.value}", N_("Visits: {purpose}"), VISITS, purpose=p.value)
        for p in VisitPurpose
    ),
    Indicator("sessions_held", N_("Sessions held"), GROUPS),
    Indicator("group_participants", N_("Participants (unique)"), GROUPS, people=True),
    Indicator("attendance_marks", N_("Present marks"), GROUPS),
    Indicator("walk_ins", N_("Walk-ins"), GROUPS),
    Indicator("loans", N_("Loans"), TOYS),
    Indicator("returns", N_("Returns"), TOYS),
    Indicator("overdue", N_("Overdue at the end"), TOYS),
    Indicator("families_borrowing", N_("Families borrowing"), TOYS),
    Indicator("referrals_issued", N_("Referrals issued"), REFERRALS),
    Indicator("referrals_feedback", N_("Feedback received"), REFERRALS),
    Indicator("referrals_waiting", N_("Waiting for feedback at the end"), REFERRALS),
    Indicator("consents_given", N_("Consents given"), CONSENTS),
    Indicator("consents_withdrawn", N_("Consents withdrawn"), CONSENTS),
    Indicator("families_without_consent", N_("Families seen without valid consent"), CONSENTS),
)
BY_KEY = {i.key: i for i in INDICATORS}


@dataclass
class Figure:
    indicator: Indicator
    values: dict[str, int]  # house code or TOTAL -> number
    by_sex_age: dict[str, dict[str, dict[str, int]]] | None = None  # house -> sex -> band -> n
    previous: dict[str, int] | None = None  # the same figure for the period before
    year_before: dict[str, int] | None = None  # … and for the same period a year before

    @property
    def key(self) -> str:
        return self.indicator.key

    @property
    def label(self) -> str:
        purpose = self.indicator.purpose
        if purpose is not None:
            return _(self.indicator.label).format(purpose=VisitPurpose(purpose).label)
        return _(self.indicator.label)

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {"key": self.key, "label": self.label, "values": self.values}
        if self.by_sex_age is not None:
            out["by_sex_age"] = self.by_sex_age
        if self.previous is not None:
            out["previous"] = self.previous
        if self.year_before is not None:
            out["year_before"] = self.year_before
        return out


@dataclass
class Report:
    period: Period
    houses: list[str]  # house codes, in code order
    figures: list[Figure] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)  # what makes the numbers doubtful
    # houses of a consolidated database without an imported export for the whole period
    missing: list[str] = field(default_factory=list)
    completeness: Completeness | None = None  # the imports matrix (``compare`` adds it)

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    def value(self, key: str, house: str = TOTAL) -> int:
        return self.figure(key).values.get(house, 0)

    def as_json(self) -> dict[str, object]:
        return {
            "period": self.period.as_json(),
            "previous": self.period.previous().as_json(),
            "year_before": self.period.year_before().as_json(),
            "houses": self.houses,
            "missing": self.missing,
            "indicators": [f.as_json() for f in self.figures],
            "checks": [c.as_json() for c in self.checks],
            **({"completeness": self.completeness.as_json()} if self.completeness else {}),
        }


# ---- people: who is who across houses ----


@dataclass(frozen=True)
class _Someone:
    id: object  # the record as the driver gives it (only compared, never looked up)
    house_id: uuid.UUID
    role: str
    birth_date: dt.date | None
    sex: str | None
    egn: str | None
    expected_birth: dt.date | None

    @cached_property
    def identity(self) -> str:
        """The same person in every house: the ЕГН when known, else the record."""
        return f"egn:{self.egn}" if self.egn else f"id:{self.id}"

    def known(self) -> int:
        """How much is recorded (the fuller record speaks for a person seen twice)."""
        return (self.birth_date is not None) + (self.sex is not None)


_PERSON_COLUMNS = (
    Person.id, Person.house_id, Person.role, Person.birth_date, Person.sex, Person.egn,
    Person.expected_birth,
)  # fmt: skip
# The same with the ids as the driver gives them: a month of four houses is 17,000 rows,
# and making a UUID of each id took a sixth of the count (``_HouseIds`` maps the houses').
_RAW_PERSON_COLUMNS = (
    type_coerce(Person.id, String), type_coerce(Person.house_id, String), *_PERSON_COLUMNS[2:]
)


class _HouseIds(dict[object, uuid.UUID]):
    """A house's id as the driver gives it (SQLite: 32 hex digits; PostgreSQL: a UUID)
    back to the UUID that keys the counts."""

    def __init__(self, codes: dict[uuid.UUID, str]) -> None:
        super().__init__({key: h for h in codes for key in (h, h.hex, str(h))})

    def __missing__(self, raw: object) -> uuid.UUID:
        return uuid.UUID(str(raw))


class _PeopleCount:
    """Unique people per house and in total, with their sex × age band on the last day."""

    def __init__(self, end: dt.date) -> None:
        self.end = end
        self.by_house: dict[uuid.UUID, dict[str, _Someone]] = defaultdict(dict)

    def add(self, someone: _Someone, house_id: uuid.UUID | None = None) -> None:
        seen = self.by_house[house_id or someone.house_id]
        current = seen.get(someone.identity)
        if current is None or someone.known() > current.known():
            seen[someone.identity] = someone

    def figure(self, indicator: Indicator, codes: dict[uuid.UUID, str]) -> Figure:
        total: dict[str, _Someone] = {}
        values: dict[str, int] = {}
        split: dict[str, dict[str, dict[str, int]]] = {}
        for house_id, code in codes.items():
            seen = self.by_house.get(house_id, {})
            values[code] = len(seen)
            split[code] = self._split(seen.values())
            for identity, someone in seen.items():
                if identity not in total or someone.known() > total[identity].known():
                    total[identity] = someone
        values[TOTAL] = len(total)
        split[TOTAL] = self._split(total.values())
        return Figure(indicator, values, split)

    def _split(self, people: Iterable[_Someone]) -> dict[str, dict[str, int]]:
        out = {sex: dict.fromkeys(BANDS, 0) for sex in SEXES}
        for p in people:
            sex = p.sex if p.sex in ("female", "male") else "unknown"
            out[sex][age_band(p.birth_date, self.end).value] += 1
        return out


def _is_child(p: _Someone, on: dt.date) -> bool:
    return is_child(p.role, p.birth_date, on)


def _is_pregnant(p: _Someone, period: Period) -> bool:
    """Registered as pregnant, or expecting a child not born before the period began."""
    return p.role == PersonRole.PREGNANT or (
        p.expected_birth is not None and p.expected_birth >= period.start
    )


# ---- counting ----


class _Counts:
    """Per-house integer counts; the total is their sum."""

    def __init__(self, codes: dict[uuid.UUID, str]) -> None:
        self.codes = codes
        self.n: dict[uuid.UUID, int] = defaultdict(int)

    def add(self, house_id: uuid.UUID, n: int = 1) -> None:
        self.n[house_id] += n

    def figure(self, indicator: Indicator) -> Figure:
        values = {code: self.n.get(h, 0) for h, code in self.codes.items()}
        values[TOTAL] = sum(values.values())
        return Figure(indicator, values)


@needs(Permission.REPORTS)
def count(db: Database, period: Period, light: bool = False) -> Report:
    """Every indicator of ``period`` for every house in the file (one for a house file, all
    for a consolidated one), with the total. ``light``: only the figures of reach (without
    who is new), visits and toys (``LIGHT_KEYS``: what the 12-month trend draws)."""
    with db.read() as session:
        houses = session.execute(select(House.id, House.code).order_by(House.code)).all()
        codes = {h.id: h.code for h in houses}
        report = Report(period, [h.code for h in houses], missing=missing_houses(session, period))
        report.figures += _reach_and_visits(session, period, codes, light)
        # "At the end" of a month still running is today: a loan due tomorrow is not overdue.
        as_of = min(period.end, db.clock.today())
        if not light:
            report.figures += _groups(session, period, codes)
        report.figures += _toys(session, period, codes, as_of)
        if not light:
            report.figures += _referrals_and_consents(session, period, codes, as_of)
    order = {i.key: n for n, i in enumerate(INDICATORS)}
    report.figures.sort(key=lambda f: order[f.key])
    return report


@needs(Permission.REPORTS)
def compare(db: Database, period: Period) -> Report:
    """``count`` of the period, each figure beside the period before and a year before, with
    the checks of the period's records and the completeness of the imports.

    The three counts and the checks are read side by side, each on its own connection:
    SQLite and PostgreSQL do most of the work outside Python's lock, so on the coordinator's
    two cores a month of four ten-year houses takes 1.4× less time than one after another."""
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="report") as pool:
        counted = [pool.submit(count, db, p)
                   for p in (period, period.previous(), period.year_before())]
        checked = pool.submit(run_checks, db, period)
        report, before, year = (c.result() for c in counted)
        report.checks = checked.result()
    report.completeness = completeness(db, period)
    for figure in report.figures:
        figure.previous = _for_houses(before.figure(figure.key).values, report.houses)
        figure.year_before = _for_houses(year.figure(figure.key).values, report.houses)
    return report


TREND_KEYS = ("children_reached", "parents_reached", "visits", "loans")
# what ``count(light=True)`` counts
LIGHT_KEYS = {
    "children_reached", "parents_reached", "pregnant_reached", "visits", "people_in_visits",
    "anonymous_visitors", *(f"visits_for_{p.value}" for p in VisitPurpose), "loans", "returns",
    "overdue", "families_borrowing",
}  # fmt: skip


@needs(Permission.REPORTS)
def trend(
    db: Database, last: Month, months: int = 12, keys: tuple[str, ...] = TREND_KEYS
) -> list[tuple[Month, dict[str, int]]]:
    """The totals of ``keys`` for each of the ``months`` months up to ``last``, oldest first."""
    out = []
    light = set(keys) <= LIGHT_KEYS
    for back in range(months - 1, -1, -1):
        month = last.shifted(-back)
        report = count(db, Period(month, month), light=light)
        out.append((month, {k: report.value(k) for k in keys}))
    return out


def _for_houses(values: dict[str, int], houses: list[str]) -> dict[str, int]:
    return {h: values.get(h, 0) for h in [*houses, TOTAL]}


def _visit_rows(
    period: Period, *columns: Any, where: tuple[ColumnElement[bool], ...] = ()
) -> Select[Any]:
    """Only ``columns`` of the live visits of ``period``: rows, not objects (a consolidated
    month holds tens of thousands of visits, and building objects is most of the time)."""
    return select(*columns).where(
        Visit.deleted_at.is_(None),
        Visit.checked_in_at >= period.start_at,
        Visit.checked_in_at < period.end_before,
        *where,
    )


def _reach_and_visits(
    session: Session, period: Period, codes: dict[uuid.UUID, str], light: bool = False
) -> list[Figure]:
    visit_counts, anonymous, in_visits = _Counts(codes), _Counts(codes), _Counts(codes)
    rows = session.execute(
        _visit_rows(
            period, Visit.house_id, func.count(),
            func.sum(Visit.anonymous_adults + Visit.anonymous_children),
        ).group_by(Visit.house_id)
    )  # fmt: skip
    for house_id, visits, visitors in rows:
        visit_counts.add(house_id, int(visits))
        anonymous.add(house_id, int(visitors or 0))
        in_visits.add(house_id, int(visitors or 0))
    # each member of a live visit, as often as they came (reach counts them once)
    members = _visit_rows(period, where=(VisitPerson.deleted_at.is_(None),)).join_from(
        Visit, VisitPerson, VisitPerson.visit_id == Visit.id
    )
    by_purpose = {p.value: _Counts(codes) for p in VisitPurpose}
    rows = session.execute(
        _visit_rows(
            period, Visit.house_id, VisitPurposeRow.purpose, func.count(),
            where=(VisitPurposeRow.deleted_at.is_(None),),
        )
        .join_from(Visit, VisitPurposeRow, VisitPurposeRow.visit_id == Visit.id)
        .group_by(Visit.house_id, VisitPurposeRow.purpose)
    )  # fmt: skip
    for house_id, purpose, n in rows:
        if purpose in by_purpose:
            by_purpose[purpose].add(house_id, int(n))

    # the people of the period once per house, with whether they came before it
    seen = (
        members.add_columns(
            Visit.house_id.label("visit_house"), VisitPerson.person_id, func.count().label("times")
        )
        .group_by(Visit.house_id, VisitPerson.person_id)
        .subquery()
    )
    visit_house = type_coerce(seen.c.visit_house, String)
    columns: list[Any] = [visit_house, seen.c.times, *_RAW_PERSON_COLUMNS]
    if not light:  # the trend's light count leaves out who is new (and the families)
        columns += _came_before(period)
    rows = session.execute(select(*columns).join_from(seen, Person, Person.id == seen.c.person_id))
    end = period.end
    earlier: set[tuple[uuid.UUID | None, str]] = set()
    children, parents, pregnant = _PeopleCount(end), _PeopleCount(end), _PeopleCount(end)
    people: list[tuple[uuid.UUID, _Someone, bool]] = []
    n = len(_RAW_PERSON_COLUMNS)
    house_ids = _HouseIds(codes)
    for raw_house, times, person_id, person_house, *person in rows:
        house = house_ids[raw_house]
        in_visits.add(house, int(times))
        someone = _Someone(person_id, house_ids[person_house], *person[: n - 2])
        child = _is_child(someone, end)
        people.append((house, someone, child))
        if not light:
            by_record, by_egn_here, by_egn_anywhere = person[n - 2 :]
            if by_record or by_egn_here:
                earlier.add((someone.house_id, someone.identity))
            if by_record or by_egn_anywhere:
                earlier.add((None, someone.identity))
        (children if child else parents).add(someone, house)
        if not child and _is_pregnant(someone, period):
            pregnant.add(someone, house)
    children_new, parents_new = _PeopleCount(end), _PeopleCount(end)
    for house, someone, child in people:
        if (house, someone.identity) not in earlier:
            (children_new if child else parents_new).add(someone, house)

    figures = [
        children.figure(BY_KEY["children_reached"], codes),
        _new_in_total(children_new, children, earlier, BY_KEY["children_new"], codes),
        parents.figure(BY_KEY["parents_reached"], codes),
        _new_in_total(parents_new, parents, earlier, BY_KEY["parents_new"], codes),
        pregnant.figure(BY_KEY["pregnant_reached"], codes),
        visit_counts.figure(BY_KEY["visits"]),
        in_visits.figure(BY_KEY["people_in_visits"]),
        anonymous.figure(BY_KEY["anonymous_visitors"]),
        *(by_purpose[p.value].figure(BY_KEY[f"visits_for_{p.value}"]) for p in VisitPurpose),
    ]
    if light:
        return [f for f in figures if f.key not in ("children_new", "parents_new")]
    figures += _families(session, period, codes)
    return figures


def _came_before(period: Period) -> list[Any]:
    """Three columns for a row of ``Person``: whether the record itself, a record with the
    same ЕГН in its house, and one with the same ЕГН in any house has a live visit before
    the period. Each search stops at the first such visit (by the indexes on the person and
    the ЕГН) instead of reading a person's whole history."""
    other = aliased(Person)

    def earlier(*match: ColumnElement[bool]) -> Any:
        return (
            select(VisitPerson.id)
            .join(Visit, Visit.id == VisitPerson.visit_id)
            .where(
                *match,
                VisitPerson.deleted_at.is_(None),
                Visit.deleted_at.is_(None),
                Visit.checked_in_at < period.start_at,
            )
            .exists()
        )

    has_egn = and_(Person.egn.is_not(None), Person.egn != "")
    same_egn = (
        select(other.id)
        .where(other.egn == Person.egn, other.id != Person.id)
        .correlate(Person)
    )  # fmt: skip
    by_egn = earlier(VisitPerson.person_id.in_(same_egn.where(other.house_id == Person.house_id)))
    anywhere = earlier(VisitPerson.person_id.in_(same_egn))
    return [
        earlier(VisitPerson.person_id == Person.id).label("by_record"),
        and_(has_egn, by_egn).label("by_egn_here"),
        and_(has_egn, anywhere).label("by_egn_anywhere"),
    ]


def _new_in_total(
    new: _PeopleCount,
    reached: _PeopleCount,
    earlier: set[tuple[uuid.UUID | None, str]],
    indicator: Indicator,
    codes: dict[uuid.UUID, str],
) -> Figure:
    """New per house as counted; in the total, new only if never seen before in any house."""
    figure = new.figure(indicator, codes)
    everyone: dict[str, _Someone] = {}
    for seen in reached.by_house.values():
        everyone.update(seen)
    first_time = _PeopleCount(reached.end)
    for identity, someone in everyone.items():
        if (None, identity) not in earlier:
            first_time.by_house[someone.house_id][identity] = someone
    total = first_time.figure(indicator, codes)
    figure.values[TOTAL] = total.values[TOTAL]
    if figure.by_sex_age is not None and total.by_sex_age is not None:
        figure.by_sex_age[TOTAL] = total.by_sex_age[TOTAL]
    return figure


def _families(session: Session, period: Period, codes: dict[uuid.UUID, str]) -> list[Figure]:
    registered, new, seen = _Counts(codes), _Counts(codes), _Counts(codes)
    rows = session.execute(
        select(
            Family.house_id,
            func.count(),
            func.sum(case((Family.created_at >= period.start_at, 1), else_=0)),
        )
        .where(
            Family.deleted_at.is_(None),
            Family.merged_into_id.is_(None),
            Family.created_at < period.end_before,
        )
        .group_by(Family.house_id)
    )
    _add_rows(rows, registered, new)
    rows = session.execute(
        _visit_rows(
            period, Visit.house_id, func.count(distinct(Visit.family_id)),
            where=(Visit.family_id.is_not(None),),
        ).group_by(Visit.house_id)
    )  # fmt: skip
    _add_rows(rows, seen)
    # engaged: a family with visits in at least two of the last three months
    months = [Period(period.last.shifted(-back), period.last.shifted(-back)) for back in (2, 1, 0)]
    in_month = [
        func.max(case((and_(Visit.checked_in_at >= m.start_at,
                            Visit.checked_in_at < m.end_before), 1), else_=0))
        for m in months
    ]  # fmt: skip
    by_family = (
        _visit_rows(
            Period(months[0].first, period.last), Visit.house_id,
            (in_month[0] + in_month[1] + in_month[2]).label("months"),
            where=(Visit.family_id.is_not(None),),
        )
        .group_by(Visit.house_id, Visit.family_id)
        .subquery()
    )  # fmt: skip
    engaged = _Counts(codes)
    rows = session.execute(
        select(by_family.c.house_id, func.count())
        .where(by_family.c.months >= 2)
        .group_by(by_family.c.house_id)
    )
    _add_rows(rows, engaged)
    return [
        registered.figure(BY_KEY["families_registered"]),
        new.figure(BY_KEY["families_new"]),
        seen.figure(BY_KEY["families_seen"]),
        engaged.figure(BY_KEY["families_engaged"]),
    ]


def _groups(session: Session, period: Period, codes: dict[uuid.UUID, str]) -> list[Figure]:
    held_in_period = (
        Meeting.deleted_at.is_(None),
        Meeting.status == SessionStatus.HELD,
        Meeting.starts_at >= period.start_at,
        Meeting.starts_at < period.end_before,
    )
    held = _Counts(codes)
    _add_rows(
        session.execute(
            select(Meeting.house_id, func.count()).where(*held_in_period).group_by(Meeting.house_id)
        ),
        held,
    )
    marks = (
        select()
        .select_from(Attendance)
        .join(Meeting, Meeting.id == Attendance.session_id)
        .where(
            *held_in_period,
            Attendance.deleted_at.is_(None),
            Attendance.status == AttendanceStatus.PRESENT,
        )
    )
    present, walk_ins = _Counts(codes), _Counts(codes)
    rows = session.execute(
        marks.add_columns(
            Attendance.house_id, func.count(), func.count(_if(Attendance.walk_in.is_(True)))
        ).group_by(Attendance.house_id)
    )
    _add_rows(rows, present, walk_ins)
    participants = _PeopleCount(period.end)
    rows = session.execute(
        marks.add_columns(Attendance.house_id, *_PERSON_COLUMNS)
        .join(Person, Person.id == Attendance.person_id)
        .distinct()
    )
    for house_id, *person in rows:
        participants.add(_Someone(*person), house_id)
    return [
        held.figure(BY_KEY["sessions_held"]),
        participants.figure(BY_KEY["group_participants"], codes),
        present.figure(BY_KEY["attendance_marks"]),
        walk_ins.figure(BY_KEY["walk_ins"]),
    ]


def _in_period(column: Any, period: Period) -> ColumnElement[bool]:
    """``period.contains`` in SQL: the day is known and within the period."""
    return and_(column >= period.start, column <= period.end)


def _if(condition: ColumnElement[bool], then: Any = 1) -> Any:
    """``then`` where ``condition`` holds, else NULL (COUNT and COUNT DISTINCT skip it)."""
    return case((condition, then))


def _add_rows(rows: Iterable[Any], *counts: _Counts) -> None:
    """Rows of (house id, n1, n2, …) from a GROUP BY into ``counts`` (one per number)."""
    for house_id, *numbers in rows:
        for counted, n in zip(counts, numbers, strict=True):
            counted.add(house_id, int(n or 0))


def _toys(
    session: Session, period: Period, codes: dict[uuid.UUID, str], as_of: dt.date
) -> list[Figure]:
    loans, returns, overdue = _Counts(codes), _Counts(codes), _Counts(codes)
    families = _Counts(codes)
    lent = _in_period(Loan.lent_on, period)
    out_at_end = or_(Loan.returned_on.is_(None), Loan.returned_on > as_of)
    rows = session.execute(
        select(
            Loan.house_id,
            func.count(_if(lent)),
            func.count(_if(and_(Loan.lent_on <= period.end, _in_period(Loan.returned_on, period)))),
            func.count(_if(and_(Loan.lent_on <= as_of, out_at_end, Loan.due_on < as_of))),
            func.count(distinct(_if(lent, Loan.family_id))),
        )
        # only the loans that can count: lent in the period, or still out at its start or at
        # the end; by the indexes on lent_on and returned_on, not a pass over ten years
        .where(
            Loan.deleted_at.is_(None),
            or_(
                Loan.returned_on.is_(None),
                Loan.returned_on >= min(period.start, as_of),
                Loan.lent_on >= period.start,
            ),
        )
        .group_by(Loan.house_id)
    )
    _add_rows(rows, loans, returns, overdue, families)
    return [
        loans.figure(BY_KEY["loans"]),
        returns.figure(BY_KEY["returns"]),
        overdue.figure(BY_KEY["overdue"]),
        families.figure(BY_KEY["families_borrowing"]),
    ]


def _referrals_and_consents(
    session: Session, period: Period, codes: dict[uuid.UUID, str], as_of: dt.date
) -> list[Figure]:
    issued, feedback, waiting = _Counts(codes), _Counts(codes), _Counts(codes)
    answered = and_(Referral.status != ReferralStatus.ISSUED, Referral.status_on.is_not(None))
    rows = session.execute(
        select(
            Referral.house_id,
            func.count(_if(_in_period(Referral.issued_on, period))),
            func.count(_if(and_(answered, _in_period(Referral.status_on, period)))),
            func.count(
                _if(or_(~answered, and_(Referral.status_on.is_not(None),
                                        Referral.status_on > as_of)))
            ),
        )
        .where(Referral.deleted_at.is_(None), Referral.issued_on <= period.end)
        .group_by(Referral.house_id)
    )  # fmt: skip
    _add_rows(rows, issued, feedback, waiting)
    given, withdrawn = _Counts(codes), _Counts(codes)
    rows = session.execute(
        select(
            Consent.house_id,
            func.count(_if(_in_period(Consent.given_on, period))),
            func.count(_if(_in_period(Consent.withdrawn_on, period))),
        )
        # by the indexes on both days: only the period's consents, not every one ever given
        .where(
            Consent.deleted_at.is_(None),
            Consent.given_on <= period.end,
            or_(_in_period(Consent.given_on, period), _in_period(Consent.withdrawn_on, period)),
        )
        .group_by(Consent.house_id)
    )
    _add_rows(rows, given, withdrawn)
    # families seen with nobody whose personal-data consent is still valid at the end; asked
    # once per family seen, not once per visit
    seen = (
        _visit_rows(period, Visit.house_id, Visit.family_id, where=(Visit.family_id.is_not(None),))
        .distinct()
        .subquery()
    )
    consented = (
        select(Person.id)
        .join(Consent, Consent.person_id == Person.id)
        .where(
            Person.family_id == seen.c.family_id,
            Consent.deleted_at.is_(None),
            Consent.kind == ConsentKind.PERSONAL_DATA,
            Consent.given_on <= period.end,
            or_(Consent.withdrawn_on.is_(None), Consent.withdrawn_on > period.end),
        )
        .exists()
    )
    without = _Counts(codes)
    rows = session.execute(
        select(seen.c.house_id, func.count()).where(~consented).group_by(seen.c.house_id)
    )
    _add_rows(rows, without)
    return [
        issued.figure(BY_KEY["referrals_issued"]),
        feedback.figure(BY_KEY["referrals_feedback"]),
        waiting.figure(BY_KEY["referrals_waiting"]),
        given.figure(BY_KEY["consents_given"]),
        withdrawn.figure(BY_KEY["consents_withdrawn"]),
        without.figure(BY_KEY["families_without_consent"]),
    ]
