"""The families and people of a benchmark house, written with plain bulk inserts.

Families of one to seven: a mother, often a father, children of every age; a few archived,
a few merged into another family; about a third of the people with an ЕГН. Seeded: the
same parameters make the same people with the same ids.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass

from sqlalchemy import insert

from bgfuture_desk.bench.house import seeded_id
from bgfuture_desk.db.models import Family, Person
from bgfuture_desk.domain import egn as egn_rules
from bgfuture_desk.domain.houses import PRESETS, family_code
from bgfuture_desk.domain.names import search_key
from bgfuture_desk.domain.vocab import PersonRole, Sex
from bgfuture_desk.i18n import _
from bgfuture_desk.services.demo.common import family_name, patronymic
from bgfuture_desk.services.demo.data_people import (
    FAMILY_NAMES,
    FEMALE_CHILDREN,
    FEMALE_PARENTS,
    MALE_CHILDREN,
    MALE_PARENTS,
)
from bgfuture_desk.services.unit import Database, local_house

_BATCH = 5000


@dataclass(frozen=True)
class Made:
    """What the generator keeps to write queries about: (name parts, phone, egn, code)."""

    first: str
    middle: str
    last: str
    phone: str
    egn: str | None
    code: str


def fill_people(
    db: Database, rng: random.Random, n_people: int, today: dt.date
) -> tuple[list[Made], int]:
    """Families of 1–7 people until there are ``n_people``; a few archived or merged."""
    with db.read() as session:
        house = local_house(session)
        house_id, prefix = house.id, house.prefix
    settlements = [_(p.settlement) for p in PRESETS]
    now = dt.datetime.combine(today - dt.timedelta(days=3653), dt.time(9))
    families: list[dict] = []
    people: list[dict] = []
    made: list[Made] = []
    while len(people) < n_people:
        code = family_code(prefix, len(families) + 1)
        family = _family_row(rng, house_id, code, rng.choice(settlements), now)
        merged = families and rng.random() < 0.005
        if merged:
            family["merged_into_id"] = rng.choice(families)["id"]
            family["archived_at"] = now
        families.append(family)
        if merged:
            continue  # its members moved to the family it joined
        for row in _members(rng, family, today, n_people - len(people)):
            row.update(id=seeded_id(rng), house_id=house_id, created_at=now, updated_at=now)
            people.append(row)
            made.append(
                Made(
                    row["first_name"],
                    row["middle_name"],
                    row["last_name"],
                    row["phone"] or family["phone"],
                    row["egn"],
                    code,
                )
            )
    with db.engine.begin() as conn:
        for start in range(0, len(families), _BATCH):
            conn.execute(insert(Family), families[start : start + _BATCH])
        for start in range(0, len(people), _BATCH):
            conn.execute(insert(Person), people[start : start + _BATCH])
    return made, len(families)


def _phone(rng: random.Random) -> str:
    return f"0{rng.choice('89')}{rng.choice('789')}{rng.randint(0, 9_999_999):07d}"


def _family_row(
    rng: random.Random, house_id: uuid.UUID, code: str, settlement: str, now: dt.datetime
) -> dict:
    archived = rng.random() < 0.03
    return {
        "id": seeded_id(rng),
        "house_id": house_id,
        "created_at": now,
        "updated_at": now,
        "deleted_at": None,
        "code": code,
        "settlement": settlement,
        "address": f"ул. „Искра“ № {rng.randint(1, 80)}",
        "phone": _phone(rng),
        "phone2": _phone(rng) if rng.random() < 0.4 else "",
        "notes": "",
        "archived_at": now if archived else None,
        "merged_into_id": None,
        "borrowing_blocked": False,
        "search_key": search_key(code, settlement),
    }


def _members(rng: random.Random, family: dict, today: dt.date, room: int) -> list[dict]:
    surname = rng.choice(FAMILY_NAMES)
    father = rng.choice(MALE_PARENTS)
    mother_age = rng.randint(18, 45)
    rows = [
        _person(
            rng,
            PersonRole.MOTHER,
            Sex.FEMALE,
            rng.choice(FEMALE_PARENTS),
            rng.choice(MALE_PARENTS),
            surname,
            mother_age,
            today,
        )
    ]
    rows[0]["phone"] = family["phone"]
    if rng.random() < 0.5:
        rows.append(
            _person(
                rng,
                PersonRole.FATHER,
                Sex.MALE,
                father,
                rng.choice(MALE_PARENTS),
                surname,
                mother_age + rng.randint(0, 8),
                today,
            )
        )
        rows[-1]["phone"] = family["phone2"]
    for _child in range(rng.choice((1, 1, 2, 2, 2, 3, 3, 4, 5))):
        sex = rng.choice((Sex.MALE, Sex.FEMALE))
        first = rng.choice(MALE_CHILDREN if sex == Sex.MALE else FEMALE_CHILDREN)
        age = rng.randint(0, min(17, mother_age - 17))
        rows.append(_person(rng, PersonRole.CHILD, sex, first, father, surname, age, today))
    for row in rows:
        row["family_id"] = family["id"]
    return rows[:room]


def _person(
    rng: random.Random,
    role: str,
    sex: str,
    first: str,
    father: str,
    surname: str,
    age: int,
    today: dt.date,
) -> dict:
    born = today - dt.timedelta(days=int(age * 365.25) + rng.randint(1, 360))
    middle, last = patronymic(father, sex), family_name(surname, sex)
    egn = egn_rules.make_egn(born, rng.randint(0, 499), sex) if rng.random() < 0.3 else None
    return {
        "role": role,
        "first_name": first,
        "middle_name": middle,
        "last_name": last,
        "birth_date": born,
        "sex": sex,
        "egn": egn,
        "phone": "",
        "expected_birth": None,
        "notes": "",
        "deleted_at": None,
        "search_key": search_key(first, middle, last),
    }
