"""Enrolment and the attendance register: marks, walk-ins, notes, the reception's check-ins."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from bgfuture_desk.db.models import Attendance, Enrolment, Person
from bgfuture_desk.errors import UserError, ValidationError
from bgfuture_desk.services.groups import service as groups
from bgfuture_desk.services.visits import service as visits
from tests.unit.groups_data import NOW, TODAY, family, ids, schedule_mondays

pytest_plugins = ["tests.unit.groups_fixtures"]


def _marks(db) -> int:
    with db.read() as session:
        return session.scalar(
            select(func.count()).select_from(Attendance).where(Attendance.deleted_at.is_(None))
        )


def _today_session(db, admin, group_id) -> groups.SessionView:
    result = groups.schedule_sessions(
        db,
        admin,
        group_id,
        first=TODAY,
        last=TODAY,
        repeat="once",
        start=dt.time(11),
        end=dt.time(12, 30),
    )
    return result.sessions[0]


# ---- enrolment ----


def test_enrolled_twice_in_the_same_group_is_refused_in_bulgarian(house_db, admin, cast):
    with pytest.raises(UserError) as err:
        groups.enrol(house_db, admin, cast.group.id, cast.maria)
    assert str(err.value) == "Мария Петрова Иванова вече е сред записаните в група „Слънчогледи“."
    with house_db.read() as session:
        assert session.scalar(select(func.count()).select_from(Enrolment)) == 3


def test_a_person_may_be_in_several_groups(house_db, admin, cast):
    other = groups.create_group(
        house_db, admin, groups.GroupInput(cast.programme_id, "Калинки", "parents")
    )
    groups.enrol(house_db, admin, other.id, cast.maria)
    assert [p.full_name for p in groups.enrolled_people(house_db, other.id)] == [
        "Мария Петрова Иванова"
    ]


def test_enrolled_people_by_name_and_who_left(house_db, admin, cast):
    shown = groups.enrolled_people(house_db, cast.group.id)
    assert [(p.full_name, p.family_code) for p in shown] == [
        ("Елена Георгиева Димова", "KRN-0002"),
        ("Мария Петрова Иванова", "KRN-0001"),
        ("Яна Борисова Асенова", "KRN-0003"),
    ]
    groups.unenrol(house_db, admin, cast.group.id, cast.elena, on=dt.date(2027, 3, 2))
    assert len(groups.enrolled_people(house_db, cast.group.id)) == 2
    everyone = groups.enrolled_people(house_db, cast.group.id, include_left=True)
    assert everyone[-1].full_name == "Елена Георгиева Димова"
    assert everyone[-1].left_on == dt.date(2027, 3, 2)
    # Someone who left may come back.
    groups.enrol(house_db, admin, cast.group.id, cast.elena)
    assert len(groups.enrolled_people(house_db, cast.group.id)) == 3


def test_unenrolling_someone_not_enrolled_is_refused(house_db, admin, cast):
    with pytest.raises(UserError) as err:
        groups.unenrol(house_db, admin, cast.group.id, cast.boris)
    assert str(err.value) == "Борис Асенов Асенов не е сред записаните в група „Слънчогледи“."


# ---- the register ----


def test_the_register_lists_the_enrolled_of_the_day_by_name(house_db, admin, cast):
    sessions = schedule_mondays(house_db, admin, cast.group.id)
    groups.unenrol(house_db, admin, cast.group.id, cast.elena, on=dt.date(2027, 3, 8))
    first = groups.register(house_db, sessions[0].id)
    assert [(r.full_name, r.enrolled, r.status) for r in first] == [
        ("Елена Георгиева Димова", True, None),
        ("Мария Петрова Иванова", True, None),
        ("Яна Борисова Асенова", True, None),
    ]
    # Елена left on 8 March: she is not on the register of that day any more.
    later = groups.register(house_db, sessions[2].id)
    assert [r.full_name for r in later] == ["Мария Петрова Иванова", "Яна Борисова Асенова"]


def test_marks_are_saved_and_the_session_counts_as_held(house_db, admin, cast):
    session = schedule_mondays(house_db, admin, cast.group.id)[0]
    rows = groups.record_attendance(
        house_db,
        admin,
        session.id,
        {cast.maria: "present", cast.elena: "excused", cast.yana: "absent"},
        notes={cast.elena: "Детето е болно."},
    )
    assert [(r.full_name, r.status, r.note) for r in rows] == [
        ("Елена Георгиева Димова", "excused", "Детето е болно."),
        ("Мария Петрова Иванова", "present", ""),
        ("Яна Борисова Асенова", "absent", ""),
    ]
    view = groups.get_session(house_db, session.id)
    assert (view.status, view.status_label, view.present, view.enrolled) == (
        "held",
        "проведена",
        1,
        3,
    )


def test_a_mark_for_someone_not_enrolled_is_refused_and_nothing_is_saved(house_db, admin, cast):
    session = schedule_mondays(house_db, admin, cast.group.id)[0]
    with pytest.raises(UserError) as err:
        groups.record_attendance(
            house_db, admin, session.id, {cast.maria: "present", cast.boris: "present"}
        )
    assert str(err.value) == (
        "Борис Асенов Асенов не е записан(а) в тази група: първо добавете лицето като дошло "
        "без записване. Нищо не е записано."
    )
    assert _marks(house_db) == 0
    assert groups.get_session(house_db, session.id).status == "planned"


def test_a_walk_in_is_added_as_present_and_stays_on_the_register(house_db, admin, cast):
    session = schedule_mondays(house_db, admin, cast.group.id)[0]
    groups.record_attendance(
        house_db, admin, session.id, {cast.maria: "present"}, walk_ins=[cast.boris]
    )
    rows = groups.register(house_db, session.id)
    assert [(r.full_name, r.enrolled, r.status) for r in rows] == [
        ("Елена Георгиева Димова", True, None),
        ("Мария Петрова Иванова", True, "present"),
        ("Яна Борисова Асенова", True, None),
        ("Борис Асенов Асенов", False, "present"),  # walk-ins after the enrolled
    ]
    # Once on the register, a walk-in's mark can be changed like anyone's.
    groups.record_attendance(house_db, admin, session.id, {cast.boris: "absent"})
    assert groups.register(house_db, session.id)[-1].status == "absent"
    with pytest.raises(UserError, match="вече е в присъствения списък"):
        groups.add_walk_in(house_db, admin, session.id, cast.boris)


def test_add_walk_in_one_person(house_db, admin, cast):
    session = schedule_mondays(house_db, admin, cast.group.id)[1]
    row = groups.add_walk_in(house_db, admin, session.id, cast.boris)
    assert (row.full_name, row.family_code, row.enrolled, row.status) == (
        "Борис Асенов Асенов",
        "KRN-0003",
        False,
        "present",
    )
    assert groups.get_session(house_db, session.id).status == "held"
    with pytest.raises(UserError, match="вече е в присъствения списък"):
        groups.add_walk_in(house_db, admin, session.id, cast.maria)  # enrolled already


def test_notes_need_a_mark_and_a_mark_can_be_taken_back(house_db, admin, cast):
    session = schedule_mondays(house_db, admin, cast.group.id)[0]
    with pytest.raises(UserError) as err:
        groups.record_attendance(house_db, admin, session.id, {}, notes={cast.yana: "Закъсня."})
    assert (
        str(err.value)
        == "Отбележете присъствието на Яна Борисова Асенова, преди да добавите бележка."
    )
    groups.record_attendance(house_db, admin, session.id, {cast.yana: "present"})
    groups.record_attendance(house_db, admin, session.id, {}, notes={cast.yana: " Закъсня. "})
    assert groups.register(house_db, session.id)[-1].note == "Закъсня."
    groups.record_attendance(house_db, admin, session.id, {cast.yana: None})
    assert _marks(house_db) == 0
    assert groups.get_session(house_db, session.id).status == "planned"


def test_an_unknown_status_is_refused(house_db, admin, cast):
    session = schedule_mondays(house_db, admin, cast.group.id)[0]
    with pytest.raises(ValidationError) as err:
        groups.record_attendance(house_db, admin, session.id, {cast.maria: "late"})
    assert err.value.errors == {"status": "Изберете „присъства“, „отсъства“ или „извинен“."}


def test_no_marks_for_a_session_to_come_or_a_cancelled_one(house_db, admin, cast):
    coming = groups.schedule_sessions(
        house_db,
        admin,
        cast.group.id,
        first=dt.date(2027, 3, 29),
        last=dt.date(2027, 3, 29),
        repeat="once",
        start=dt.time(10),
        end=dt.time(11),
    ).sessions[0]
    with pytest.raises(UserError) as err:
        groups.record_attendance(house_db, admin, coming.id, {cast.maria: "present"})
    assert "29.03.2027" in str(err.value)
    past = schedule_mondays(house_db, admin, cast.group.id)[0]
    groups.cancel_session(house_db, admin, past.id)
    with pytest.raises(UserError, match="отменена"):
        groups.record_attendance(house_db, admin, past.id, {cast.maria: "present"})
    assert _marks(house_db) == 0


def test_people_checked_in_today_for_a_group_are_offered_as_present(house_db, admin, cast):
    session = _today_session(house_db, admin, cast.group.id)
    with house_db.read() as s:
        families = {pid: s.get(Person, pid).family_id for pid in (cast.maria, cast.yana)}
    at = NOW - dt.timedelta(hours=1, minutes=15)
    visits.check_in(
        house_db,
        admin,
        family_id=families[cast.maria],
        person_ids=[cast.maria],
        purposes=["group"],
        at=at,
    )
    visits.check_in(  # Яна came to the house for a toy, not for the group
        house_db,
        admin,
        family_id=families[cast.yana],
        person_ids=[cast.yana],
        purposes=["toy_library"],
        at=at,
    )
    offered = {
        r.full_name: r.checked_in_today_for_group for r in groups.register(house_db, session.id)
    }
    assert offered == {
        "Елена Георгиева Димова": False,
        "Мария Петрова Иванова": True,
        "Яна Борисова Асенова": False,
    }


def test_people_checked_in_for_a_group_but_not_enrolled_are_walk_in_candidates(
    house_db, admin, cast
):
    session = _today_session(house_db, admin, cast.group.id)
    newcomer = family(house_db, admin, ("mother", "Даниела", "Иванова", "Николова"))
    visits.check_in(
        house_db,
        admin,
        family_id=newcomer.id,
        person_ids=list(ids(newcomer).values()),
        purposes=["group"],
        at=NOW - dt.timedelta(minutes=30),
    )
    candidates = groups.walk_in_candidates(house_db, session.id)
    assert [(c.full_name, c.enrolled, c.status) for c in candidates] == [
        ("Даниела Иванова Николова", False, None)
    ]
    groups.add_walk_in(house_db, admin, session.id, candidates[0].person_id)
    assert groups.walk_in_candidates(house_db, session.id) == []
