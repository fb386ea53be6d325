"""The working calendar: Orthodox Easter, fixed holidays and the days off they move to."""

import datetime as dt

from bgfuture_desk.domain.calendar import (
    holidays,
    is_working_day,
    next_working_day,
    orthodox_easter,
    working_days,
)


def test_orthodox_easter_dates():
    assert orthodox_easter(2024) == dt.date(2024, 5, 5)
    assert orthodox_easter(2025) == dt.date(2025, 4, 20)
    assert orthodox_easter(2026) == dt.date(2026, 4, 12)


def test_easter_days_from_good_friday_to_monday_are_off():
    assert {dt.date(2026, 4, d) for d in (10, 11, 12, 13)} <= holidays(2026)
    assert is_working_day(dt.date(2026, 4, 14))


def test_a_holiday_on_a_weekend_moves_to_the_next_working_day():
    # 2026: 24 May is a Sunday, 6 September a Sunday, 26 December a Saturday.
    assert not is_working_day(dt.date(2026, 5, 25))
    assert not is_working_day(dt.date(2026, 9, 7))
    assert not is_working_day(dt.date(2026, 12, 28))
    assert is_working_day(dt.date(2026, 12, 29))


def test_christmas_on_a_weekend_moves_past_the_other_christmas_days():
    # 2027: 24 Dec Friday, 25 Saturday, 26 Sunday → Monday 27 and Tuesday 28 are off.
    assert not is_working_day(dt.date(2027, 12, 27))
    assert not is_working_day(dt.date(2027, 12, 28))
    assert is_working_day(dt.date(2027, 12, 29))


def test_working_days_skip_weekends_and_holidays():
    days = working_days(dt.date(2026, 12, 21), dt.date(2027, 1, 4))
    assert dt.date(2026, 12, 23) in days
    assert dt.date(2026, 12, 24) not in days and dt.date(2027, 1, 1) not in days
    assert all(d.weekday() < 5 for d in days)
    assert next_working_day(dt.date(2026, 12, 24)) == dt.date(2026, 12, 29)
    assert next_working_day(dt.date(2026, 12, 23)) == dt.date(2026, 12, 23)
