"""When a recurring group meets (official holidays skipped, not moved) and who completed it."""

from __future__ import annotations

import datetime as dt

import pytest

from bgfuture_desk.domain.groups import ScheduleError, completed, session_dates

D = dt.date


def test_a_weekly_monday_group_skips_easter_monday_christmas_and_moved_days_off():
    # 2028: Easter Monday 17 April; 1 May a Monday; 6 May a Saturday, so Monday 8 May is
    # off; 25 December a Monday; 1 January 2029 a Monday.
    days, skipped = session_dates(D(2028, 4, 3), D(2029, 1, 8), "weekly")
    assert skipped == [D(2028, 4, 17), D(2028, 5, 1), D(2028, 5, 8), D(2028, 12, 25), D(2029, 1, 1)]
    assert days[:3] == [D(2028, 4, 3), D(2028, 4, 10), D(2028, 4, 24)]
    assert days[-3:] == [D(2028, 12, 11), D(2028, 12, 18), D(2029, 1, 8)]
    assert all(d.weekday() == 0 for d in days)
    assert len(days) + len(skipped) == 41  # every Monday of the range, each once


def test_a_holiday_on_a_weekend_moves_its_day_off_to_monday_and_the_group_skips_it():
    # 24-26 December 2026 fall Thursday to Saturday: Monday 28 December is the day off.
    days, skipped = session_dates(D(2026, 12, 14), D(2027, 1, 11), "weekly")
    assert skipped == [D(2026, 12, 28)]
    assert days == [D(2026, 12, 14), D(2026, 12, 21), D(2027, 1, 4), D(2027, 1, 11)]


def test_a_fortnightly_wednesday_group_skips_the_third_of_march():
    days, skipped = session_dates(D(2027, 2, 17), D(2027, 4, 14), "fortnightly")
    assert days == [D(2027, 2, 17), D(2027, 3, 17), D(2027, 3, 31), D(2027, 4, 14)]
    assert skipped == [D(2027, 3, 3)]


def test_a_one_off_session_on_the_third_of_march_is_only_skipped():
    assert session_dates(D(2027, 3, 3), D(2027, 3, 3), "once") == ([], [D(2027, 3, 3)])
    # "once" takes the first day whatever the last one says.
    assert session_dates(D(2027, 3, 4), D(2027, 1, 1), "once") == ([D(2027, 3, 4)], [])


def test_a_range_that_ends_before_it_starts_is_refused_in_bulgarian():
    with pytest.raises(ScheduleError) as err:
        session_dates(D(2027, 5, 10), D(2027, 5, 3), "weekly")
    assert err.value.field == "last"
    assert str(err.value) == "Последната дата (03.05.2027) е преди първата (10.05.2027)."


def test_ranges_of_up_to_two_years_only():
    days, skipped = session_dates(D(2027, 1, 4), D(2029, 1, 4), "fortnightly")
    assert len(days) + len(skipped) == 53  # 2 years = 52 fortnights and the first day
    assert skipped[-1] == D(2029, 1, 1) and days[-1] == D(2028, 12, 18)
    with pytest.raises(ScheduleError) as err:
        session_dates(D(2027, 1, 4), D(2029, 1, 5), "weekly")
    assert err.value.field == "last"
    assert "две години" in err.value.message
    # 29 February plus two years is 28 February.
    session_dates(D(2028, 2, 29), D(2030, 2, 28), "weekly")
    with pytest.raises(ScheduleError):
        session_dates(D(2028, 2, 29), D(2030, 3, 1), "weekly")


def test_an_unknown_repeat_is_refused():
    with pytest.raises(ScheduleError) as err:
        session_dates(D(2027, 1, 4), D(2027, 2, 4), "monthly")
    assert err.value.field == "repeat"
    assert "колко често" in err.value.message


@pytest.mark.parametrize(
    ("attended", "held", "share", "done"),
    [
        (3, 4, 0.75, True),
        (2, 4, 0.75, False),
        (0, 0, 0.75, False),
        (3, 5, 0.6, True),
        (2, 5, 0.6, False),
        (7, 10, 0.7, True),
        (10, 10, 1.0, True),
        (9, 10, 1.0, False),
    ],
)
def test_completion_is_a_share_of_the_sessions_held(attended, held, share, done):
    assert completed(attended, held, share) is done
