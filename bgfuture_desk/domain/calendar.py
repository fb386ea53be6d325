"""The Bulgarian working calendar: weekends, official holidays and their moved days off.

A fixed holiday that falls on a Saturday or Sunday gives the next working day off
(DOMAIN.md); the Easter days (Good Friday to Easter Monday) are not moved.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

FIXED_HOLIDAYS = (
    (1, 1),
    (3, 3),
    (5, 1),
    (5, 6),
    (5, 24),
    (9, 6),
    (9, 22),
    (12, 24),
    (12, 25),
    (12, 26),
)


def orthodox_easter(year: int) -> dt.date:
    """Orthodox Easter (Meeus' Julian algorithm, shifted to the Gregorian calendar)."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    return dt.date(year, month, day + 1) + dt.timedelta(days=13)


@cache
def holidays(year: int) -> frozenset[dt.date]:
    """Every official day off of the year, moved days included."""
    easter = orthodox_easter(year)
    days = {easter + dt.timedelta(days=k) for k in (-2, -1, 0, 1)}
    fixed = [dt.date(year, m, d) for m, d in FIXED_HOLIDAYS]
    days.update(fixed)
    for day in fixed:
        if day.weekday() >= 5:
            moved = day + dt.timedelta(days=1)
            while moved.weekday() >= 5 or moved in days:
                moved += dt.timedelta(days=1)
            days.add(moved)
    return frozenset(days)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in holidays(day.year)


def working_days(first: dt.date, last: dt.date) -> list[dt.date]:
    days = (first + dt.timedelta(days=k) for k in range((last - first).days + 1))
    return [d for d in days if is_working_day(d)]


def next_working_day(day: dt.date) -> dt.date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day
