"""The family's name and number to call, one rule for every screen and printout."""

from __future__ import annotations

import datetime as dt

from bgfuture_desk.domain.families import Member, contact_phone, surname, title

TODAY = dt.date(2026, 12, 6)
MOTHER = Member("mother", dt.date(1995, 3, 1), "Иванова", "0888 123 456")
FATHER = Member("father", None, "Иванов")
CHILD = Member("child", dt.date(2016, 1, 1), "Петрова", "0899 000 111")


def test_the_surname_comes_from_the_adults():
    assert surname([CHILD, MOTHER, FATHER], TODAY) == "Иванови"
    assert surname([CHILD], TODAY) == "Петрови"  # no adult registered: the children's


def test_a_grown_up_child_counts_as_an_adult_for_the_name():
    grown = Member("child", dt.date(2008, 12, 6), "Асенова")  # 18 today
    assert surname([grown, CHILD], TODAY) == "Асенови"


def test_the_title_leaves_out_what_is_missing():
    assert title("KRN-0042", "Иванови", "гр. Крън") == "KRN-0042 · Иванови · гр. Крън"
    assert title("KRN-0042", "", "") == "KRN-0042"


def test_the_number_to_call_is_the_familys_else_an_adults_never_a_childs():
    assert contact_phone(["", "0877 1"], [MOTHER], TODAY) == "0877 1"
    assert contact_phone(["", ""], [CHILD, MOTHER], TODAY) == "0888 123 456"
    assert contact_phone([], [CHILD], TODAY) == ""
