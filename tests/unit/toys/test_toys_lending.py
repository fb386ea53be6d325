"""Lending at the desk: due dates, the family's limit, warnings, refusals, late entries."""

from __future__ import annotations

import datetime as dt

import pytest

from bgfuture_desk.errors import NotFoundError, PermissionDeniedError, UserError
from bgfuture_desk.services.house import settings
from bgfuture_desk.services.toys import service as toys
from tests.unit.toys_data import (
    ASSISTANT,
    BALL,
    LOTTO,
    PUZZLE,
    RATTLE,
    counts,
    family,
    fix_today,
    toy,
)


@pytest.fixture(autouse=True)
def _today(house_db):
    return fix_today(house_db)


TODDLER = dt.date(2025, 6, 1)  # 18 months old on 8.12.2026


@pytest.fixture
def shelf(house_db, admin):
    """Four toys: KRN-T-0001 puzzle 18–48 mo., 0002 lotto 3–7 y., 0003 rattle, 0004 ball."""
    return [toy(house_db, admin, data) for data in (PUZZLE, LOTTO, RATTLE, BALL)]


@pytest.fixture
def ivanovi(house_db, admin):
    return family(house_db, admin, "Иванов", TODDLER)


def test_lending_a_basket_sets_the_due_date_and_the_toys_go_out(house_db, admin, shelf, ivanovi):
    mother = ivanovi.members[0]
    loans = toys.lend_toys(
        house_db, admin, ivanovi.id, ["krn-t-1", "KRN-T-0004"], person_id=mother.id
    )
    assert [loan.toy_code for loan in loans] == ["KRN-T-0001", "KRN-T-0004"]
    # 8.12 + 14 days is Tuesday 22.12, a working day.
    assert {loan.due_on for loan in loans} == {dt.date(2026, 12, 22)}
    assert loans[0].pieces_out == 12 and loans[0].person_name == "Мария Иванова"
    assert loans[0].family_title == "KRN-0001 · Иванови · гр. Крън"
    assert loans[0].phone == "0888 123 456"
    lent = toys.toy_by_code(house_db, "KRN-T-0001")
    assert lent.status_label == "заета" and lent.borrower_family_code == "KRN-0001"
    assert lent.due_on == dt.date(2026, 12, 22) and lent.times_lent == 1


def test_a_due_date_on_christmas_eve_moves_past_the_holidays(house_db, admin, shelf, ivanovi):
    # With 23 days, a loan of 1.12 falls due on 24.12; 24–26.12 and the 28th (in place of the
    # Saturday holiday) are days off, so the toy is due on Tuesday 29.12.
    loan = toys.lend_toys(house_db, admin, ivanovi.id, ["KRN-T-0001"], lent_on=dt.date(2026, 12, 1))
    assert loan[0].due_on == dt.date(2026, 12, 15)
    settings.update_settings(house_db, admin, {"loan_days": 23})
    loan = toys.lend_toys(house_db, admin, ivanovi.id, ["KRN-T-0004"], lent_on=dt.date(2026, 12, 1))
    assert loan[0].due_on == dt.date(2026, 12, 29)  # 1.12 + 23 = Thursday 24.12


def test_a_due_date_on_a_sunday_moves_to_monday(house_db, admin, shelf, ivanovi):
    settings.update_settings(house_db, admin, {"loan_days": 12})
    loan = toys.lend_toys(house_db, admin, ivanovi.id, ["KRN-T-0001"])
    assert loan[0].due_on == dt.date(2026, 12, 21)  # 8.12 + 12 = Sunday 20.12


def test_the_limit_per_family_and_the_administrators_override(house_db, admin, shelf, ivanovi):
    settings.update_settings(house_db, admin, {"loan_limit": 2})
    toys.lend_toys(house_db, ASSISTANT, ivanovi.id, ["KRN-T-0001"])
    check = toys.check_lend(house_db, ivanovi.id, "KRN-T-0004", basket=["KRN-T-0003"])
    assert not check.blocked and check.limit_reached
    assert "Семейството би имало 3 играчки при ограничение 2" in " ".join(check.warnings)
    before = counts(house_db)
    with pytest.raises(UserError, match="Само администратор може да заеме повече"):
        toys.lend_toys(house_db, ASSISTANT, ivanovi.id, ["KRN-T-0003", "KRN-T-0004"])
    with pytest.raises(PermissionDeniedError):
        toys.lend_toys(
            house_db, ASSISTANT, ivanovi.id, ["KRN-T-0003", "KRN-T-0004"], override_limit=True
        )
    assert counts(house_db) == before
    loans = toys.lend_toys(
        house_db, admin, ivanovi.id, ["KRN-T-0003", "KRN-T-0004"], override_limit=True
    )
    assert len(loans) == 2 and len(toys.open_loans(house_db, ivanovi.id)) == 3


def test_a_toy_for_other_ages_is_lent_with_a_warning(house_db, admin, shelf, ivanovi):
    check = toys.check_lend(house_db, ivanovi.id, "KRN-T-0002")
    assert not check.blocked
    assert check.warnings == (
        "Играчката е за 3–7 г.; никое от децата в семейството не е на тази възраст (18 мес.).",
    )
    assert toys.check_lend(house_db, ivanovi.id, "KRN-T-0001").warnings == ()
    assert toys.lend_toys(house_db, admin, ivanovi.id, ["KRN-T-0002"])[0].toy_code == "KRN-T-0002"


def test_overdue_toys_warn_and_an_administrator_may_block_the_family(
    house_db, admin, shelf, ivanovi
):
    toys.lend_toys(house_db, admin, ivanovi.id, ["KRN-T-0001"], lent_on=dt.date(2026, 11, 10))
    check = toys.check_lend(house_db, ivanovi.id, "KRN-T-0004")
    assert not check.blocked
    assert "Семейството има просрочени играчки: KRN-T-0001 (14 дни)." in check.warnings

    with pytest.raises(PermissionDeniedError):
        toys.set_borrowing_blocked(house_db, ASSISTANT, ivanovi.id, True)
    assert toys.set_borrowing_blocked(house_db, admin, ivanovi.id, True).borrowing_blocked
    check = toys.check_lend(house_db, ivanovi.id, "KRN-T-0004")
    assert check.blocked
    assert check.message == "Администратор е спрял заемането на играчки за семейство KRN-0001."
    before = counts(house_db)
    with pytest.raises(UserError, match="спрял заемането"):
        toys.lend_toys(house_db, admin, ivanovi.id, ["KRN-T-0004"])
    assert counts(house_db) == before
    toys.set_borrowing_blocked(house_db, admin, ivanovi.id, False)
    assert not toys.check_lend(house_db, ivanovi.id, "KRN-T-0004").blocked


def test_toys_that_fit_the_children_are_suggested(house_db, admin, shelf, ivanovi):
    baby = family(house_db, admin, "Петров", dt.date(2026, 6, 1))  # 6 months old
    assert [t.inventory_code for t in toys.suggest_toys(house_db, baby.id)] == [
        "KRN-T-0003",
        "KRN-T-0004",
    ]
    toys.lend_toys(house_db, admin, ivanovi.id, ["KRN-T-0004"], lent_on=dt.date(2026, 11, 2))
    toys.return_toy(
        house_db,
        admin,
        toys.open_loan_for_toy(house_db, "KRN-T-0004").id,
        returned_on=dt.date(2026, 11, 16),
    )
    # The toddler has had the ball: the puzzle comes first now.
    assert [t.inventory_code for t in toys.suggest_toys(house_db, ivanovi.id)] == [
        "KRN-T-0001",
        "KRN-T-0004",
    ]
    nobody = family(house_db, admin, "Колев", None)
    assert toys.suggest_toys(house_db, nobody.id) == []


def test_a_loan_forgotten_at_the_desk_is_entered_with_its_real_date(
    house_db, admin, shelf, ivanovi
):
    loans = toys.lend_toys(
        house_db, admin, ivanovi.id, ["KRN-T-0001"], lent_on=dt.date(2026, 11, 20)
    )
    assert loans[0].lent_on == dt.date(2026, 11, 20)
    assert loans[0].due_on == dt.date(2026, 12, 4)  # counted from the real day
    assert loans[0].overdue and loans[0].days_overdue == 4
    assert [loan.toy_code for loan in toys.overdue_loans(house_db)] == ["KRN-T-0001"]


@pytest.mark.parametrize(
    ("lent_on", "message"),
    [
        (dt.date(2026, 12, 9), "Заемането не може да започва в бъдещето."),
        (dt.date(2025, 11, 1), "най-много една година назад"),
        (dt.date(2026, 1, 15), "KRN-T-0001 е постъпила в Къщата едва на 01.02.2026"),
    ],
)
def test_impossible_dates_of_a_late_loan_are_refused(
    house_db, admin, shelf, ivanovi, lent_on, message
):
    before = counts(house_db)
    with pytest.raises(UserError, match=message):
        toys.lend_toys(house_db, admin, ivanovi.id, ["KRN-T-0001"], lent_on=lent_on)
    assert counts(house_db) == before


def test_a_late_loan_cannot_overlap_another_familys_loan(house_db, admin, shelf, ivanovi):
    other = family(house_db, admin, "Петров", TODDLER)
    loan = toys.lend_toys(house_db, admin, other.id, ["KRN-T-0001"], lent_on=dt.date(2026, 11, 2))
    toys.return_toy(house_db, admin, loan[0].id, returned_on=dt.date(2026, 11, 20))
    with pytest.raises(UserError, match="На 10.11.2026 играчката KRN-T-0001 е била при друго"):
        toys.lend_toys(house_db, admin, ivanovi.id, ["KRN-T-0001"], lent_on=dt.date(2026, 11, 10))
    assert toys.lend_toys(
        house_db, admin, ivanovi.id, ["KRN-T-0001"], lent_on=dt.date(2026, 11, 20)
    )


# ---- bad input at the desk: a Bulgarian message, nothing saved ----


def test_a_code_that_is_no_toy(house_db, admin, shelf, ivanovi):
    before = counts(house_db)
    with pytest.raises(NotFoundError, match="Няма играчка с код KRN-0001."):
        toys.check_lend(house_db, ivanovi.id, "KRN-0001")  # a family card scanned by mistake
    with pytest.raises(NotFoundError, match="Няма играчка с код KRN-T-0099."):
        toys.lend_toys(house_db, admin, ivanovi.id, ["KRN-T-0001", "KRN-T-0099"])
    assert counts(house_db) == before
    assert toys.toy_by_code(house_db, "KRN-T-0001").status == "available"


def test_a_toy_already_lent(house_db, admin, shelf, ivanovi):
    other = family(house_db, admin, "Петров", TODDLER)
    toys.lend_toys(house_db, admin, other.id, ["KRN-T-0001"])
    check = toys.check_lend(house_db, ivanovi.id, "KRN-T-0001")
    assert check.blocked
    assert check.message == "Играчката KRN-T-0001 вече е заета от KRN-0002 до 22.12.2026."
    assert check.toy.status_label == "заета"
    before = counts(house_db)
    with pytest.raises(UserError, match="вече е заета от KRN-0002"):
        toys.lend_toys(house_db, admin, ivanovi.id, ["KRN-T-0004", "KRN-T-0001"])
    assert counts(house_db) == before
    assert toys.toy_by_code(house_db, "KRN-T-0004").status == "available"


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("retired", "Играчката KRN-T-0001 е отписана и не може да се заеме."),
        ("lost", "Играчката KRN-T-0001 е отбелязана като изгубена и не може да се заеме."),
        ("in_repair", "Играчката KRN-T-0001 е в ремонт и не може да се заеме."),
    ],
)
def test_a_toy_that_cannot_go_out(house_db, admin, shelf, ivanovi, status, message):
    toys.set_toy_status(house_db, admin, shelf[0].id, status)
    check = toys.check_lend(house_db, ivanovi.id, "krn-t-1")
    assert check.blocked and check.message == message
    before = counts(house_db)
    with pytest.raises(UserError, match=message):
        toys.lend_toys(house_db, admin, ivanovi.id, ["KRN-T-0001"])
    assert counts(house_db) == before


def test_a_toy_scanned_twice(house_db, admin, shelf, ivanovi):
    check = toys.check_lend(house_db, ivanovi.id, "krn-t-0001", basket=["KRN-T-0001"])
    assert check.blocked and check.message == "Играчката KRN-T-0001 вече е в списъка за заемане."
    loans = toys.lend_toys(house_db, admin, ivanovi.id, ["KRN-T-0001", "krn-t-1"])
    assert len(loans) == 1


def test_an_empty_basket_and_a_stranger_as_borrower(house_db, admin, shelf, ivanovi):
    with pytest.raises(UserError, match="Сканирайте поне една играчка."):
        toys.lend_toys(house_db, admin, ivanovi.id, [" "])
    other = family(house_db, admin, "Петров", TODDLER)
    with pytest.raises(UserError, match="трябва да е член на семейството"):
        toys.lend_toys(house_db, admin, ivanovi.id, ["KRN-T-0001"], person_id=other.members[0].id)
    assert toys.toy_by_code(house_db, "KRN-T-0001").status == "available"
