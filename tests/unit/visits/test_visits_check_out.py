"""A check-out of some members of a visit, the others still in, and its undo."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bgfuture_desk.db.models import AuditEvent, VisitPerson
from bgfuture_desk.domain.clock import FixedClock
from bgfuture_desk.errors import UserError
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.service import FamilyInput, PersonInput
from bgfuture_desk.services.visits import service as visits

NOW = dt.datetime(2026, 11, 23, 10, 30)


@pytest.fixture(autouse=True)
def clock(house_db):
    house_db.clock = FixedClock(NOW)
    return house_db.clock


@pytest.fixture
def family(house_db, admin):
    """Мария Иванова and her son Петър."""
    return families.create_family(
        house_db,
        admin,
        FamilyInput(settlement="гр. Крън", phone="0888 123 456"),
        [
            PersonInput("mother", "Мария", "Петрова", "Иванова", birth_date=dt.date(1995, 3, 4)),
            PersonInput("child", "Петър", "Иванов", "Иванов", birth_date=dt.date(2020, 5, 1)),
        ],
        force=True,
    )


def _ids(family):
    mother = next(m.id for m in family.members if m.first_name == "Мария")
    child = next(m.id for m in family.members if m.first_name == "Петър")
    return mother, child


def _visit(db, admin, family):
    mother, child = _ids(family)
    return visits.check_in(
        db, admin, family_id=family.id, person_ids=[mother, child], purposes=["play"]
    )


def _audited(db, action: str) -> set[tuple[str, str]]:
    with db.read() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == action))
        return {(e.entity, e.operation) for e in events}


def test_one_member_leaves_the_other_stays_and_undo_brings_her_back(house_db, admin, family, clock):
    mother, child = _ids(family)
    visit = _visit(house_db, admin, family)
    clock.set(NOW + dt.timedelta(minutes=45))

    out = visits.check_out(house_db, admin, visit.id, person_ids=[mother])

    assert out.is_open
    assert [name for _id, name in out.still_in] == ["Петър Иванов Иванов"]
    assert (out.left_time(mother), out.left_time(child)) == (NOW.replace(hour=11, minute=15), None)
    assert visits.people_in_house(house_db) == {child: NOW}
    assert visits.day_summary(house_db, NOW.date()).in_house_now == 1
    assert _audited(house_db, "check_out") == {("visit_people", "update")}

    back = visits.undo_check_out(house_db, admin, visit.id, [mother])

    assert {pid for pid, _name in back.still_in} == {mother, child}
    assert visits.day_summary(house_db, NOW.date()).in_house_now == 2
    assert ("visit_people", "update") in _audited(house_db, "undo_check_out")


def test_the_visit_is_out_when_its_last_member_leaves(house_db, admin, family, clock):
    mother, child = _ids(family)
    visit = _visit(house_db, admin, family)
    clock.set(NOW + dt.timedelta(minutes=10))
    visits.check_out(house_db, admin, visit.id, person_ids=[mother])
    clock.set(NOW + dt.timedelta(minutes=50))

    out = visits.check_out(house_db, admin, visit.id, person_ids=[child])

    assert out.checked_out_at == dt.datetime(2026, 11, 23, 11, 20)
    assert out.still_in == () and visits.open_visits(house_db) == []
    with house_db.read() as session:
        times = dict(
            session.execute(select(VisitPerson.person_id, VisitPerson.checked_out_at)).all()
        )
    assert times == {mother: NOW.replace(minute=40), child: NOW.replace(hour=11, minute=20)}
    assert out.left_time(mother) == NOW.replace(minute=40)
    assert out.left_time(child) == NOW.replace(hour=11, minute=20)


def test_a_whole_visit_check_out_and_its_undo_leave_an_earlier_leaver_out(
    house_db, admin, family, clock
):
    mother, child = _ids(family)
    visit = _visit(house_db, admin, family)
    clock.set(NOW + dt.timedelta(minutes=10))
    visits.check_out(house_db, admin, visit.id, person_ids=[mother])
    clock.set(NOW + dt.timedelta(minutes=30))
    visits.check_out(house_db, admin, visit.id)

    back = visits.undo_check_out(house_db, admin, visit.id)

    assert back.is_open and [pid for pid, _n in back.still_in] == [child]
    with pytest.raises(UserError, match="не е приключено"):
        visits.undo_check_out(house_db, admin, visit.id)


def test_who_left_can_come_again_and_then_not_be_brought_back(house_db, admin, family, clock):
    mother, _child = _ids(family)
    visit = _visit(house_db, admin, family)
    clock.set(NOW + dt.timedelta(minutes=10))
    visits.check_out(house_db, admin, visit.id, person_ids=[mother])
    clock.set(NOW + dt.timedelta(minutes=40))

    visits.check_in(house_db, admin, family_id=family.id, person_ids=[mother], purposes=["group"])

    with pytest.raises(UserError, match="Мария Петрова Иванова вече е в къщата"):
        visits.undo_check_out(house_db, admin, visit.id, [mother])
    with pytest.raises(UserError, match="само някой от посещението, който е още в къщата"):
        visits.check_out(house_db, admin, visit.id, person_ids=[mother])


def test_a_late_entry_closed_at_once_has_all_its_members_out(house_db, admin, family):
    mother, child = _ids(family)
    came, left = NOW - dt.timedelta(hours=2), NOW - dt.timedelta(hours=1)

    visit = visits.check_in(
        house_db,
        admin,
        family_id=family.id,
        person_ids=[mother, child],
        purposes=["play"],
        at=came,
        checked_out_at=left,
    )
    reopened = visits.correct_visit(house_db, admin, visit.id, checked_out_at=None)

    assert visit.still_in == () and visits.people_in_house(house_db) == {mother: came, child: came}
    assert len(reopened.still_in) == 2
