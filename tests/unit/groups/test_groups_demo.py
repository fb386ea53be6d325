"""The demo's parenting groups as the assistant meets them: every programme running, with
people enrolled, sessions held and to come, holidays kept free, this morning's arrivals."""

from __future__ import annotations

import datetime as dt

import pytest

from bgfuture_desk.domain.calendar import holidays
from bgfuture_desk.domain.clock import FixedClock
from bgfuture_desk.services.demo import generate_demo
from bgfuture_desk.services.groups import service as groups
from bgfuture_desk.services.house import setup

TODAY = dt.date(2026, 11, 24)  # a Tuesday; with seed 1 a group meets at 11:00


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = setup.initialise(
        tmp_path_factory.mktemp("groups-demo") / "house.sqlite",
        setup.preset_input("kran"),
        setup.AdminInput("admin", "Мария Петрова", "parola-123"),
    )
    generate_demo(db, families=40, seed=1, today=TODAY)
    yield db
    db.dispose()


@pytest.fixture(autouse=True)
def clock(demo):
    demo.clock = FixedClock(dt.datetime.combine(TODAY, dt.time(13)))


def test_every_programme_has_a_running_group_with_people_enrolled(demo):
    running = [g for g in groups.list_groups(demo) if g.sessions_planned]
    programmes = groups.list_programmes(demo)
    assert {g.programme_id for g in running} == {p.id for p in programmes}
    assert all(6 <= g.enrolled <= 12 for g in running)
    assert all(g.sessions_held >= 1 and g.next_session for g in running)
    assert all(g.facilitator_name for g in groups.list_groups(demo, include_archived=True))


def test_sessions_are_held_in_the_past_planned_ahead_and_never_on_a_holiday(demo):
    sessions = groups.sessions_between(
        demo, TODAY - dt.timedelta(days=366), TODAY + dt.timedelta(days=200)
    )
    assert {s.status for s in sessions} == {"held", "planned", "cancelled"}
    for s in sessions:
        day = s.starts_at.date()
        assert day not in holidays(day.year) and day.weekday() < 5, s
        assert (s.status == "planned") == (day >= TODAY) or s.status == "cancelled", s
        if s.status == "held":
            assert s.present > 0
    assert any(s.starts_at.date() > TODAY + dt.timedelta(weeks=2) for s in sessions)


def test_attendance_looks_real_and_some_completed_a_finished_group(demo):
    finished = [
        g for g in groups.list_groups(demo, include_archived=True) if not g.sessions_planned
    ]
    assert finished
    progress = [p for g in finished for p in groups.group_progress(demo, g.id)]
    done = sum(p.completed for p in progress)
    assert 0 < done < len(progress)  # most, not all
    shares = [p.share for p in progress if p.held]
    assert min(shares) < 0.6 and max(shares) == 1.0


def test_this_mornings_group_has_participants_checked_in_for_it(demo):
    (today,) = [s for s in groups.sessions_between(demo, TODAY, TODAY) if s.starts_at.hour < 12]
    register = groups.register(demo, today.id)
    offered = [r for r in register if r.checked_in_today_for_group]
    assert offered and len(offered) < len(register)
    assert all(r.status is None for r in register)  # not marked yet
