"""Which backups of a house file to keep: a pure rule, so it can be tested with dates alone.

Thinning keeps the newest copy of each of the last 14 days, the newest copy of each of the
last 8 weeks (ISO weeks, counted back from today's week) and the newest copy of each of the
last 24 months (counted back from today's month); every other copy may go. A copy from the
future (a clock put right) is always kept, and so is the newest copy of all, however old:
thinning never leaves a house without a backup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable

DAYS = 14
WEEKS = 8
MONTHS = 24


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _newest_per(
    stamps: list[dt.datetime], key: Callable[[dt.datetime], Hashable]
) -> set[dt.datetime]:
    newest: dict[Hashable, dt.datetime] = {}
    for stamp in stamps:
        k = key(stamp)
        if k not in newest or stamp > newest[k]:
            newest[k] = stamp
    return set(newest.values())


def backups_to_keep(stamps: Iterable[dt.datetime], today: dt.date) -> set[dt.datetime]:
    """The moments (of the copies given) that thinning keeps on ``today``."""
    stamps = list(stamps)
    if not stamps:
        return set()
    week_start = today - dt.timedelta(days=today.weekday())
    first_day = today - dt.timedelta(days=DAYS - 1)
    first_week = week_start - dt.timedelta(weeks=WEEKS - 1)
    first_month = _month_index(today) - (MONTHS - 1)

    future = {s for s in stamps if s.date() > today}
    days = [s for s in stamps if first_day <= s.date() <= today]
    weeks = [s for s in stamps if first_week <= s.date() <= today]
    months = [s for s in stamps if first_month <= _month_index(s.date()) and s.date() <= today]

    def week_of(s: dt.datetime) -> dt.date:
        return s.date() - dt.timedelta(days=s.weekday())

    keep = future | {max(stamps)}
    keep |= _newest_per(days, lambda s: s.date())
    keep |= _newest_per(weeks, week_of)
    keep |= _newest_per(months, lambda s: _month_index(s.date()))
    return keep
