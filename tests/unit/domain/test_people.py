"""One rule for each fact about a person: child or adult, age in years and months, age band."""

from __future__ import annotations

import datetime as dt

import pytest

from bgfuture_desk.domain.people import (
    AgeBand,
    age_band,
    age_months,
    age_text,
    age_years,
    is_child,
)

D = dt.date


@pytest.mark.parametrize(
    ("born", "on", "years"),
    [
        (D(2008, 12, 6), D(2026, 12, 6), 18),  # 18 today
        (D(2008, 12, 7), D(2026, 12, 6), 17),  # 18 tomorrow
        (D(2020, 2, 29), D(2021, 2, 28), 0),  # a leap-day birthday in a common year…
        (D(2020, 2, 29), D(2021, 3, 1), 1),  # …is reached on 1 March
        (D(2027, 1, 1), D(2026, 12, 6), 0),  # a date after the day is never a negative age
        (None, D(2026, 12, 6), None),
    ],
)
def test_age_in_years(born, on, years):
    assert age_years(born, on) == years


@pytest.mark.parametrize(
    ("born", "on", "months"),
    [
        (D(2026, 3, 15), D(2026, 4, 15), 1),  # the same day of the month completes it
        (D(2026, 3, 15), D(2026, 4, 14), 0),
        (D(2026, 1, 31), D(2026, 2, 28), 1),  # born on the 31st: the last day of February
        (D(2026, 1, 31), D(2026, 2, 27), 0),
        (D(2024, 12, 6), D(2026, 12, 6), 24),
        (D(2026, 12, 6), D(2026, 12, 6), 0),  # born today
        (None, D(2026, 12, 6), None),
    ],
)
def test_age_in_months(born, on, months):
    assert age_months(born, on) == months


def test_the_birth_date_decides_who_is_a_child_and_the_role_only_without_one():
    today = D(2026, 12, 6)
    assert is_child("child", D(2010, 1, 1), today)
    assert not is_child("child", D(2008, 12, 6), today)  # registered as a child, 18 today
    assert is_child("child", D(2008, 12, 7), today)  # 18 tomorrow
    assert is_child("mother", D(2012, 5, 5), today)  # a 14-year-old mother is a child
    assert is_child("child", None, today)
    assert not is_child("mother", None, today)
    assert not is_child("pregnant", None, today)


@pytest.mark.parametrize(
    ("born", "band"),
    [
        (D(2026, 1, 1), AgeBand.INFANT),
        (D(2023, 12, 7), AgeBand.INFANT),  # turns 3 tomorrow
        (D(2023, 12, 6), AgeBand.PRESCHOOL),  # 3 today
        (D(2019, 12, 6), AgeBand.SCHOOL),  # 7 today
        (D(2008, 12, 7), AgeBand.SCHOOL),
        (D(2008, 12, 6), AgeBand.ADULT),  # 18 today
        (None, AgeBand.UNKNOWN),
    ],
)
def test_age_bands_of_the_indicators(born, band):
    assert age_band(born, D(2026, 12, 6)) is band


def test_age_bands_and_ages_read_in_bulgarian():
    assert AgeBand.INFANT.label == "0–3 години"
    assert AgeBand.UNKNOWN.label == "неизвестна възраст"
    assert age_text(D(2026, 5, 6), D(2026, 12, 6)) == "7 мес."
    assert age_text(D(2020, 5, 6), D(2026, 12, 6)) == "6 г."
    assert age_text(None, D(2026, 12, 6)) == ""
