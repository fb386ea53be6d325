"""A calendar month, the period of exports and reports, written YYYY-MM.

One parser for every command and screen that takes a month: the export, the toy and group
numbers and the monthly report agree on what "2026-11" means and on the message for a wrong
one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from babel import dates as babel_dates

from bgfuture_desk.i18n import LOCALE, _

_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
FIRST_YEAR = 2000  # nothing at the houses is older; a typo such as 0226-11 is refused


class MonthError(ValueError):
    """A month that cannot be read; the message is for the user."""


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    # -- making ----------------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> Month:
        """"2026-11" (also "2026-1"); a ``MonthError`` with a Bulgarian message otherwise."""
        match = _MONTH.fullmatch(text.strip())
        if match is None or not 1 <= int(match[2]) <= 12 or int(match[1]) < FIRST_YEAR:
            raise MonthError(_("Write the month as YYYY-MM, for example 2026-10."))
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month)

    # -- reading ---------------------------------------------------------------------------

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next().first_day - dt.timedelta(days=1)

    @property
    def bounds(self) -> tuple[dt.date, dt.date]:
        """(first day, first day of the next month): the half-open range of its days."""
        return self.first_day, self.next().first_day

    def contains(self, day: dt.date) -> bool:
        return (day.year, day.month) == (self.year, self.month)

    def label(self) -> str:
        """„октомври 2026 г.“"""
        return babel_dates.format_date(self.first_day, "LLLL y 'г.'", locale=LOCALE)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    # -- moving ----------------------------------------------------------------------------

    def shifted(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def next(self) -> Month:
        return self.shifted(1)

    def previous(self) -> Month:
        return self.shifted(-1)

    def year_before(self) -> Month:
        return self.shifted(-12)


def month_range(first: Month, last: Month) -> Iterator[Month]:
    """Every month from ``first`` to ``last``, both included (nothing when last < first)."""
    month = first
    while month <= last:
        yield month
        month = month.next()


def previous_month(today: dt.date) -> Month:
    """The month an export or a report is normally for: the one before today's."""
    return Month.of(today).previous()
