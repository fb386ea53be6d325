"""What every part of the demo shares: seeded streams, the house context, the calendar.

Each part draws from its own stream (seed + part name), so the data of one part does not
shift when another part changes, and the UUIDs come from the same streams: the same seed
and the same day give the same file content, ids included.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bgfuture_desk.db.models import House, Travelling
from bgfuture_desk.domain.people import age_months
from bgfuture_desk.domain.vocab import Sex
from bgfuture_desk.services.demo.data_people import PATRONYMIC_EXCEPTIONS

T = TypeVar("T")
M = TypeVar("M", bound=Travelling)

SOFIA = ZoneInfo("Europe/Sofia")
MOBILE_PREFIXES = ("087", "088", "089", "098")


class Stream(random.Random):
    """A seeded random stream that also makes version-4 UUIDs."""

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.getrandbits(128), version=4)

    def weighted(self, table: Mapping[T, float]) -> T:
        return self.choices(list(table), weights=list(table.values()))[0]

    def chance(self, p: float) -> bool:
        return self.random() < p

    def day_between(self, first: dt.date, last: dt.date) -> dt.date:
        return first + dt.timedelta(days=self.randint(0, max(0, (last - first).days)))

    def phone(self) -> str:
        """A Bulgarian mobile number in the stored (canonical) form: 0888123456."""
        prefix = self.choice(MOBILE_PREFIXES) + str(self.randint(0, 9))
        return f"{prefix}{self.randint(0, 999):03d}{self.randint(0, 999):03d}"


def utc_of(local: dt.datetime) -> dt.datetime:
    """A local wall-clock time of the house as the naive UTC the metadata columns keep."""
    return local.replace(tzinfo=SOFIA).astimezone(dt.UTC).replace(tzinfo=None)


def at_time(day: dt.date, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


@dataclass
class Context:
    """The house being filled, the day the demo is made for, and the records made so far."""

    session: Session
    house: House
    today: dt.date
    seed: str
    created: list[Travelling] = field(default_factory=list)

    def stream(self, part: str) -> Stream:
        return Stream(f"{self.seed}:{part}")

    def new(
        self,
        rng: Stream,
        model: type[M],
        when: dt.date | dt.datetime,
        changed: dt.date | dt.datetime | None = None,
        **fields: Any,
    ) -> M:
        """A record of this house with a seeded id, born (and last changed) at a local time.

        The creation and update times follow the story (a family registered in March
        was created in March), so the data looks lived-in rather than made in a second.
        """
        born = when if isinstance(when, dt.datetime) else at_time(when)
        last = changed if changed is not None else born
        last = last if isinstance(last, dt.datetime) else at_time(last)
        record = model(
            id=rng.uuid(),
            house_id=self.house.id,
            created_at=utc_of(born),
            updated_at=utc_of(max(born, last)),
            **fields,
        )
        self.created.append(record)
        return record


def years_ago(today: dt.date, rng: Stream, years: int) -> dt.date:
    """A birth date that makes someone exactly ``years`` old today (in whole years)."""
    return today - dt.timedelta(days=int(years * 365.25) + rng.randint(1, 360))


def months_old(born: dt.date | None, on: dt.date) -> int:
    """``domain.people.age_months``, 0 without a birth date (the demo's plans need a number)."""
    return age_months(born, on) or 0


# Names: patronymics and the female forms of family names.

_SOFT = "жчшщцй"


def _male_patronymic(name: str) -> str:
    if name.endswith("ър"):  # Петър → Петров
        return name[:-2] + "ров"
    if name.endswith("ьо"):  # Кольо → Колев
        return name[:-2] + "ев"
    if name.endswith(("ия", "ай", "ей", "я", "ю")):  # Илия → Илиев, Николай → Николаев
        return name[:-1] + "ев"
    if name.endswith("и"):  # Георги → Георгиев
        return name + "ев"
    stem = name[:-1] if name.endswith(("а", "о", "е")) else name  # Никола → Николов
    return stem + ("ев" if stem[-1] in _SOFT else "ов")  # Славчо → Славчев


def patronymic(father: str, sex: str) -> str:
    """The middle name a child gets from the father's first name, in the child's gender."""
    male = PATRONYMIC_EXCEPTIONS.get(father) or _male_patronymic(father)
    return male + "а" if sex == Sex.FEMALE else male


def family_name(male_form: str, sex: str) -> str:
    return male_form + "а" if sex == Sex.FEMALE else male_form
