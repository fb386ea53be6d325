"""Rules of the parenting groups: when a recurring group meets, and who completed it.

A recurring group keeps its rhythm: an official holiday (``calendar.holidays``, moved days
off included) is skipped and listed, never moved to another day, so the facilitator can
decide what to do about it. Completion compares the present marks with the sessions held.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from bgfuture_desk.domain.calendar import holidays
from bgfuture_desk.i18n import _, format_date

Repeat = Literal["once", "weekly", "fortnightly"]
REPEATS: dict[str, int] = {"once": 0, "weekly": 7, "fortnightly": 14}
MAX_YEARS = 2


class ScheduleError(ValueError):
    """A schedule that cannot be made; the message is for the user, ``field`` for the form."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def years_later(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def is_holiday(day: dt.date) -> bool:
    """An official day off (not a plain weekend)."""
    return day in holidays(day.year)


def session_dates(
    first: dt.date, last: dt.date, weekday_step: str
) -> tuple[list[dt.date], list[dt.date]]:
    """(meeting days, skipped holidays) from ``first`` to ``last`` inclusive.

    ``weekday_step`` is "once" (only ``first``; ``last`` is ignored), "weekly" or
    "fortnightly". Raises ScheduleError for an unknown step, a range that ends before it
    starts, or one longer than two years.
    """
    if weekday_step not in REPEATS:
        raise ScheduleError(_("Choose how often the group meets."), "repeat")
    step = REPEATS[weekday_step]
    if step:
        if last < first:
            raise ScheduleError(
                _("The last date ({last}) is before the first ({first}).").format(
                    last=format_date(last), first=format_date(first)
                ),
                "last",
            )
        if last > years_later(first, MAX_YEARS):
            raise ScheduleError(
                _("Sessions can be scheduled at most two years ahead in one go."), "last"
            )
    days: list[dt.date] = []
    skipped: list[dt.date] = []
    day = first
    while day <= (last if step else first):
        (skipped if is_holiday(day) else days).append(day)
        if not step:
            break
        day += dt.timedelta(days=step)
    return days, skipped


def completed(attended: int, held: int, share: float) -> bool:
    """At least ``share`` of the held sessions attended (nothing held: not completed)."""
    if held <= 0:
        return False
    # A small tolerance: 3 of 4 is exactly 75 % even when 0.75 is not exact in binary.
    return attended / held >= share - 1e-9
