"""Programmes, groups and their sessions: scheduled, moved, cancelled, shown by the week."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import func, select

from bgfuture_desk.db.models import Group, Meeting, Programme
from bgfuture_desk.errors import NotFoundError, PermissionDeniedError, UserError, ValidationError
from bgfuture_desk.services.groups import service as groups
from bgfuture_desk.services.house import settings
from bgfuture_desk.services.unit import Actor
from tests.unit.groups_data import MONDAYS, add_specialist, schedule_mondays

pytest_plugins = ["tests.unit.groups_fixtures"]

ASSISTANT = Actor(user_id=None, name="Сътрудник", role="assistant")


def _count(db, model) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model))


# ---- programmes ----


def test_the_house_starts_with_the_five_programmes_of_the_project(house_db):
    names = [p.name for p in groups.list_programmes(house_db)]
    assert names == [
        "Превенция на разделянето на семейството",
        "Превенция на ранните бракове",
        "Ранно детско развитие",
        "Семейно планиране",
        "Училище за родители",
    ]
    assert all(p.active and p.groups == 0 for p in groups.list_programmes(house_db))


def test_a_coordinator_adds_renames_and_deactivates_a_programme(house_db, admin):
    made = groups.create_programme(house_db, admin, "  Здраве на майката ", "Срещи с акушерка")
    assert (made.name, made.description, made.active) == (
        "Здраве на майката",
        "Срещи с акушерка",
        True,
    )
    changed = groups.update_programme(
        house_db, admin, made.id, name="Здраве на майката и бебето", description="", active=False
    )
    assert changed.name == "Здраве на майката и бебето" and not changed.active
    active = [p.name for p in groups.list_programmes(house_db, include_inactive=False)]
    assert "Здраве на майката и бебето" not in active
    assert groups.list_programmes(house_db)[-1].name == "Здраве на майката и бебето"  # last


def test_a_programme_name_twice_or_empty_is_refused_in_bulgarian(house_db, admin):
    with pytest.raises(ValidationError) as err:
        groups.create_programme(house_db, admin, "училище за родители")
    assert err.value.errors == {"name": "Вече има програма „училище за родители“."}
    with pytest.raises(ValidationError) as err:
        groups.create_programme(house_db, admin, "   ")
    assert err.value.errors["name"] == "Въведете името на програмата."
    assert _count(house_db, Programme) == 5


def test_an_assistant_may_not_change_the_programmes(house_db):
    with pytest.raises(PermissionDeniedError) as err:
        groups.create_programme(house_db, ASSISTANT, "Нова")
    assert "координатор" in str(err.value)


# ---- groups ----


def test_a_group_takes_the_completion_share_of_the_house_setting(house_db, admin, cast):
    assert cast.group.completion_share == 0.75  # the default 75 %
    settings.update_settings(house_db, admin, {"completion_percent": 60})
    group = groups.create_group(
        house_db, admin, groups.GroupInput(cast.programme_id, "Пчелички", "children_0_3")
    )
    assert group.completion_share == 0.6
    assert group.target_label == "деца 0–3 г."
    own = groups.create_group(
        house_db,
        admin,
        groups.GroupInput(cast.programme_id, "Калинки", "parents", completion_share=0.9),
    )
    assert own.completion_share == 0.9


def test_a_group_shows_its_programme_facilitator_and_counts(house_db, admin, cast):
    schedule_mondays(house_db, admin, cast.group.id)
    group = groups.get_group(house_db, cast.group.id)
    assert group.programme_name == "Училище за родители"
    assert group.facilitator_name == "Анелия Тодорова"
    assert (group.enrolled, group.sessions_held, group.sessions_planned) == (3, 0, 4)
    assert group.starts_on == MONDAYS[0] and group.ends_on == MONDAYS[-1]
    assert groups.list_programmes(house_db)[-1].groups == 1


def test_a_wrong_group_form_names_every_field_in_bulgarian_and_saves_nothing(house_db, admin, cast):
    bad = groups.GroupInput(
        cast.programme_id,
        "слънчогледи",
        "teenagers",
        planned_sessions=-1,
        starts_on=dt.date(2027, 5, 1),
        ends_on=dt.date(2027, 4, 1),
        completion_share=0.05,
    )
    with pytest.raises(ValidationError) as err:
        groups.create_group(house_db, admin, bad)
    assert err.value.errors == {
        "name": "В тази програма вече има група „слънчогледи“.",
        "target": "Изберете за кого е групата.",
        "planned_sessions": "Въведете цяло число от 0 до 200.",
        "ends_on": "Групата завършва, преди да е започнала.",
        "completion_share": "Делът за завършване трябва да е от 10 % до 100 %.",
    }
    assert _count(house_db, Group) == 1


def test_archived_groups_leave_the_list_and_take_no_new_sessions(house_db, admin, cast):
    groups.archive_group(house_db, admin, cast.group.id)
    assert groups.list_groups(house_db) == []
    assert [g.name for g in groups.list_groups(house_db, include_archived=True)] == ["Слънчогледи"]
    with pytest.raises(UserError) as err:
        schedule_mondays(house_db, admin, cast.group.id)
    assert str(err.value) == "Групата „Слънчогледи“ е архивирана."
    assert not groups.unarchive_group(house_db, admin, cast.group.id).archived


# ---- scheduling ----


def test_weekly_sessions_skip_easter_monday(house_db, admin, cast):
    result = groups.schedule_sessions(
        house_db,
        admin,
        cast.group.id,
        first=dt.date(2027, 4, 19),
        last=dt.date(2027, 5, 17),
        repeat="weekly",
        start=dt.time(16),
        end=dt.time(17, 30),
        place="Детският кът",
    )
    assert [s.starts_at.date() for s in result.sessions] == [
        dt.date(2027, 4, 19),
        dt.date(2027, 4, 26),
        dt.date(2027, 5, 10),
        dt.date(2027, 5, 17),
    ]
    assert result.skipped == [dt.date(2027, 5, 3)]  # Easter Monday
    first = result.sessions[0]
    assert (first.starts_at.time(), first.ends_at.time()) == (dt.time(16), dt.time(17, 30))
    assert (first.status, first.status_label, first.enrolled) == ("planned", "предстои", 3)
    assert first.facilitator_name == "Анелия Тодорова"  # the group's, by default
    assert [s.id for s in groups.group_sessions(house_db, cast.group.id)] == [
        s.id for s in result.sessions
    ]


def test_scheduling_the_same_days_twice_makes_no_duplicates(house_db, admin, cast):
    schedule_mondays(house_db, admin, cast.group.id)
    again = groups.schedule_sessions(
        house_db,
        admin,
        cast.group.id,
        first=MONDAYS[0],
        last=MONDAYS[-1] + dt.timedelta(days=7),
        repeat="weekly",
        start=dt.time(10),
        end=dt.time(11, 30),
    )
    assert again.existing == MONDAYS
    assert [s.starts_at.date() for s in again.sessions] == [dt.date(2027, 3, 22)]
    assert _count(house_db, Meeting) == 5


def test_a_session_that_ends_before_it_starts_is_refused_and_nothing_is_saved(
    house_db, admin, cast
):
    with pytest.raises(ValidationError) as err:
        groups.schedule_sessions(
            house_db,
            admin,
            cast.group.id,
            first=dt.date(2027, 4, 5),
            last=dt.date(2027, 6, 28),
            repeat="weekly",
            start=dt.time(11),
            end=dt.time(10),
        )
    assert err.value.errors == {
        "end": "Срещата свършва, преди да е започнала (05.04.2027 11:00 – 05.04.2027 10:00)."
    }
    assert _count(house_db, Meeting) == 0


def test_a_range_over_two_years_is_refused_and_nothing_is_saved(house_db, admin, cast):
    with pytest.raises(ValidationError) as err:
        groups.schedule_sessions(
            house_db,
            admin,
            cast.group.id,
            first=dt.date(2027, 4, 5),
            last=dt.date(2029, 4, 6),
            repeat="fortnightly",
            start=dt.time(10),
            end=dt.time(11),
        )
    assert err.value.errors == {
        "last": "Наведнъж могат да се планират срещи за най-много две години напред."
    }
    assert _count(house_db, Meeting) == 0


def test_a_one_off_session_on_the_third_of_march_is_refused(house_db, admin, cast):
    with pytest.raises(UserError) as err:
        groups.schedule_sessions(
            house_db,
            admin,
            cast.group.id,
            first=dt.date(2027, 3, 3),
            last=dt.date(2027, 3, 3),
            repeat="once",
            start=dt.time(10),
            end=dt.time(11),
        )
    assert str(err.value) == "03.03.2027 е официален празник: не е планирана среща."
    assert _count(house_db, Meeting) == 0


def test_an_explicit_session_at_a_chosen_time(house_db, admin, cast):
    made = groups.add_session(
        house_db,
        admin,
        cast.group.id,
        groups.SessionInput(
            dt.datetime(2027, 4, 7, 14),
            dt.datetime(2027, 4, 7, 15),
            place="Голямата зала",
            topic="Среща с педиатър",
        ),
    )
    assert (made.topic, made.place, made.group_name) == (
        "Среща с педиатър",
        "Голямата зала",
        "Слънчогледи",
    )


# ---- moving, changing and cancelling ----


def test_a_session_moves_to_another_day(house_db, admin, cast):
    session = schedule_mondays(house_db, admin, cast.group.id)[-1]
    moved = groups.move_session(
        house_db, admin, session.id, dt.datetime(2027, 3, 16, 14), dt.datetime(2027, 3, 16, 15, 30)
    )
    assert moved.starts_at == dt.datetime(2027, 3, 16, 14)
    assert groups.get_session(house_db, session.id).ends_at == dt.datetime(2027, 3, 16, 15, 30)
    with pytest.raises(ValidationError) as err:
        groups.move_session(
            house_db, admin, session.id, dt.datetime(2027, 3, 16, 14), dt.datetime(2027, 3, 16, 13)
        )
    assert "свършва, преди да е започнала" in err.value.errors["end"]
    assert groups.get_session(house_db, session.id).starts_at == dt.datetime(2027, 3, 16, 14)


def test_topic_place_and_a_stand_in_facilitator(house_db, admin, cast):
    session = schedule_mondays(house_db, admin, cast.group.id)[0]
    stand_in = add_specialist(house_db, admin, "Петя Колева", "psychologist")
    changed = groups.update_session(
        house_db, admin, session.id, topic="Гневът", place="Детският кът", facilitator_id=stand_in
    )
    assert (changed.topic, changed.place, changed.facilitator_name) == (
        "Гневът",
        "Детският кът",
        "Петя Колева",
    )
    back = groups.update_session(
        house_db, admin, session.id, topic="Гневът", place="", facilitator_id=None
    )
    assert back.facilitator_name == "Анелия Тодорова"


def test_a_cancelled_session_does_not_count_as_held_and_can_be_restored(house_db, admin, cast):
    sessions = schedule_mondays(house_db, admin, cast.group.id)
    for s in sessions:
        groups.record_attendance(house_db, admin, s.id, {cast.maria: "present"})
    cancelled = groups.cancel_session(house_db, admin, sessions[1].id)
    assert (cancelled.status, cancelled.status_label) == ("cancelled", "отменена")
    assert groups.get_group(house_db, cast.group.id).sessions_held == 3
    with pytest.raises(UserError) as err:
        groups.move_session(
            house_db,
            admin,
            sessions[1].id,
            dt.datetime(2027, 3, 2, 10),
            dt.datetime(2027, 3, 2, 11),
        )
    assert "отменена" in str(err.value)
    assert groups.restore_session(house_db, admin, sessions[1].id).status == "held"
    assert groups.get_group(house_db, cast.group.id).sessions_held == 4


def test_the_week_calendar_lists_every_groups_sessions_in_time_order(house_db, admin, cast):
    mondays = schedule_mondays(house_db, admin, cast.group.id)
    other = groups.create_group(
        house_db, admin, groups.GroupInput(cast.programme_id, "Калинки", "children_3_7")
    )
    groups.schedule_sessions(
        house_db,
        admin,
        other.id,
        first=dt.date(2027, 3, 10),
        last=dt.date(2027, 3, 10),
        repeat="once",
        start=dt.time(9),
        end=dt.time(10),
    )
    groups.cancel_session(house_db, admin, mondays[2].id)
    week = groups.sessions_between(house_db, dt.date(2027, 3, 8), dt.date(2027, 3, 14))
    assert [(s.group_name, s.starts_at, s.status_label) for s in week] == [
        ("Слънчогледи", dt.datetime(2027, 3, 8, 10), "отменена"),
        ("Калинки", dt.datetime(2027, 3, 10, 9), "предстои"),
    ]
    assert week[0].programme_name == "Училище за родители"


def test_an_unknown_session_or_group_is_not_found_in_bulgarian(house_db, admin, cast):
    with pytest.raises(NotFoundError, match="Няма такава среща"):
        groups.get_session(house_db, uuid.uuid4())
    with pytest.raises(NotFoundError, match="Няма такава група"):
        groups.group_sessions(house_db, uuid.uuid4())
