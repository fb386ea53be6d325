"""What an erased person's birth date becomes.

Art. 17 erasure keeps the person's visits, attendance and loans as anonymous counts; the
monthly indicators count children by age band, so the birth date cannot simply go. It is
replaced by a date in the same year that puts the person in the same age band on every day
they were counted (usually 1 January or 1 July): the counts of past months stay as they
were, and nothing more precise than the year is left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from bgfuture_desk.domain.people import age_band


def _candidates(year: int) -> Iterator[dt.date]:
    yield dt.date(year, 1, 1)
    yield dt.date(year, 7, 1)
    for month in range(1, 13):
        yield dt.date(year, month, 1)
    day = dt.date(year, 1, 1)
    while day.year == year:  # a birthday right between two counted days: any day will do
        yield day
        day += dt.timedelta(days=1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def counted_days(days: Iterable[dt.date], until: dt.date | None = None) -> set[dt.date]:
    """The days an age band may be read on: each day of activity, its month's first and last
    day, and the last day of every later month up to ``until``'s (a report over several
    months takes the age on the last day of its period)."""
    out: set[dt.date] = set()
    for day in days:
        first = day.replace(day=1)
        out.update((day, first, _next_month(first) - dt.timedelta(days=1)))
    if out and until is not None:
        month = _next_month(min(out))
        while month <= until:
            out.add(_next_month(month) - dt.timedelta(days=1))
            month = _next_month(month)
    return out


def erased_birth_date(
    born: dt.date | None, days: Iterable[dt.date], until: dt.date | None = None
) -> dt.date | None:
    """A date of ``born``'s year with the same age band on every day of ``counted_days``."""
    if born is None:
        return None
    checked = sorted(counted_days(days, until))
    wanted = [age_band(born, day) for day in checked]
    for candidate in _candidates(born.year):
        if [age_band(candidate, day) for day in checked] == wanted:
            return candidate
    return born  # unreachable: the real date itself is among the candidates
