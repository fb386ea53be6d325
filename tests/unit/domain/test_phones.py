"""Phones: every way a number is typed meets in one stored form, shown the Bulgarian way."""

from __future__ import annotations

import pytest

from bgfuture_desk.domain.phones import format_phone, normalise_phone, phone_digits


@pytest.mark.parametrize(
    "typed",
    [
        "0888 123 456",
        "0888123456",
        "+359 888 123 456",
        "+359888123456",
        "00359888123456",
        "00 359 888 123 456",
        "359888123456",
        "888123456",
        "088-812-3456",
        "(0888) 123 456",
        "+359 (0) 888 123 456",
        "  0888 123 456  ",
    ],
)
def test_a_mobile_number_in_any_format_is_stored_in_one_form(typed):
    assert normalise_phone(typed) == "0888123456"


@pytest.mark.parametrize(
    ("typed", "canonical", "shown"),
    [
        ("0431 6 23 45", "043162345", "0431 6 23 45"),
        ("+359 431 62345", "043162345", "0431 6 23 45"),
        ("02 981 23 45", "029812345", "02 981 23 45"),
        ("032 623 456", "032623456", "032 62 34 56"),
        ("0898765432", "0898765432", "0898 765 432"),
        ("0988 111 222", "0988111222", "0988 111 222"),
    ],
)
def test_landlines_and_mobiles_are_shown_as_bulgarians_write_them(typed, canonical, shown):
    assert normalise_phone(typed) == canonical
    assert format_phone(canonical) == shown


def test_a_number_from_abroad_keeps_its_international_form():
    assert normalise_phone("+44 7700 900123") == "+447700900123"
    assert normalise_phone("0049 151 2345 6789") == "+4915123456789"
    assert format_phone("+447700900123") == "+447700900123"


def test_empty_stays_empty():
    assert normalise_phone("") == ""
    assert normalise_phone("   ") == ""
    assert format_phone("") == ""


@pytest.mark.parametrize("typed", ["0888 12 34", "0888 123 456 789", "12345", "+3598881234567"])
def test_a_wrong_number_of_digits_is_refused_in_bulgarian(typed):
    with pytest.raises(ValueError, match="9 или 10 цифри"):
        normalise_phone(typed)


@pytest.mark.parametrize("typed", ["0888 abc 456", "няма", "0888 123 456 вечер", "0888+123456"])
def test_letters_and_stray_signs_are_refused_in_bulgarian(typed):
    with pytest.raises(ValueError, match="само цифри"):
        normalise_phone(typed)


def test_format_phone_accepts_any_typed_form_and_leaves_rubbish_as_it_was():
    assert format_phone("+359888123456") == "0888 123 456"
    assert format_phone("позвънете на съседа") == "позвънете на съседа"


def test_phone_digits_keeps_only_the_digits_for_search():
    assert phone_digits("+359 (888) 123-456") == "359888123456"
    assert phone_digits("тел. 0888 123 456") == "0888123456"
    assert phone_digits("") == ""
