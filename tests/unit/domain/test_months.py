"""One month parser for exports, numbers and reports."""

from __future__ import annotations

import datetime as dt

import pytest

from bgfuture_desk.domain.months import Month, MonthError, month_range, previous_month


def test_a_month_is_read_and_has_its_days():
    month = Month.parse(" 2026-02 ")
    assert str(month) == "2026-02"
    assert month.first_day == dt.date(2026, 2, 1)
    assert month.last_day == dt.date(2026, 2, 28)
    assert month.bounds == (dt.date(2026, 2, 1), dt.date(2026, 3, 1))
    assert Month.parse("2024-2").last_day == dt.date(2024, 2, 29)
    assert month.contains(dt.date(2026, 2, 28)) and not month.contains(dt.date(2026, 3, 1))


@pytest.mark.parametrize(
    "text", ["2026-13", "2026-00", "26-11", "ноември", "", "1999-12", "2026/11"]
)
def test_a_wrong_month_gets_a_bulgarian_message(text):
    with pytest.raises(MonthError, match="ГГГГ-ММ"):
        Month.parse(text)


def test_months_move_across_years():
    january = Month(2027, 1)
    assert january.previous() == Month(2026, 12)
    assert january.year_before() == Month(2026, 1)
    assert Month(2026, 12).next() == january
    assert [str(m) for m in month_range(Month(2026, 11), Month(2027, 2))] == [
        "2026-11", "2026-12", "2027-01", "2027-02",
    ]
    assert list(month_range(january, Month(2026, 12))) == []
    assert previous_month(dt.date(2027, 1, 5)) == Month(2026, 12)


def test_a_month_is_named_in_bulgarian():
    assert Month(2026, 10).label() == "октомври 2026 г."
