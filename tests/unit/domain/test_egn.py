"""The ЕГН as the assistant types it: what it tells, and the Bulgarian message when it is wrong."""

from __future__ import annotations

import datetime as dt

import pytest

from bgfuture_desk.domain.egn import EgnError, check_digit, make_egn, parse_egn

TODAY = dt.date(2026, 11, 22)


def _with_check(first_nine: str) -> str:
    return first_nine + str(check_digit(first_nine))


def test_domain_example_is_a_man_born_in_1875():
    info = parse_egn("7523169263", today=TODAY)
    assert info.birth_date == dt.date(1875, 3, 16)
    assert info.sex == "male"


@pytest.mark.parametrize(
    ("first_nine", "born", "sex"),
    [
        ("850412124", dt.date(1985, 4, 12), "male"),  # months 01–12: the 1900s
        ("850412125", dt.date(1985, 4, 12), "female"),  # odd ninth digit: a woman
        ("991231008", dt.date(1999, 12, 31), "male"),
        ("234501006", dt.date(2023, 5, 1), "male"),  # months 41–52: the 2000s
        ("235229017", dt.date(2023, 12, 29), "female"),
        ("044229013", dt.date(2004, 2, 29), "female"),  # a leap day
    ],
)
def test_century_and_sex_come_from_month_and_ninth_digit(first_nine, born, sex):
    info = parse_egn(_with_check(first_nine), today=TODAY)
    assert (info.birth_date, info.sex) == (born, sex)


def test_spaces_around_and_inside_are_forgiven():
    assert parse_egn(" 75 2316 9263 ", today=TODAY).birth_date == dt.date(1875, 3, 16)


def test_check_digit_ten_becomes_zero():
    # 8·2 + 5·4 + 0·8 + 4·5 + 1·10 + 2·9 + 0·7 + 0·3 + 6·6 = 120; 120 mod 11 = 10 → 0
    assert check_digit("850412006") == 0
    assert parse_egn("8504120060", today=TODAY).birth_date == dt.date(1985, 4, 12)


def _message(text: str, today: dt.date = TODAY) -> str:
    with pytest.raises(EgnError) as err:
        parse_egn(text, today=today)
    return str(err.value)


def test_wrong_check_digit_is_refused_in_bulgarian():
    assert _message("7523169264") == "Контролната цифра на ЕГН не съвпада."


@pytest.mark.parametrize(
    "text", ["", "752316926", "75231692630", "75231692a3", "752316926²", "７５２３１６９２６３"]
)
def test_wrong_length_or_not_digits_is_refused_in_bulgarian(text):
    assert _message(text) == "ЕГН трябва да има точно 10 цифри."


@pytest.mark.parametrize(
    "first_nine",
    [
        "850231000",  # 31 February 1985
        "044231000",  # 31 February 2004
        "010229000",  # 29 February 1901 (not a leap year)
        "850400000",  # day 0
    ],
)
def test_impossible_date_is_refused_in_bulgarian(first_nine):
    assert _message(_with_check(first_nine)) == "ЕГН съдържа невъзможна дата на раждане."


@pytest.mark.parametrize("first_nine", ["851312000", "850012000", "856012000", "851912000"])
def test_impossible_month_is_refused_in_bulgarian(first_nine):
    assert _message(_with_check(first_nine)) == "ЕГН съдържа невъзможен месец на раждане."


def test_future_date_is_refused_in_bulgarian():
    tomorrow = _with_check("265123000")  # 23.11.2026
    assert _message(tomorrow) == "ЕГН съдържа дата на раждане в бъдещето."
    assert parse_egn(tomorrow, today=dt.date(2026, 11, 23)).birth_date == dt.date(2026, 11, 23)


def test_every_message_is_cyrillic():
    for text in ("123", "7523169264", _with_check("850231000"), _with_check("265123000")):
        assert any("а" <= ch.lower() <= "я" for ch in _message(text))


def test_make_egn_round_trips_through_parse_egn():
    born = dt.date(1880, 1, 1)
    checked = 0
    while born <= TODAY:
        for serial in (0, 7, 250, 499):
            for sex in ("male", "female"):
                egn = make_egn(born, serial, sex)
                assert len(egn) == 10 and egn.isdigit()
                info = parse_egn(egn, today=TODAY)
                assert (info.birth_date, info.sex) == (born, sex), egn
                checked += 1
        born += dt.timedelta(days=97)
    assert checked > 3000


def test_make_egn_gives_different_numbers_for_different_serials():
    born = dt.date(2021, 6, 15)
    numbers = {make_egn(born, serial, sex) for serial in range(500) for sex in ("male", "female")}
    assert len(numbers) == 1000
