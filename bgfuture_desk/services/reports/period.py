"""The period of a report: one month, a range of months or the year to date, read as the
coordinator writes it.

The year to date runs from January to the chosen month; it is compared with the year to date
one month earlier (January: the whole year before) and with the same months a year before.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bgfuture_desk.domain.months import Month, MonthError
from bgfuture_desk.errors import ValidationError
from bgfuture_desk.i18n import _


@dataclass(frozen=True)
class Period:
    first: Month
    last: Month
    ytd: bool = False  # the year to date: January to ``last``

    @classmethod
    def year_to_date(cls, last: Month) -> Period:
        """January to ``last`` of its year."""
        return cls(Month(last.year, 1), last, ytd=True)

    @classmethod
    def parse(cls, month: str, to: str | None = None, ytd: bool = False) -> Period:
        """``2026-10`` or ``2026-07`` to ``2026-10``, or with ``ytd`` January 2026 to
        ``2026-10``; a Bulgarian refusal otherwise."""
        if ytd and to:
            raise ValidationError(
                {"to": _("The year to date ends with its month: give either a last month or "
                         "the year to date, not both.")}
            )  # fmt: skip
        try:
            first = Month.parse(month)
            last = Month.parse(to) if to else first
        except MonthError as err:
            raise ValidationError({"month": str(err)}) from None
        if last < first:
            raise ValidationError(
                {"to": _("The last month {to} comes before the first {month}.").format(
                    to=last, month=first
                )}
            )  # fmt: skip
        return cls.year_to_date(first) if ytd else cls(first, last)

    @property
    def start(self) -> dt.date:
        return self.first.first_day

    @property
    def end(self) -> dt.date:
        """The last day: ages and states at the end of the period are taken on it."""
        return self.last.last_day

    @property
    def start_at(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time())

    @property
    def end_before(self) -> dt.datetime:
        """The first moment after the period (the half-open range's end)."""
        return dt.datetime.combine(self.last.next().first_day, dt.time())

    def months(self) -> list[Month]:
        out, month = [], self.first
        while month <= self.last:
            out.append(month)
            month = month.next()
        return out

    def contains(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def shifted(self, months: int) -> Period:
        return Period(self.first.shifted(months), self.last.shifted(months), self.ytd)

    def previous(self) -> Period:
        """The period of the same length just before (the month before, for a month); for
        the year to date, the year to date one month earlier."""
        if self.ytd:
            return Period.year_to_date(self.last.shifted(-1))
        return self.shifted(-len(self.months()))

    def year_before(self) -> Period:
        return self.shifted(-12)

    def label(self) -> str:
        """„октомври 2026 г.“, or „юли 2026 г. – октомври 2026 г.“ for a range."""
        if self.first == self.last and not self.ytd:
            return self.first.label()
        text = f"{self.first.label()} – {self.last.label()}"
        return _("{period} (year to date)").format(period=text) if self.ytd else text

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {"from": str(self.first), "to": str(self.last)}
        if self.ytd:
            out["year_to_date"] = True
        return out
