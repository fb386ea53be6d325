"""The toy library's pure rules: due dates, age ranges, pieces, codes and the search."""

from __future__ import annotations

import datetime as dt

import pytest

from bgfuture_desk.domain import toys as rules
from bgfuture_desk.domain.calendar import is_working_day
from bgfuture_desk.domain.people import age_months


@pytest.mark.parametrize(
    ("lent_on", "days", "due"),
    [
        # An ordinary Tuesday two weeks on.
        (dt.date(2026, 11, 3), 14, dt.date(2026, 11, 17)),
        # 14 days after a Sunday is a Sunday: due on Monday.
        (dt.date(2026, 11, 8), 14, dt.date(2026, 11, 23)),
        # Due on 24.12: Christmas Eve, Christmas, 26.12 (a Saturday, so Monday 28.12 is off
        # in its place) and the Sunday between: due on Tuesday 29.12.
        (dt.date(2026, 12, 10), 14, dt.date(2026, 12, 29)),
        # New Year's Day 2027 is a Friday: due on Monday 4.1.
        (dt.date(2026, 12, 18), 14, dt.date(2027, 1, 4)),
        # 3 March (Liberation Day, a Tuesday in 2026): due on the 4th.
        (dt.date(2026, 2, 17), 14, dt.date(2026, 3, 4)),
        # Orthodox Easter 2026 is 12 April: Good Friday 10.4 to Easter Monday 13.4 are off.
        (dt.date(2026, 3, 27), 14, dt.date(2026, 4, 14)),
    ],
)
def test_due_date_moves_off_weekends_and_holidays(lent_on, days, due):
    assert rules.due_date(lent_on, days) == due
    assert is_working_day(due)


def test_days_overdue_counts_from_the_day_after_the_due_date():
    due = dt.date(2026, 12, 4)
    assert rules.days_overdue(due, due) == 0
    assert rules.days_overdue(due, dt.date(2026, 12, 1)) == 0
    assert rules.days_overdue(due, dt.date(2026, 12, 8)) == 4


@pytest.mark.parametrize(
    ("low", "high", "label"),
    [
        (12, 36, "1–3 г."),
        (6, 18, "6–18 мес."),
        (36, 216, "от 3 г."),
        (6, 216, "от 6 мес."),
        (0, 12, "до 1 г."),
        (0, 18, "до 18 мес."),
        (0, 216, "за всички възрасти"),
    ],
)
def test_age_ranges_read_in_bulgarian(low, high, label):
    assert rules.age_range_label(low, high) == label


def test_ages_in_months_and_fits():
    born = dt.date(2025, 6, 15)
    assert age_months(born, dt.date(2026, 12, 14)) == 17
    assert age_months(born, dt.date(2026, 12, 15)) == 18
    assert rules.fits_age(18, 48, 18) and rules.fits_age(18, 48, 48)
    assert not rules.fits_age(18, 48, 17)
    assert rules.child_age_label(8) == "8 мес." and rules.child_age_label(50) == "4 г."


@pytest.mark.parametrize(
    ("pieces", "message"),
    [
        (1, None),
        (500, None),
        (0, "Играчката има поне 1 част."),
        (-3, "Играчката има поне 1 част."),
        (5000, "5000 части са твърде много за една играчка; най-много 500."),
        ("12", "Въведете броя на частите като цяло число."),
        (True, "Въведете броя на частите като цяло число."),
    ],
)
def test_pieces_are_checked(pieces, message):
    assert rules.validate_pieces(pieces) == message


def test_missing_pieces_are_checked_against_what_went_out():
    assert rules.validate_missing(0, 10) is None
    assert rules.validate_missing(9, 10) is None
    assert "отрицателен" in rules.validate_missing(-1, 10)
    assert rules.validate_missing(11, 10) == "Заети бяха само 10 части; не може да липсват 11."
    assert "изгубена" in rules.validate_missing(10, 10)


def test_age_range_bounds():
    assert rules.validate_age_range(12, 36) == {}
    assert "age_max_months" in rules.validate_age_range(36, 12)
    assert "age_min_months" in rules.validate_age_range(-1, 12)
    assert "age_max_months" in rules.validate_age_range(0, 300)


@pytest.mark.parametrize(
    "typed", ["KRN-T-0107", "krn-t-107", " KRN-T-107 ", "KRNT0107", "КРН-Т-0107", "krn-t-00107"]
)
def test_toy_codes_are_read_however_typed(typed):
    assert rules.canonical_toy_code(typed) == "KRN-T-0107"


@pytest.mark.parametrize("typed", ["KRN-0107", "пъзел", "", "KRN-T-", "T-0107"])
def test_other_text_is_no_toy_code(typed):
    assert rules.canonical_toy_code(typed) is None


def test_search_folds_cyrillic_latin_and_case():
    key = rules.toy_search_key("Дървен пъзел с животни", "Пъзели", "KRN-T-0107")
    for query in ("пъзел", "ПЪЗЕЛ", "pazel", "Pazel", "дърв пъз", "107", "krn-t"):
        assert rules.matches(query, key), query
    for query in ("кукла", "пъзел кукла", "999"):
        assert not rules.matches(query, key), query


def test_what_a_return_makes_of_a_toy():
    assert rules.status_after_return("good", lost=False, reserved=False) == "available"
    assert rules.status_after_return("worn", lost=False, reserved=True) == "reserved"
    assert rules.status_after_return("needs_repair", lost=False, reserved=True) == "in_repair"
    assert rules.status_after_return("good", lost=True, reserved=True) == "lost"
