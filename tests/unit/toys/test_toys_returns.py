"""Returns, reservations, the overdue call list, history and numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from bgfuture_desk.errors import UserError, ValidationError
from bgfuture_desk.services.toys import service as toys
from tests.unit.toys_data import (
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


TODDLER = dt.date(2024, 1, 5)


@pytest.fixture
def shelf(house_db, admin):
    return [toy(house_db, admin, data) for data in (PUZZLE, LOTTO, RATTLE, BALL)]


@pytest.fixture
def ivanovi(house_db, admin):
    return family(house_db, admin, "Иванов", TODDLER)


@pytest.fixture
def petrovi(house_db, admin):
    return family(house_db, admin, "Петров", TODDLER, phone="0431 6 23 45")


def _lend(db, admin, who, code, on=dt.date(2026, 12, 1)):
    return toys.lend_toys(db, admin, who.id, [code], lent_on=on)[0]


def test_scanning_a_toy_at_the_return_shows_its_open_loan(house_db, admin, shelf, ivanovi):
    lent = _lend(house_db, admin, ivanovi, "KRN-T-0001")
    assert toys.open_loan_for_toy(house_db, "krn-t-1").id == lent.id
    with pytest.raises(UserError, match="Играчката не е заета: KRN-T-0002 · Лото"):
        toys.open_loan_for_toy(house_db, "KRN-T-0002")


def test_a_return_with_missing_pieces_and_wear(house_db, admin, shelf, ivanovi):
    lent = _lend(house_db, admin, ivanovi, "KRN-T-0001")
    result = toys.return_toy(
        house_db, admin, lent.id, pieces_missing=2, condition="worn", note="Липсват 2 части."
    )
    assert result.loan.returned_on == dt.date(2026, 12, 8) and not result.loan.is_open
    assert (result.loan.pieces_out, result.loan.pieces_missing) == (12, 2)
    assert result.loan.note == "Липсват 2 части."
    assert (result.toy.pieces, result.toy.condition_label) == (10, "износена")
    assert result.toy.status_label == "налична" and result.reserved_for is None


def test_a_broken_toy_goes_to_repair_and_a_lost_one_is_lost(house_db, admin, shelf, ivanovi):
    broken = _lend(house_db, admin, ivanovi, "KRN-T-0001")
    result = toys.return_toy(house_db, admin, broken.id, condition="needs_repair")
    assert result.toy.status_label == "в ремонт"
    lost = _lend(house_db, admin, ivanovi, "KRN-T-0004")
    result = toys.return_toy(house_db, admin, lost.id, lost=True)
    assert result.toy.status_label == "изгубена"
    assert result.loan.lost and result.loan.pieces_missing == result.loan.pieces_out
    check = toys.check_lend(house_db, ivanovi.id, "KRN-T-0004")
    assert check.blocked and "изгубена" in check.message


def test_part_of_a_familys_loans_comes_back(house_db, admin, shelf, ivanovi):
    loans = toys.lend_toys(house_db, admin, ivanovi.id, ["KRN-T-0001", "KRN-T-0004"])
    toys.return_toy(house_db, admin, loans[1].id)
    assert [loan.toy_code for loan in toys.open_loans(house_db, ivanovi.id)] == ["KRN-T-0001"]
    assert toys.toy_by_code(house_db, "KRN-T-0004").status == "available"


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"pieces_missing": -1}, "pieces_missing", "не може да е отрицателен"),
        (
            {"pieces_missing": 40},
            "pieces_missing",
            "Заети бяха само 12 части; не може да липсват 40.",
        ),
        ({"pieces_missing": 12}, "pieces_missing", "отбележете играчката като изгубена"),
        ({"condition": "shiny"}, "condition", "Изберете състоянието на играчката."),
        ({"returned_on": dt.date(2026, 11, 30)}, "returned_on", "не може да е върната по-рано"),
        ({"returned_on": dt.date(2026, 12, 9)}, "returned_on", "не може да е в бъдещето"),
    ],
)
def test_a_wrong_return_is_refused_and_the_loan_stays_open(
    house_db, admin, shelf, ivanovi, kwargs, field, message
):
    lent = _lend(house_db, admin, ivanovi, "KRN-T-0001")
    before = counts(house_db)
    with pytest.raises(ValidationError) as err:
        toys.return_toy(house_db, admin, lent.id, **kwargs)
    assert message in err.value.errors[field]
    assert counts(house_db) == before
    assert toys.open_loan_for_toy(house_db, "KRN-T-0001").id == lent.id
    assert toys.toy_by_code(house_db, "KRN-T-0001").pieces == 12


def test_a_loan_returned_twice(house_db, admin, shelf, ivanovi):
    lent = _lend(house_db, admin, ivanovi, "KRN-T-0001")
    toys.return_toy(house_db, admin, lent.id)
    with pytest.raises(UserError, match="Тази играчка вече е върната на 08.12.2026."):
        toys.return_toy(house_db, admin, lent.id)


# ---- reservations ----


def test_a_reserved_toy_tells_its_return_for_whom_and_only_that_family_gets_it(
    house_db, admin, shelf, ivanovi, petrovi
):
    lent = _lend(house_db, admin, ivanovi, "KRN-T-0001")
    reserved = toys.reserve_toy(house_db, admin, shelf[0].id, petrovi.id)
    assert reserved.is_open and reserved.family_code == "KRN-0002"
    assert toys.get_toy(house_db, shelf[0].id).reserved_for_family_code == "KRN-0002"
    assert toys.get_toy(house_db, shelf[0].id).status_label == "заета"

    result = toys.return_toy(house_db, admin, lent.id)
    assert result.reserved_for == "Запазена за KRN-0002 · Петрови · гр. Крън, тел. 0431 6 23 45."
    assert result.toy.status_label == "запазена"

    third = family(house_db, admin, "Колев", TODDLER)
    check = toys.check_lend(house_db, third.id, "KRN-T-0001")
    assert (
        check.blocked and check.message == "Играчката KRN-T-0001 е запазена за семейство KRN-0002."
    )
    with pytest.raises(UserError, match="запазена за семейство KRN-0002"):
        toys.lend_toys(house_db, admin, third.id, ["KRN-T-0001"])
    with pytest.raises(UserError, match="запазена за семейство KRN-0002"):
        toys.lend_toys(house_db, admin, ivanovi.id, ["KRN-T-0001"])

    assert not toys.check_lend(house_db, petrovi.id, "KRN-T-0001").blocked
    toys.lend_toys(house_db, admin, petrovi.id, ["KRN-T-0001"])
    assert toys.reservations_for_toy(house_db, shelf[0].id) == []
    done = toys.reservations_for_toy(house_db, shelf[0].id, open_only=False)
    assert [(r.family_code, r.fulfilled_on) for r in done] == [("KRN-0002", dt.date(2026, 12, 8))]


def test_a_toy_on_the_shelf_is_kept_aside_until_the_reservation_ends(
    house_db, admin, shelf, petrovi
):
    reserved = toys.reserve_toy(house_db, admin, shelf[3].id, petrovi.id)
    assert toys.get_toy(house_db, shelf[3].id).status_label == "запазена"
    assert [t.inventory_code for t in toys.suggest_toys(house_db, petrovi.id)][0] == "KRN-T-0004"
    with pytest.raises(UserError, match="вече е запазена за това семейство"):
        toys.reserve_toy(house_db, admin, shelf[3].id, petrovi.id)
    cancelled = toys.cancel_reservation(house_db, admin, reserved.id)
    assert cancelled.cancelled_on == dt.date(2026, 12, 8) and not cancelled.is_open
    assert toys.get_toy(house_db, shelf[3].id).status_label == "налична"
    with pytest.raises(UserError, match="вече е приключило"):
        toys.cancel_reservation(house_db, admin, reserved.id)


def test_reservations_that_cannot_be_made(house_db, admin, shelf, ivanovi, petrovi):
    _lend(house_db, admin, ivanovi, "KRN-T-0001")
    with pytest.raises(UserError, match="Семейство KRN-0001 има тази играчка в момента."):
        toys.reserve_toy(house_db, admin, shelf[0].id, ivanovi.id)
    toys.reserve_toy(house_db, admin, shelf[0].id, petrovi.id)
    third = family(house_db, admin, "Колев", TODDLER)
    with pytest.raises(UserError, match="вече е запазена за семейство KRN-0002"):
        toys.reserve_toy(house_db, admin, shelf[0].id, third.id)
    toys.set_toy_status(house_db, admin, shelf[2].id, "retired")
    with pytest.raises(UserError, match="KRN-T-0003 е отписана и не може да се запази"):
        toys.reserve_toy(house_db, admin, shelf[2].id, third.id)


def test_a_lost_toy_cancels_its_reservation_and_the_desk_is_told(
    house_db, admin, shelf, ivanovi, petrovi
):
    lent = _lend(house_db, admin, ivanovi, "KRN-T-0001")
    toys.reserve_toy(house_db, admin, shelf[0].id, petrovi.id)
    result = toys.return_toy(house_db, admin, lent.id, lost=True)
    assert result.reserved_for.startswith("Запазването за KRN-0002 · Петрови")
    assert "кажете им, че играчката е изгубена" in result.reserved_for
    assert toys.reservations_for_toy(house_db, shelf[0].id) == []


# ---- the overdue call list ----


def test_overdue_loans_most_overdue_first_with_phone_and_reminders(
    house_db, admin, shelf, ivanovi, petrovi
):
    toys.lend_toys(house_db, admin, ivanovi.id, ["KRN-T-0001"], lent_on=dt.date(2026, 11, 20))
    toys.lend_toys(house_db, admin, petrovi.id, ["KRN-T-0004"], lent_on=dt.date(2026, 11, 2))
    toys.lend_toys(house_db, admin, petrovi.id, ["KRN-T-0003"])  # not due yet
    late = toys.overdue_loans(house_db)
    assert [(v.toy_code, v.family_code, v.days_overdue) for v in late] == [
        ("KRN-T-0004", "KRN-0002", 22),  # due Monday 16.11
        ("KRN-T-0001", "KRN-0001", 4),  # due Friday 4.12
    ]
    assert late[0].phone == "0431 6 23 45"
    on_due_day = toys.overdue_loans(house_db, dt.date(2026, 12, 4))
    assert [v.toy_code for v in on_due_day] == ["KRN-T-0004"]  # the puzzle is due that day

    call = toys.record_reminder(house_db, admin, late[0].id, dt.date(2026, 12, 7), "Ще я върнат.")
    assert (call.called_on, call.note) == (dt.date(2026, 12, 7), "Ще я върнат.")
    again = toys.overdue_loans(house_db)[0]
    assert [(r.called_on, r.note) for r in again.reminders] == [
        (dt.date(2026, 12, 7), "Ще я върнат.")
    ]
    with pytest.raises(ValidationError, match="не може да е в бъдещето"):
        toys.record_reminder(house_db, admin, late[0].id, dt.date(2026, 12, 9), "")
    toys.return_toy(house_db, admin, late[0].id)
    with pytest.raises(UserError, match="вече е върната"):
        toys.record_reminder(house_db, admin, late[0].id, dt.date(2026, 12, 8), "")
    assert [v.toy_code for v in toys.overdue_loans(house_db)] == ["KRN-T-0001"]


# ---- history and numbers ----


def test_history_per_toy_and_per_family(house_db, admin, shelf, ivanovi, petrovi):
    first = _lend(house_db, admin, ivanovi, "KRN-T-0001", dt.date(2026, 10, 1))
    toys.return_toy(house_db, admin, first.id, returned_on=dt.date(2026, 10, 14))
    second = _lend(house_db, admin, petrovi, "KRN-T-0001", dt.date(2026, 11, 2))
    toys.return_toy(
        house_db,
        admin,
        second.id,
        returned_on=dt.date(2026, 11, 10),
        pieces_missing=1,
        condition="worn",
    )
    _lend(house_db, admin, ivanovi, "KRN-T-0004", dt.date(2026, 11, 20))
    history = toys.toy_history(house_db, shelf[0].id)
    assert [(h.family_code, h.lent_on, h.pieces_missing) for h in history] == [
        ("KRN-0002", dt.date(2026, 11, 2), 1),
        ("KRN-0001", dt.date(2026, 10, 1), 0),
    ]
    assert [h.toy_code for h in toys.family_loans(house_db, ivanovi.id)] == [
        "KRN-T-0004",
        "KRN-T-0001",
    ]
    assert toys.get_toy(house_db, shelf[0].id).times_lent == 2


def test_numbers_of_a_month(house_db, admin, shelf, ivanovi, petrovi):
    first = _lend(house_db, admin, ivanovi, "KRN-T-0001", dt.date(2026, 11, 2))
    toys.return_toy(house_db, admin, first.id, returned_on=dt.date(2026, 11, 9), pieces_missing=1)
    _lend(house_db, admin, petrovi, "KRN-T-0001", dt.date(2026, 11, 10))
    _lend(house_db, admin, ivanovi, "KRN-T-0004", dt.date(2026, 11, 3))  # overdue by the 30th
    _lend(house_db, admin, ivanovi, "KRN-T-0002", dt.date(2026, 10, 30))
    toys.set_toy_status(house_db, admin, shelf[2].id, "retired")
    numbers = toys.loan_numbers(house_db, "2026-11")
    assert (numbers.loans, numbers.returns, numbers.families) == (3, 1, 2)
    assert numbers.returned_incomplete == 1
    # Overdue on 30.11: the ball (due 17.11), the lotto (due 13.11) and the puzzle (due 24.11).
    assert numbers.overdue == 3
    assert [(t.inventory_code, t.count) for t in numbers.most_borrowed] == [
        ("KRN-T-0001", 2),
        ("KRN-T-0004", 1),
    ]
    assert [t.inventory_code for t in numbers.never_borrowed] == []  # the rattle is retired
    october = toys.loan_numbers(house_db, "2026-10")
    assert (october.loans, october.overdue) == (1, 0)
    assert [t.inventory_code for t in october.never_borrowed] == ["KRN-T-0001", "KRN-T-0004"]
    with pytest.raises(UserError, match="ГГГГ-ММ"):
        toys.loan_numbers(house_db, "11.2026")
    months = toys.loans_per_month(house_db, 3)
    assert [(m.month, m.loans, m.returns) for m in months] == [
        ("2026-10", 1, 0),
        ("2026-11", 3, 1),
        ("2026-12", 0, 0),
    ]


def test_numbers_of_the_running_month_count_only_what_is_overdue_today(
    house_db, admin, shelf, ivanovi, monkeypatch
):
    loan = _lend(house_db, admin, ivanovi, "KRN-T-0004", dt.date(2026, 11, 3))
    house_db.clock.set(loan.due_on - dt.timedelta(days=1))
    assert toys.loan_numbers(house_db, "2026-11").overdue == 0  # not due yet
    house_db.clock.set(loan.due_on + dt.timedelta(days=1))
    assert toys.loan_numbers(house_db, "2026-11").overdue == 1
