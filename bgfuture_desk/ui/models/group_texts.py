"""How the groups screen writes days, times and shares: Bulgarian, through Babel's ``bg``."""

from __future__ import annotations

import datetime as dt

from babel import dates as _dates
from babel import numbers as _numbers

from bgfuture_desk.i18n import LOCALE, format_date, format_time


def weekday_name(day: dt.date) -> str:
    """„понеделник“"""
    return _dates.format_date(day, "EEEE", locale=LOCALE)


def weekday_short(day: dt.date) -> str:
    """„пн“"""
    return _dates.format_date(day, "EEE", locale=LOCALE)


def day_month(day: dt.date) -> str:
    """„17 ноември“"""
    return _dates.format_date(day, "d MMMM", locale=LOCALE)


def month_name(day: dt.date) -> str:
    """„ноември 2025 г.“ (the month standing alone, as in a heading)."""
    return _dates.format_date(day, "LLLL yyyy 'г.'", locale=LOCALE)


def day_with_weekday(day: dt.date) -> str:
    """„пн, 17.11.2025“"""
    return f"{weekday_short(day)}, {format_date(day)}"


def time_span(starts_at: dt.datetime, ends_at: dt.datetime) -> str:
    """„10:00–11:30“"""
    return f"{format_time(starts_at)}–{format_time(ends_at)}"


def percent(share: float) -> str:
    """0.625 → „63%“ (Bulgarian rounding and digits)."""
    return _numbers.format_percent(share, locale=LOCALE)


def week_monday(day: dt.date) -> dt.date:
    """Weeks start on Monday in Bulgaria."""
    return day - dt.timedelta(days=day.weekday())
