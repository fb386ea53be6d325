"""Demo families and their members: names that fit together, ages that make sense."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from bgfuture_desk.db.models import Family, Person
from bgfuture_desk.domain import egn as egn_rules
from bgfuture_desk.domain.calendar import working_days
from bgfuture_desk.domain.houses import PRESETS, family_code
from bgfuture_desk.domain.vocab import PersonRole, Sex
from bgfuture_desk.i18n import _
from bgfuture_desk.services.demo.common import (
    Context,
    Stream,
    at_time,
    family_name,
    patronymic,
    years_ago,
)
from bgfuture_desk.services.demo.data_people import (
    FAMILY_NAMES,
    FAMILY_NOTES,
    FEMALE_CHILDREN,
    FEMALE_OLDER,
    FEMALE_PARENTS,
    MALE_CHILDREN,
    MALE_OLDER,
    MALE_PARENTS,
    STREETS,
)

_SHAPES = {
    "couple": 44,
    "single_mother": 24,
    "extended": 12,
    "with_grandmother": 7,
    "guardian": 5,
    "young_pregnant": 4,
}
_WITH_FATHER = ("couple", "extended", "young_pregnant")
_CHILD_COUNT = {1: 24, 2: 30, 3: 22, 4: 13, 5: 7, 6: 4}
# Ages 0–17, more small children: the houses work mostly with early childhood.
_CHILD_AGE = {
    age: w for age, w in enumerate((14, 12, 11, 10, 9, 8, 7, 6, 5, 5, 4, 4, 3, 3, 3, 2, 2, 2))
}
# Visits a year: a few come every week, many now and then, some registered and gone.
_VISITS_A_YEAR = {30: 12, 14: 30, 6: 33, 2: 17, 0: 8}
_EGN_SHARE = 0.3


@dataclass
class Household:
    family: Family
    registered_on: dt.date
    visits_a_year: int
    adults: list[Person] = field(default_factory=list)
    children: list[Person] = field(default_factory=list)
    joined: dict[uuid.UUID, dt.date] = field(default_factory=dict)

    @property
    def members(self) -> list[Person]:
        return self.adults + self.children

    def present_on(self, day: dt.date, people: list[Person]) -> list[Person]:
        """Members already in the family record on a day (a baby joins after birth)."""
        return [p for p in people if self.joined[p.id] <= day]


@dataclass
class _Maker:
    ctx: Context
    rng: Stream
    egns: set[str]

    def person(
        self,
        home: Household,
        role: str,
        sex: str,
        first: str,
        middle: str,
        last: str,
        born: dt.date | None,
        **extra: Any,
    ) -> Person:
        joined = home.registered_on
        if born and born > joined:  # born after the family registered: added later
            joined = min(self.ctx.today, born + dt.timedelta(days=self.rng.randint(5, 40)))
        p = self.ctx.new(
            self.rng,
            Person,
            at_time(joined, 10, self.rng.randint(0, 59)),
            family_id=home.family.id,
            role=role,
            first_name=first,
            middle_name=middle,
            last_name=last,
            birth_date=born,
            sex=sex,
            egn=self._egn(born, sex),
            **extra,
        )
        home.joined[p.id] = joined
        (home.children if role == PersonRole.CHILD else home.adults).append(p)
        return p

    def _egn(self, born: dt.date | None, sex: str) -> str | None:
        if born is None or not self.rng.chance(_EGN_SHARE):
            return None
        while True:
            value = egn_rules.make_egn(born, self.rng.randint(0, 499), sex)
            if value not in self.egns:
                self.egns.add(value)
                return value


def _settlements(ctx: Context, rng: Stream, count: int) -> list[str]:
    """Mostly the house's own settlement; the four project settlements all present."""
    own = ctx.house.settlement
    others = [s for s in (_(p.settlement) for p in PRESETS) if s != own]
    elsewhere = min(count // 2, max(len(others), round(count / 4)))
    picks = (
        [own] * (count - elsewhere)
        + others[:elsewhere]
        + [rng.choice(others) for _i in range(elsewhere - len(others))]
    )
    rng.shuffle(picks)
    return picks


def highest_family_number(ctx: Context) -> int:
    codes = ctx.session.scalars(select(Family.code).where(Family.house_id == ctx.house.id))
    prefix = f"{ctx.house.prefix}-"
    numbers = [
        int(c[len(prefix) :]) for c in codes if c.startswith(prefix) and c[len(prefix) :].isdigit()
    ]
    return max(numbers, default=0)


def _registered_on(ctx: Context, rng: Stream, recent_days: list[dt.date]) -> dt.date:
    """Almost half registered within the year (on a working day, at the desk)."""
    if rng.chance(0.45):
        return rng.choice(recent_days)
    day = ctx.today - dt.timedelta(days=rng.randint(366, 3 * 365))
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def build_households(ctx: Context, count: int) -> list[Household]:
    rng = ctx.stream("households")
    start = highest_family_number(ctx) + 1
    taken = ctx.session.scalars(select(Person.egn).where(Person.egn.is_not(None)))
    maker = _Maker(ctx, rng, {egn for egn in taken if egn is not None})
    recent = working_days(ctx.today - dt.timedelta(days=365), ctx.today - dt.timedelta(days=1))
    homes = []
    # Codes are handed out at the desk in the order families register.
    dates = sorted(_registered_on(ctx, rng, recent) for _i in range(count))
    places = _settlements(ctx, rng, count)
    for number, (registered, settlement) in enumerate(zip(dates, places, strict=True), start=start):
        shape = rng.weighted(_SHAPES)
        two_phones = rng.chance(0.6 if shape in _WITH_FATHER else 0.1)  # his own phone
        family = ctx.new(
            rng,
            Family,
            at_time(registered, rng.randint(9, 16), rng.randint(0, 59)),
            code=family_code(ctx.house.prefix, number),
            settlement=settlement,
            address=f"ул. „{rng.choice(STREETS)}“ № {rng.randint(1, 80)}",
            phone=rng.phone(),
            phone2=rng.phone() if two_phones else "",
            notes=rng.choice(FAMILY_NOTES) if rng.chance(0.06) else "",
        )
        home = Household(family, registered, rng.weighted(_VISITS_A_YEAR))
        _fill_members(maker, home, shape)
        homes.append(home)
    _ensure_pregnant(rng, homes, ctx.today)
    return homes


def _ensure_pregnant(rng: Stream, homes: list[Household], today: dt.date) -> None:
    """Even a small demo has a pregnant woman (the indicators count them apart)."""
    adults = [a for h in homes for a in h.adults]
    if any(a.role == PersonRole.PREGNANT for a in adults):
        return
    young = [
        a
        for a in adults
        if a.role == PersonRole.MOTHER
        and a.birth_date
        and a.birth_date > today - dt.timedelta(days=38 * 365)
    ]
    if young:
        mother = rng.choice(young)
        mother.role = PersonRole.PREGNANT
        mother.expected_birth = today + dt.timedelta(days=rng.randint(10, 250))


@dataclass(frozen=True)
class _Names:
    """What the members of one family share: the family name and the fathers' names."""

    surname: str  # male form
    father: str  # the children's father (named in their patronymic)
    grandpa: str  # the father's father (named in the father's patronymic)


def _fill_members(maker: _Maker, home: Household, shape: str) -> None:
    rng = maker.rng
    names = _Names(rng.choice(FAMILY_NAMES), rng.choice(MALE_PARENTS), rng.choice(MALE_OLDER))
    ages: list[int] = []
    if shape != "young_pregnant":
        count = rng.weighted(_CHILD_COUNT)
        ages = sorted((rng.weighted(_CHILD_AGE) for _i in range(count)), reverse=True)
    mother_age = (
        rng.randint(18, 26) if not ages else min(ages[0] + rng.randint(18, 30), ages[-1] + 44)
    )
    _parents(maker, home, shape, names, mother_age)
    _elders(maker, home, shape, names, mother_age)
    if ages and rng.chance(0.05):  # an aunt or uncle living with them
        sex = rng.choice((Sex.MALE, Sex.FEMALE))
        _adult(
            maker, home, PersonRole.OTHER, sex, names.surname, rng.randint(18, 30), names.grandpa
        )
    _children(maker, home, names, ages)


def _parents(maker: _Maker, home: Household, shape: str, names: _Names, age: int) -> None:
    rng, today = maker.rng, maker.ctx.today
    if shape == "guardian":  # a grandmother or aunt who has the children in her care
        _adult(
            maker,
            home,
            PersonRole.GUARDIAN,
            Sex.FEMALE,
            names.surname,
            age + rng.randint(20, 26),
            names.grandpa,
        )
        return
    pregnant = shape == "young_pregnant" or (age < 40 and rng.chance(0.08))
    role = PersonRole.PREGNANT if pregnant else PersonRole.MOTHER
    mother = _adult(maker, home, role, Sex.FEMALE, names.surname, age, rng.choice(MALE_OLDER))
    mother.phone = home.family.phone
    if pregnant:
        mother.expected_birth = today + dt.timedelta(days=rng.randint(10, 250))
    if shape in _WITH_FATHER:
        father = _adult(
            maker,
            home,
            PersonRole.FATHER,
            Sex.MALE,
            names.surname,
            age + rng.randint(0, 8),
            names.grandpa,
            first=names.father,
        )
        father.phone = home.family.phone2


def _elders(maker: _Maker, home: Household, shape: str, names: _Names, age: int) -> None:
    rng = maker.rng
    if shape == "extended":  # the father's parents
        for sex in (Sex.MALE, Sex.FEMALE) if rng.chance(0.5) else (Sex.FEMALE,):
            first = names.grandpa if sex == Sex.MALE else None
            _adult(
                maker,
                home,
                PersonRole.GRANDPARENT,
                sex,
                names.surname,
                age + rng.randint(20, 28),
                rng.choice(MALE_OLDER),
                first=first,
            )
    elif shape == "with_grandmother":  # the mother's mother, with her own family name
        _adult(
            maker,
            home,
            PersonRole.GRANDPARENT,
            Sex.FEMALE,
            rng.choice(FAMILY_NAMES),
            age + rng.randint(19, 26),
            rng.choice(MALE_OLDER),
        )


def _children(maker: _Maker, home: Household, names: _Names, ages: list[int]) -> None:
    rng, taken = maker.rng, set()
    for age in ages:
        sex = rng.choice((Sex.MALE, Sex.FEMALE))
        pool = MALE_CHILDREN if sex == Sex.MALE else FEMALE_CHILDREN
        first = rng.choice([n for n in pool if n not in taken])  # siblings differ
        taken.add(first)
        maker.person(
            home,
            PersonRole.CHILD,
            sex,
            first,
            patronymic(names.father, sex),
            family_name(names.surname, sex),
            years_ago(maker.ctx.today, rng, age),
        )


def _adult(
    maker: _Maker,
    home: Household,
    role: str,
    sex: str,
    surname: str,
    age: int,
    father: str,
    first: str | None = None,
) -> Person:
    rng = maker.rng
    if first is None:
        older = role in (PersonRole.GRANDPARENT, PersonRole.GUARDIAN)
        pool: dict[tuple[str, bool], tuple[str, ...]] = {
            (Sex.MALE, True): MALE_OLDER,
            (Sex.FEMALE, True): FEMALE_OLDER,
            (Sex.MALE, False): MALE_PARENTS,
            (Sex.FEMALE, False): FEMALE_PARENTS,
        }
        first = rng.choice(pool[sex, older])
    unknown_birth = role in (PersonRole.GRANDPARENT, PersonRole.OTHER) and rng.chance(0.15)
    born = None if unknown_birth else years_ago(maker.ctx.today, rng, min(age, 85))
    return maker.person(
        home, role, sex, first, patronymic(father, sex), family_name(surname, sex), born
    )
