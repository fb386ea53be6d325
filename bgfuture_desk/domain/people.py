"""The facts about a person that every part of the program must agree on.

Who is a child, how old someone is in years and in months, and which age band a person falls
into for the monthly indicators: defined here once, used by the desk, the printouts and the
reports alike.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Protocol

from bgfuture_desk.i18n import N_, _

ADULT_AGE = 18
CHILD_ROLE = "child"  # PersonRole.CHILD; kept as text so this module needs no vocabulary


class Aged(Protocol):
    """Anything with a role and a birth date: a Person row, a PersonView, a form."""

    @property
    def role(self) -> str: ...

    @property
    def birth_date(self) -> dt.date | None: ...


def age_years(born: dt.date | None, on: dt.date) -> int | None:
    """Whole years of age on a day; ``None`` without a birth date.

    A birthday is reached on its day (18 today is 18); someone born on 29 February is a year
    older on 1 March of a common year. A birth date after ``on`` gives 0, never a negative age.
    """
    if born is None:
        return None
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return max(0, years)


def age_months(born: dt.date | None, on: dt.date) -> int | None:
    """Whole months of age on a day; ``None`` without a birth date.

    A month is complete on the same day of the month (born on 15 March: one month old on 15
    April); born on the 31st, a month is complete on the last day of a shorter month.
    """
    if born is None:
        return None
    months = (on.year - born.year) * 12 + on.month - born.month
    if on.day < born.day and not _last_day_of_month(on):
        months -= 1
    return max(0, months)


def _last_day_of_month(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).month != day.month


def is_child(role: str, born: dt.date | None, on: dt.date) -> bool:
    """Under 18 on the day. The birth date decides when it is known (a person registered as a
    child who has turned 18 is an adult); without one, the role does."""
    age = age_years(born, on)
    if age is not None:
        return age < ADULT_AGE
    return role == CHILD_ROLE


def is_child_person(person: Aged, on: dt.date) -> bool:
    return is_child(person.role, person.birth_date, on)


class AgeBand(StrEnum):
    """The age bands of the monthly indicators (DOMAIN.md): 0–3, 3–7, 7–18, adults, unknown."""

    INFANT = "0-3"
    PRESCHOOL = "3-7"
    SCHOOL = "7-18"
    ADULT = "adult"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return _(_BAND_LABELS[self])


_BAND_LABELS = {
    AgeBand.INFANT: N_("0–3 years"),
    AgeBand.PRESCHOOL: N_("3–7 years"),
    AgeBand.SCHOOL: N_("7–18 years"),
    AgeBand.ADULT: N_("adults"),
    AgeBand.UNKNOWN: N_("age unknown"),
}

_BAND_LIMITS = ((3, AgeBand.INFANT), (7, AgeBand.PRESCHOOL), (ADULT_AGE, AgeBand.SCHOOL))


def age_band(born: dt.date | None, on: dt.date) -> AgeBand:
    """The band of the age on a day: a third birthday moves a child from 0–3 to 3–7 on that
    day. Without a birth date the age is unknown, whatever the role says."""
    age = age_years(born, on)
    if age is None:
        return AgeBand.UNKNOWN
    for limit, band in _BAND_LIMITS:
        if age < limit:
            return band
    return AgeBand.ADULT


def age_text(born: dt.date | None, on: dt.date) -> str:
    """„3 г.“, or „7 мес.“ under one year; empty without a birth date."""
    years = age_years(born, on)
    if years is None:
        return ""
    if years == 0:
        return _("{n} mo.").format(n=age_months(born, on))
    return _("{n} y.").format(n=years)
