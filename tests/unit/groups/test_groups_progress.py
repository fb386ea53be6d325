"""Who completed a group, a person's history in the groups, each programme's monthly numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from bgfuture_desk.errors import ValidationError
from bgfuture_desk.services.groups import service as groups
from bgfuture_desk.services.house import settings
from tests.unit.groups_data import schedule_mondays

pytest_plugins = ["tests.unit.groups_fixtures"]

P, A, E = "present", "absent", "excused"


@pytest.fixture
def held(house_db, admin, cast):
    """Four Mondays held: Мария came to all, Елена to three, Яна to two; Борис once, unenrolled."""
    sessions = schedule_mondays(house_db, admin, cast.group.id)
    marks = {cast.maria: [P, P, P, P], cast.elena: [P, E, P, P], cast.yana: [P, A, A, P]}
    for n, session in enumerate(sessions):
        groups.record_attendance(
            house_db,
            admin,
            session.id,
            {person: row[n] for person, row in marks.items()},
            walk_ins=[cast.boris] if n == 2 else (),
        )
    return sessions


def _progress(db, group_id) -> dict[str, tuple]:
    return {
        p.full_name: (p.attended, p.held, p.completed, p.on_track)
        for p in groups.group_progress(db, group_id)
    }


def test_completion_at_the_groups_share_of_the_sessions_held(house_db, cast, held):
    assert _progress(house_db, cast.group.id) == {
        "Елена Георгиева Димова": (3, 4, True, True),  # 75 %, exactly the share
        "Мария Петрова Иванова": (4, 4, True, True),
        "Яна Борисова Асенова": (2, 4, False, False),
    }


def test_nobody_completes_a_group_that_still_has_sessions_to_come(house_db, admin, cast, held):
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
    progress = _progress(house_db, cast.group.id)
    assert progress["Мария Петрова Иванова"] == (4, 4, False, True)
    # Cancelling the last session closes the group: the completions count again.
    groups.cancel_session(house_db, admin, coming.id)
    assert _progress(house_db, cast.group.id)["Мария Петрова Иванова"] == (4, 4, True, True)


def test_a_cancelled_session_is_not_counted_as_held(house_db, admin, cast, held):
    groups.cancel_session(house_db, admin, held[1].id)  # Елена excused, Яна absent that day
    progress = _progress(house_db, cast.group.id)
    assert progress["Елена Георгиева Димова"] == (3, 3, True, True)
    assert progress["Яна Борисова Асенова"] == (2, 3, False, False)  # 67 % < 75 %


def test_the_configured_completion_share_decides(house_db, admin, cast):
    settings.update_settings(house_db, admin, {"completion_percent": 50})
    group = groups.create_group(
        house_db, admin, groups.GroupInput(cast.programme_id, "Калинки", "parents")
    )
    groups.enrol(house_db, admin, group.id, cast.yana, on=dt.date(2027, 2, 1))
    for n, session in enumerate(schedule_mondays(house_db, admin, group.id)):
        groups.record_attendance(house_db, admin, session.id, {cast.yana: P if n < 2 else A})
    (yana,) = groups.group_progress(house_db, group.id)
    assert (yana.attended, yana.held, yana.share, yana.completed) == (2, 4, 0.5, True)


def test_a_late_joiner_counts_only_the_sessions_since_joining(house_db, admin, cast, held):
    other = groups.create_group(
        house_db, admin, groups.GroupInput(cast.programme_id, "Калинки", "parents")
    )
    sessions = schedule_mondays(house_db, admin, other.id)
    groups.enrol(house_db, admin, other.id, cast.maria, on=dt.date(2027, 2, 15))
    groups.enrol(house_db, admin, other.id, cast.boris, on=dt.date(2027, 3, 8))
    for n, session in enumerate(sessions):
        marks = {cast.maria: P, cast.boris: P} if n >= 2 else {cast.maria: P}
        groups.record_attendance(house_db, admin, session.id, marks)
    progress = {
        p.full_name: (p.attended, p.held, p.completed)
        for p in groups.group_progress(house_db, other.id)
    }
    assert progress == {"Борис Асенов Асенов": (2, 2, True), "Мария Петрова Иванова": (4, 4, True)}


def test_a_persons_history_of_sessions_and_groups(house_db, cast, held):
    history = groups.person_history(house_db, cast.yana)
    assert [(h.starts_at.date(), h.status_label) for h in history] == [
        (dt.date(2027, 3, 15), "присъства"),
        (dt.date(2027, 3, 8), "отсъства"),
        (dt.date(2027, 3, 1), "отсъства"),
        (dt.date(2027, 2, 22), "присъства"),
    ]
    assert {(h.group_name, h.programme_name) for h in history} == {
        ("Слънчогледи", "Училище за родители")
    }
    (walk_in,) = groups.person_history(house_db, cast.boris)
    assert walk_in.walk_in and walk_in.starts_at.date() == dt.date(2027, 3, 8)
    (row,) = groups.person_groups(house_db, cast.maria)
    assert (row.group_name, row.enrolled_on, row.attended, row.held, row.completed) == (
        "Слънчогледи",
        dt.date(2027, 2, 15),
        4,
        4,
        True,
    )
    (came_once,) = groups.person_groups(house_db, cast.boris)
    assert came_once.enrolled_on is None and came_once.attended == 1


def test_programme_numbers_for_a_month(house_db, cast, held):
    numbers = {n.programme_name: n for n in groups.programme_numbers(house_db, "2027-03")}
    assert len(numbers) == 5  # every active programme, with or without sessions
    school = numbers["Училище за родители"]
    # March: three sessions (1, 8, 15) with 1 + 3 (Борис among them) + 3 present marks.
    assert school.sessions_held == 3
    assert school.unique_participants == 4
    assert school.average_attendance == pytest.approx(7 / 3, abs=0.01)
    assert school.completions == 2  # the group's last session was on 15 March
    february = {n.programme_name: n for n in groups.programme_numbers(house_db, "2027-02")}
    school_in_february = february["Училище за родители"]
    assert (school_in_february.sessions_held, school_in_february.completions) == (1, 0)
    assert numbers["Семейно планиране"].sessions_held == 0
    assert numbers["Семейно планиране"].average_attendance == 0.0


def test_a_wrong_month_is_refused_in_bulgarian(house_db):
    for month in ("2027-13", "март", "2027/03"):
        with pytest.raises(ValidationError) as err:
            groups.programme_numbers(house_db, month)
        assert err.value.errors == {"month": "Напишете месеца като ГГГГ-ММ, например 2026-10."}
