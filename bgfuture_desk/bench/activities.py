"""The rest of a benchmark house's years: the toy library, the parenting groups, consents
and referrals, written with plain bulk inserts beside the visits (``house.fill_visits``).

Each toy's loans follow one another (a toy is never out twice); the last may still be out,
some of them overdue. Groups run cycles of weekly meetings with enrolled participants and
their marks. Families sign the data consent when they join, many the photo consent too;
some are referred to an institution. Seeded: the same parameters make the same rows.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, update

from bgfuture_desk.bench.house import Sink, seeded_id
from bgfuture_desk.db.models import (
    Attendance,
    Consent,
    ConsentForm,
    Enrolment,
    Family,
    Group,
    Institution,
    Loan,
    Meeting,
    Person,
    Programme,
    Referral,
    Specialist,
    Toy,
)
from bgfuture_desk.domain.calendar import working_days
from bgfuture_desk.domain.houses import referral_number, toy_code
from bgfuture_desk.domain.toys import due_date
from bgfuture_desk.domain.vocab import (
    AttendanceStatus,
    ConsentKind,
    DevelopmentalArea,
    GroupTarget,
    PersonRole,
    ReferralStatus,
    SessionStatus,
    ToyStatus,
    Urgency,
)

_TOYS = (
    ("Пъзел „Горски животни“", 36, 72, 12),
    ("Дървени кубчета", 12, 48, 20),
    ("Книжка „Първите ми думи“", 6, 36, 1),
    ("Сортер с форми", 12, 36, 8),
    ("Голяма топка", 12, 84, 1),
    ("Игра „Не се сърди, човече“", 60, 144, 17),
    ("Кукла с дрехи", 24, 96, 5),
    ("Конструктор", 48, 144, 60),
    ("Музикално килимче", 0, 24, 1),
    ("Дървен влак", 24, 72, 9),
)
_LOAN_DAYS = 21


@dataclass(frozen=True)
class Activities:
    """How much of each: the ten-year house has 3,000 toys with 60,000 loans, 3,000 group
    meetings with about 40,000 marks, consents for every family and some referrals."""

    toys: int
    loans: int
    meetings: int
    marks: int
    referrals: int


@dataclass
class _Story:
    conn: Connection
    sink: Sink
    rng: random.Random
    house_id: uuid.UUID
    prefix: str
    today: dt.date
    first: dt.date
    days: list[dt.date]

    def meta(self, at: dt.datetime, changed: dt.datetime | None = None) -> dict[str, Any]:
        return {
            "id": seeded_id(self.rng),
            "house_id": self.house_id,
            "created_at": at,
            "updated_at": changed or at,
            "deleted_at": None,
        }

    def at(self, day: dt.date, hour: int = 9) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, self.rng.randint(0, 59)))

    def day_after(self, day: dt.date, low: int, high: int) -> dt.date:
        return day + dt.timedelta(days=self.rng.randint(low, high))


def fill_activities(
    sink: Sink, *, prefix: str, today: dt.date, years: int, size: Activities
) -> None:
    """Write toys and loans, groups and marks, consents and referrals into ``sink``."""
    first = today - dt.timedelta(days=int(365.25 * years))
    story = _Story(
        sink.conn,
        sink,
        sink.rng,
        sink.house_id,
        prefix,
        today,
        first,
        list(working_days(first, today)),
    )
    families = _families(story)
    _toys_and_loans(story, families, size.toys, size.loans)
    _groups(story, size.meetings, size.marks)
    _consents(story, families)
    _referrals(story, families, size.referrals)
    sink.flush()


def _families(story: _Story) -> list[tuple[uuid.UUID, list[uuid.UUID]]]:
    members: dict[uuid.UUID, list[uuid.UUID]] = {}
    query = select(Person.family_id, Person.id).where(Person.family_id.is_not(None))
    for family_id, person_id in story.conn.execute(query.order_by(Person.family_id, Person.id)):
        if family_id is not None:
            members.setdefault(family_id, []).append(person_id)
    live = select(Family.id).where(Family.merged_into_id.is_(None)).order_by(Family.id)
    return [(f, members[f]) for f in story.conn.scalars(live) if f in members]


def _toys_and_loans(
    story: _Story, families: Sequence[tuple[uuid.UUID, list[uuid.UUID]]], toys: int, loans: int
) -> None:
    rng, areas = story.rng, [a.value for a in DevelopmentalArea]
    per_toy = max(1, loans // max(1, toys))
    span = (story.today - story.first).days
    for number in range(1, toys + 1):
        name, low, high, pieces = _TOYS[number % len(_TOYS)]
        acquired = story.first + dt.timedelta(days=int(span * rng.random() ** 2 / 2))
        toy = {
            **story.meta(story.at(acquired)),
            "inventory_code": toy_code(story.prefix, number),
            "name": name,
            "description": "",
            "category": "",
            "area": rng.choice(areas),
            "age_min_months": low,
            "age_max_months": high,
            "pieces": pieces,
            "condition": "good",
            "status": ToyStatus.AVAILABLE.value,
            "shelf": f"Рафт {1 + number % 12}",
            "acquired_on": acquired,
            "source": "",
            "photo_path": "",
        }
        loans_of_toy = _loans_of(story, toy, families, acquired, per_toy)
        if loans_of_toy and loans_of_toy[-1]["returned_on"] is None:
            toy["status"] = ToyStatus.LENT.value
        story.sink.add(Toy, toy, action="toy_added")  # before its loans: they refer to it
        for loan in loans_of_toy:
            story.sink.add(Loan, loan, action="lend")


def _loans_of(
    story: _Story,
    toy: dict[str, Any],
    families: Sequence[tuple[uuid.UUID, list[uuid.UUID]]],
    acquired: dt.date,
    count: int,
) -> list[dict[str, Any]]:
    """One loan after another from the day the toy came; the last may still be out."""
    rng, today = story.rng, story.today
    gap = max(1, (today - acquired).days // (count + 1))
    day = story.day_after(acquired, 1, gap)
    loans: list[dict[str, Any]] = []
    for _n in range(count):
        if day >= today:
            break
        family_id, people = rng.choice(families)
        due = due_date(day, _LOAN_DAYS)
        back = story.day_after(day, 5, _LOAN_DAYS + 14)
        returned = back if back < today and rng.random() < 0.97 else None
        loans.append(
            {
                **story.meta(story.at(day, 11), story.at(returned, 12) if returned else None),
                "toy_id": toy["id"],
                "family_id": family_id,
                "person_id": people[0],
                "lent_on": day,
                "due_on": due,
                "returned_on": returned,
                "pieces_out": toy["pieces"],
                "pieces_missing": 0,
                "return_condition": "good" if returned else None,
                "note": "",
            }
        )
        if returned is None:
            break
        day = story.day_after(returned, 1, gap)
    return loans


def _groups(story: _Story, meetings: int, marks: int) -> None:
    rng, conn = story.rng, story.conn
    programmes = list(conn.scalars(select(Programme.id).order_by(Programme.id)))
    facilitators = list(conn.scalars(select(Specialist.id).order_by(Specialist.id)))
    adults = list(
        conn.scalars(
            select(Person.id)
            .where(Person.role.in_([PersonRole.MOTHER.value, PersonRole.FATHER.value]))
            .order_by(Person.id)
        )
    )
    if not programmes or not adults:
        return
    per_group, made = 10, 0
    enrolled_each = max(1, round(marks / max(1, meetings) / 0.85))
    cycles = max(1, meetings // per_group)
    stride = max(1, len(story.days) // cycles)
    for cycle in range(cycles):
        start = story.days[min(len(story.days) - 1, cycle * stride)]
        group = {
            **story.meta(story.at(start - dt.timedelta(days=14))),
            "programme_id": programmes[cycle % len(programmes)],
            "name": f"Група {cycle + 1}",
            "facilitator_id": rng.choice(facilitators) if facilitators else None,
            "target": GroupTarget.PARENTS.value,
            "planned_sessions": per_group,
            "completion_share": 0.75,
            "starts_on": start,
            "ends_on": start + dt.timedelta(weeks=per_group - 1),
            "archived": start + dt.timedelta(weeks=per_group + 20) < story.today,
        }
        story.sink.add(Group, group, action="group_created")
        people = rng.sample(adults, min(len(adults), enrolled_each))
        for person_id in people:
            story.sink.add(
                Enrolment,
                {
                    **story.meta(story.at(start - dt.timedelta(days=7))),
                    "group_id": group["id"],
                    "person_id": person_id,
                    "enrolled_on": start - dt.timedelta(days=7),
                    "left_on": None,
                },
                action="enrol",
            )
        for week in range(per_group):
            day = start + dt.timedelta(weeks=week)
            made += _meeting(story, group, people, day)
            if made >= meetings:
                return


def _meeting(story: _Story, group: dict[str, Any], people: list[uuid.UUID], day: dt.date) -> int:
    rng = story.rng
    starts = dt.datetime.combine(day, dt.time(15))
    held = day < story.today
    meeting = {
        **story.meta(starts - dt.timedelta(days=14)),
        "group_id": group["id"],
        "starts_at": starts,
        "ends_at": starts + dt.timedelta(minutes=90),
        "place": "Зала",
        "topic": "Игра и развитие",
        "facilitator_id": group["facilitator_id"],
        "status": (SessionStatus.HELD if held else SessionStatus.PLANNED).value,
    }
    story.sink.add(Meeting, meeting, action="session_planned")
    if held:
        for person_id in people:
            status = AttendanceStatus.PRESENT if rng.random() < 0.85 else AttendanceStatus.ABSENT
            story.sink.add(
                Attendance,
                {
                    **story.meta(starts + dt.timedelta(minutes=90)),
                    "session_id": meeting["id"],
                    "person_id": person_id,
                    "status": status.value,
                    "walk_in": False,
                    "note": "",
                },
                action="attendance",
            )
    return 1


def _consents(story: _Story, families: Sequence[tuple[uuid.UUID, list[uuid.UUID]]]) -> None:
    """Every family signs the data consent (for all its members) when it joins; about half
    also the photo consent; a few withdraw later."""
    rng = story.rng
    since = story.first
    story.conn.execute(update(ConsentForm).values(valid_from=since))
    for family_id, people in families:
        signer = people[0]
        given = story.days[int(len(story.days) * rng.random() ** 0.7)]
        kinds = [ConsentKind.PERSONAL_DATA]
        if rng.random() < 0.5:
            kinds.append(ConsentKind.PHOTO)
        for kind in kinds:
            withdrawn = story.day_after(given, 30, 900) if rng.random() < 0.03 else None
            if withdrawn is not None and withdrawn >= story.today:
                withdrawn = None
            for person_id in people:
                story.sink.add(
                    Consent,
                    {
                        **story.meta(story.at(given, 10)),
                        "person_id": person_id,
                        "signed_by_id": signer,
                        "family_id": family_id,
                        "kind": kind.value,
                        "version": 1,
                        "purposes": ["internal"],
                        "method": "signed",
                        "witness": "",
                        "given_on": given,
                        "withdrawn_on": withdrawn,
                        "withdrawn_by_user_id": None,
                    },
                    action="consent",
                )


def _referrals(
    story: _Story, families: Sequence[tuple[uuid.UUID, list[uuid.UUID]]], count: int
) -> None:
    rng = story.rng
    institutions = list(story.conn.scalars(select(Institution.id).order_by(Institution.id)))
    if not institutions or not families:
        return
    days = sorted(story.days[int(len(story.days) * rng.random() ** 0.8)] for _n in range(count))
    numbers: dict[int, int] = {}
    for day in days:
        numbers[day.year] = numbers.get(day.year, 0) + 1
        family_id, people = rng.choice(families)
        answered = story.day_after(day, 7, 60)
        done = answered < story.today and rng.random() < 0.7
        story.sink.add(
            Referral,
            {
                **story.meta(story.at(day, 13), story.at(answered, 10) if done else None),
                "number": referral_number(story.prefix, day.year, numbers[day.year]),
                "person_id": people[-1],
                "family_id": family_id,
                "institution_id": rng.choice(institutions),
                "specialist_id": None,
                "reason": "Консултация",
                "urgency": Urgency.ROUTINE.value,
                "steps_taken": "",
                "consent_to_share": True,
                "issued_on": day,
                "status": (ReferralStatus.CLOSED if done else ReferralStatus.ISSUED).value,
                "status_on": answered if done else None,
                "outcome": "",
            },
            action="referral",
        )
