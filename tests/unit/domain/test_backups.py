"""Thinning the backups: every day of two weeks, every week of two months, every month of two
years, and never the last copy."""

from __future__ import annotations

import datetime as dt

from bgfuture_desk.domain.backups import backups_to_keep

TODAY = dt.date(2026, 12, 7)  # a Monday


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def test_the_newest_of_each_day_week_and_month_is_kept_and_the_rest_goes():
    stamps = {
        "today-morning": at("2026-12-07 09:00"),
        "today-evening": at("2026-12-07 18:00"),
        "13-days-ago": at("2026-11-24 10:00"),
        "14-days-ago-early": at("2026-11-23 08:00"),
        "14-days-ago": at("2026-11-23 10:00"),
        "sunday-before": at("2026-11-22 10:00"),
        "october-12": at("2026-10-12 10:00"),
        "october-14": at("2026-10-14 10:00"),
        "december-2024": at("2024-12-31 23:00"),
        "january-2025": at("2025-01-01 08:00"),
    }
    kept = backups_to_keep(stamps.values(), TODAY)
    assert {name for name, s in stamps.items() if s in kept} == {
        "today-evening",  # the newest of today
        "13-days-ago",  # still in the last 14 days, and the newest of its week: the two
        # copies of 23 November, a day too old for the daily rule, go
        "sunday-before",  # the newest of the week of 16 November
        "october-14",  # weeks before 19 October are past the 8 weeks: the newest of October
        "january-2025",  # the 24th month back
    }


def test_three_years_of_daily_copies_thin_to_14_days_8_weeks_and_24_months():
    start = dt.date(2023, 12, 1)
    stamps = [
        dt.datetime.combine(start + dt.timedelta(days=n), dt.time(20, 0))
        for n in range((TODAY - start).days + 1)
    ]
    kept = sorted(backups_to_keep(stamps, TODAY))
    days = [s.date() for s in kept]
    last_14 = [TODAY - dt.timedelta(days=n) for n in range(14)]
    assert set(last_14) <= set(days)
    # the Sundays of the weeks before (the week of today is inside the 14 days)
    sundays = [dt.date(2026, 10, 25) + dt.timedelta(weeks=n) for n in range(6)]
    assert set(sundays) <= set(days)
    month_ends = {
        d for d in days if (d + dt.timedelta(days=1)).day == 1 and d >= dt.date(2025, 1, 1)
    }
    assert len(month_ends) == 23  # January 2025 … November 2026; December is today
    assert min(days) == dt.date(2025, 1, 31)
    assert len(kept) == len(set(last_14) | set(sundays) | month_ends)


def test_the_last_copy_is_never_thinned_away_and_a_future_one_stays():
    old = at("2020-05-05 10:00")
    assert backups_to_keep([old], TODAY) == {old}
    future = at("2026-12-09 10:00")
    assert backups_to_keep([old, future], TODAY) == {future}
    assert backups_to_keep([], TODAY) == set()
