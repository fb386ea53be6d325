"""Reception visits: check in a family's members, anonymous visitors, the day's panel."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select

from bgfuture_desk.db.models import AuditEvent, Family, Person, Specialist, Visit
from bgfuture_desk.domain.clock import FixedClock
from bgfuture_desk.errors import NotFoundError, UserError, ValidationError
from bgfuture_desk.services.demo import generate_demo
from bgfuture_desk.services.visits import service as visits

NOW = dt.datetime(2026, 11, 23, 10, 30)  # a Monday morning
TODAY = NOW.date()
YESTERDAY = TODAY - dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def clock(house_db):
    """The house clock stands still at NOW unless a test moves it."""
    house_db.clock = FixedClock(NOW)
    return house_db.clock


@dataclasses.dataclass
class Home:
    family_id: object
    code: str
    mother: object
    child: object  # 6 years old
    teen: object  # 17 years old
    son: object  # 18 today
    other_family_id: object
    neighbour: object  # a member of the other family
    pedagogue: object
    retired: object  # a specialist no longer active


@pytest.fixture
def home(house_db, admin) -> Home:
    with house_db.unit(admin, "test") as uow:
        house_id = uow.house().id

        def person(family, first, last, born, role):
            p = Person(
                house_id=house_id,
                family_id=family.id,
                role=role,
                first_name=first,
                last_name=last,
                birth_date=born,
            )
            uow.session.add(p)
            return p

        ivanovi = Family(house_id=house_id, code="KRN-0001", settlement="гр. Крън")
        petrovi = Family(house_id=house_id, code="KRN-0002", settlement="гр. Крън")
        uow.session.add_all([ivanovi, petrovi])
        uow.session.flush()
        mother = person(ivanovi, "Мария", "Иванова", dt.date(1995, 3, 4), "mother")
        child = person(ivanovi, "Петър", "Иванов", dt.date(2020, 5, 1), "child")
        teen = person(ivanovi, "Елена", "Иванова", dt.date(2009, 12, 1), "child")
        son = person(ivanovi, "Георги", "Иванов", dt.date(2008, 11, 23), "child")
        neighbour = person(petrovi, "Анна", "Петрова", dt.date(1990, 1, 1), "mother")
        pedagogue = Specialist(house_id=house_id, full_name="Елена Георгиева", kind="pedagogue")
        retired = Specialist(
            house_id=house_id, full_name="Стоян Колев", kind="mediator", active=False
        )
        uow.session.add_all([pedagogue, retired])
        uow.commit()
    return Home(
        ivanovi.id,
        "KRN-0001",
        mother.id,
        child.id,
        teen.id,
        son.id,
        petrovi.id,
        neighbour.id,
        pedagogue.id,
        retired.id,
    )


def _visit_count(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Visit))


def _events(db, action: str) -> list[AuditEvent]:
    with db.read() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def _check_in(db, actor, home, *people, **extra):
    return visits.check_in(
        db,
        actor,
        family_id=home.family_id,
        person_ids=list(people),
        purposes=extra.pop("purposes", ["play"]),
        **extra,
    )


def test_two_members_with_two_purposes_show_in_todays_visits_and_counts(house_db, admin, home):
    view = visits.check_in(
        house_db,
        admin,
        family_id=home.family_id,
        person_ids=[home.child, home.mother],
        purposes=["toy_library", "consultation"],
        specialist_id=home.pedagogue,
        notes="  първо идване ",
    )

    [shown] = visits.visits_on(house_db, TODAY)
    assert shown == view
    assert shown.family_code == "KRN-0001"
    assert shown.people == (
        (home.mother, "Мария Иванова"),
        (home.child, "Петър Иванов"),
    )
    assert (shown.adults, shown.children) == (1, 1)
    assert shown.purposes == ("consultation", "toy_library")
    assert shown.purpose_labels == ("консултация", "библиотека за играчки")
    assert shown.specialist_name == "Елена Георгиева"
    assert shown.checked_in_at == NOW and shown.checked_out_at is None
    assert not shown.recorded_late and shown.notes == "първо идване"
    assert visits.day_summary(house_db, TODAY) == visits.DaySummary(
        day=TODAY,
        children=1,
        adults=1,
        families=1,
        anonymous_adults=0,
        anonymous_children=0,
        in_house_now=2,
    )
    [event] = [e for e in _events(house_db, "check_in") if e.entity == "visits"]
    assert event.user_id == admin.user_id and event.operation == "insert"


def test_age_on_the_day_decides_child_or_adult(house_db, admin, home, clock):
    """17 is a child; turning 18 today makes an adult; a person counts once a day."""
    first = _check_in(house_db, admin, home, home.teen, home.son)
    assert (first.children, first.adults) == (1, 1)
    clock.set(NOW + dt.timedelta(hours=1))
    visits.check_out(house_db, admin, first.id)
    clock.set(NOW + dt.timedelta(hours=3))
    _check_in(house_db, admin, home, home.teen)

    summary = visits.day_summary(house_db, TODAY)
    assert (summary.children, summary.adults, summary.families) == (1, 1, 1)
    assert summary.in_house_now == 1
    assert visits.day_summary(house_db, YESTERDAY).adults == 0


def test_a_person_already_in_the_house_is_not_checked_in_twice(house_db, admin, home):
    _check_in(house_db, admin, home, home.mother, home.child)

    with pytest.raises(UserError) as err:
        _check_in(house_db, admin, home, home.child, purposes=["health"])

    assert str(err.value) == "Петър Иванов вече е в къщата от 10:30 (посещението не е приключено)."
    assert err.value.field == "person_ids"
    assert _visit_count(house_db) == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"purposes": []}, "purposes", "Изберете поне една цел на посещението."),
        ({"purposes": ["dancing"]}, "purposes", "Непозната цел на посещението: dancing."),
        ({"person_ids": []}, "person_ids", "Отметнете поне един член на семейството."),
        ("neighbour", "person_ids", "Анна Петрова не е член на семейство KRN-0001."),
        (
            {"at": NOW + dt.timedelta(hours=1)},
            "at",
            "Часът на посещението не може да е в бъдещето.",
        ),
        ("retired", "specialist_id", "Стоян Колев вече не работи в къщата."),
    ],
)
def test_wrong_check_in_is_refused_in_bulgarian_and_nothing_saved(
    house_db, admin, home, change, field, message
):
    args = {"family_id": home.family_id, "person_ids": [home.mother], "purposes": ["play"]}
    if change == "neighbour":
        change = {"person_ids": [home.mother, home.neighbour]}
    elif change == "retired":
        change = {"specialist_id": home.retired}
    args.update(change)

    with pytest.raises(ValidationError) as err:
        visits.check_in(house_db, admin, **args)

    assert err.value.errors == {field: message}
    assert _visit_count(house_db) == 0
    assert _events(house_db, "check_in") == []


def test_unknown_family_is_not_found(house_db, admin, home):
    with pytest.raises(NotFoundError, match="Няма такова семейство"):
        visits.check_in(
            house_db, admin, family_id=home.pedagogue, person_ids=[home.mother], purposes=["play"]
        )


def test_a_visit_entered_later_keeps_its_real_time_and_is_flagged(house_db, admin, home):
    morning = dt.datetime(2026, 11, 23, 8, 15)
    late = _check_in(
        house_db,
        admin,
        home,
        home.mother,
        at=morning,
        checked_out_at=dt.datetime(2026, 11, 23, 9, 0),
    )
    on_time = _check_in(house_db, admin, home, home.mother)  # she came back at 10:30

    assert late.recorded_late and late.checked_in_at == morning
    assert late.checked_out_at == dt.datetime(2026, 11, 23, 9, 0)
    assert not on_time.recorded_late
    assert [v.id for v in visits.visits_on(house_db, TODAY)] == [on_time.id, late.id]
    assert [v.id for v in visits.open_visits(house_db)] == [on_time.id]
    assert visits.people_in_house(house_db) == {home.mother: NOW}


def test_a_late_entry_overlapping_another_visit_is_refused(house_db, admin, home):
    _check_in(house_db, admin, home, home.mother, at=dt.datetime(2026, 11, 23, 9, 0))

    with pytest.raises(UserError) as err:
        _check_in(house_db, admin, home, home.mother, at=dt.datetime(2026, 11, 23, 9, 30))

    assert str(err.value) == "Мария Иванова вече е в къщата от 09:00 (посещението не е приключено)."


def test_anonymous_visitors_are_counted(house_db, admin, home):
    _check_in(house_db, admin, home, home.mother, home.child)
    anon = visits.check_in_anonymous(house_db, admin, adults=1, children=3, purposes=["play"])

    assert anon.is_anonymous and anon.people == () and anon.family_code is None
    assert (anon.anonymous_adults, anon.anonymous_children) == (1, 3)
    summary = visits.day_summary(house_db, TODAY)
    assert (summary.children, summary.adults) == (4, 2)
    assert (summary.anonymous_children, summary.anonymous_adults) == (3, 1)
    assert summary.families == 1
    assert summary.in_house_now == 6


@pytest.mark.parametrize(
    ("adults", "children", "errors"),
    [
        (0, 0, {"adults": "Въведете поне един посетител."}),
        (-1, 2, {"adults": "Броят на посетителите не може да е отрицателен."}),
        (1, 51, {"children": "Наведнъж могат да се въведат най-много 50 посетители."}),
    ],
)
def test_wrong_anonymous_counts_are_refused(house_db, admin, adults, children, errors):
    with pytest.raises(ValidationError) as err:
        visits.check_in_anonymous(
            house_db, admin, adults=adults, children=children, purposes=["play"]
        )
    assert err.value.errors == errors
    assert _visit_count(house_db) == 0


def test_check_out_leaves_the_house_and_allows_a_new_check_in(house_db, admin, home, clock):
    visit = _check_in(house_db, admin, home, home.mother, home.child)
    clock.set(NOW + dt.timedelta(hours=1))

    out = visits.check_out(house_db, admin, visit.id)

    assert out.checked_out_at == dt.datetime(2026, 11, 23, 11, 30)
    assert visits.open_visits(house_db) == []
    assert visits.day_summary(house_db, TODAY).in_house_now == 0
    with pytest.raises(UserError, match="вече е приключено в 11:30"):
        visits.check_out(house_db, admin, visit.id)
    again = _check_in(house_db, admin, home, home.child)
    assert [v.id for v in visits.open_visits(house_db)] == [again.id]


def test_check_out_before_the_check_in_is_refused(house_db, admin, home):
    visit = _check_in(house_db, admin, home, home.mother)

    with pytest.raises(ValidationError) as err:
        visits.check_out(house_db, admin, visit.id, at=NOW - dt.timedelta(minutes=5))

    assert err.value.errors == {"at": "Излизането не може да е преди идването (23.11.2026 10:30)."}
    assert visits.get_visit(house_db, visit.id).checked_out_at is None


def test_check_out_all_closes_todays_open_visits(house_db, admin, home, clock):
    _check_in(house_db, admin, home, home.mother)
    visits.check_in_anonymous(house_db, admin, adults=2, children=0, purposes=["other"])
    clock.set(NOW.replace(hour=17))

    assert visits.check_out_all(house_db, admin) == 2
    assert visits.open_visits(house_db) == []


def test_correct_a_visit_is_audited(house_db, admin, home):
    visit = _check_in(house_db, admin, home, home.mother, purposes=["play"])

    fixed = visits.correct_visit(
        house_db,
        admin,
        visit.id,
        person_ids=[home.mother, home.child],
        purposes=["health", "mediator"],
        specialist_id=home.pedagogue,
        checked_in_at=NOW - dt.timedelta(minutes=20),
    )

    assert [pid for pid, _name in fixed.people] == [home.mother, home.child]
    assert fixed.purposes == ("health", "mediator")
    assert fixed.specialist_name == "Елена Георгиева"
    assert fixed.checked_in_at == dt.datetime(2026, 11, 23, 10, 10)
    events = _events(house_db, "correct_visit")
    assert {(e.entity, e.operation) for e in events} == {
        ("visits", "update"),
        ("visit_people", "insert"),
        ("visit_purposes", "insert"),
        ("visit_purposes", "delete"),
    }
    cleared = visits.correct_visit(house_db, admin, visit.id, specialist_id=None)
    assert cleared.specialist_id is None and cleared.purposes == ("health", "mediator")


def test_correct_visit_refuses_what_check_in_refuses(house_db, admin, home):
    visit = _check_in(house_db, admin, home, home.mother)

    with pytest.raises(ValidationError) as err:
        visits.correct_visit(house_db, admin, visit.id, person_ids=[home.neighbour], purposes=[])

    assert err.value.errors == {
        "person_ids": "Анна Петрова не е член на семейство KRN-0001.",
        "purposes": "Изберете поне една цел на посещението.",
    }
    assert visits.get_visit(house_db, visit.id) == visit


def test_cancel_and_restore_a_visit(house_db, admin, home):
    visit = _check_in(house_db, admin, home, home.mother, home.child, purposes=["play", "group"])

    visits.cancel_visit(house_db, admin, visit.id)

    assert visits.visits_on(house_db, TODAY) == []
    assert visits.day_summary(house_db, TODAY).in_house_now == 0
    cancelled = {(e.entity, e.operation) for e in _events(house_db, "cancel_visit")}
    assert cancelled == {
        ("visits", "delete"),
        ("visit_people", "delete"),
        ("visit_purposes", "delete"),
    }
    with pytest.raises(NotFoundError, match="анулирано"):
        visits.get_visit(house_db, visit.id)
    _check_in(house_db, admin, home, home.mother)  # the mistaken one is gone: no clash

    with pytest.raises(UserError, match="Мария Иванова вече е в къщата"):
        visits.restore_visit(house_db, admin, visit.id)
    visits.cancel_visit(house_db, admin, visits.open_visits(house_db)[0].id)
    restored = visits.restore_visit(house_db, admin, visit.id)

    assert restored == visit
    assert [v.id for v in visits.visits_on(house_db, TODAY)] == [visit.id]
    assert {e.entity for e in _events(house_db, "restore_visit")} == {
        "visits",
        "visit_people",
        "visit_purposes",
    }
    with pytest.raises(UserError, match="не е анулирано"):
        visits.restore_visit(house_db, admin, visit.id)


def test_a_past_day_can_be_browsed(house_db, admin, home):
    yesterday = _check_in(
        house_db, admin, home, home.teen, at=dt.datetime(2026, 11, 22, 15, 0)
    )  # never checked out
    visits.check_in_anonymous(
        house_db, admin, adults=1, children=1, purposes=["play"], at=dt.datetime(2026, 11, 22, 9)
    )
    _check_in(house_db, admin, home, home.mother)

    shown = visits.visits_on(house_db, YESTERDAY)
    assert [v.checked_in_at.hour for v in shown] == [15, 9]  # newest first
    assert shown[0].id == yesterday.id and shown[0].is_open
    assert visits.day_summary(house_db, YESTERDAY) == visits.DaySummary(
        day=YESTERDAY,
        children=2,
        adults=1,
        families=1,
        anonymous_adults=1,
        anonymous_children=1,
        in_house_now=0,  # nobody from yesterday is in the house now
    )
    assert [v.checked_in_at for v in visits.open_visits(house_db)] == [NOW]
    assert _check_in(house_db, admin, home, home.teen).people == ((home.teen, "Елена Иванова"),)


def test_list_visits_rows_for_the_cli(house_db, admin, home):
    visit = _check_in(house_db, admin, home, home.child, home.mother, purposes=["play", "health"])
    visits.check_in_anonymous(house_db, admin, adults=2, children=1, purposes=["play"])

    rows = visits.list_visits(house_db)

    family_row = next(r for r in rows if r.id == visit.id)
    record = dataclasses.asdict(family_row)
    assert {
        "id",
        "family_code",
        "people",
        "purposes",
        "checked_in_at",
        "checked_out_at",
        "house",
    } <= set(record)
    assert record["family_code"] == "KRN-0001"
    assert record["people"] == ("Мария Иванова", "Петър Иванов")
    assert record["purposes"] == ("play", "health")
    assert (record["checked_in_at"], record["checked_out_at"]) == (NOW, None)
    assert record["house"] == "kran"
    assert len(rows) == 2


def test_active_specialists_with_bulgarian_kinds(house_db, home):
    assert visits.list_specialists(house_db) == [
        visits.SpecialistRow(home.pedagogue, "Елена Георгиева", "pedagogue", "педагог")
    ]


def test_demo_house_today(house_db, admin):
    generate_demo(house_db, families=10, seed=1, today=TODAY)

    today = visits.visits_on(house_db, TODAY)
    summary = visits.day_summary(house_db, TODAY)

    assert today and all(v.checked_in_at.date() == TODAY for v in today)
    assert summary.families == len({v.family_id for v in today if v.family_id})
    assert summary.in_house_now == sum(v.visitors for v in visits.open_visits(house_db))
    assert summary.in_house_now > 0


def test_last_purposes_are_those_of_the_latest_live_visit(house_db, admin, home, clock):
    assert visits.last_purposes(house_db, home.family_id) == ()
    morning = NOW - dt.timedelta(hours=2)
    first = _check_in(house_db, admin, home, home.mother, purposes=["group", "play"], at=morning)
    visits.check_out(house_db, admin, first.id, at=morning + dt.timedelta(hours=1))
    assert visits.last_purposes(house_db, home.family_id) == ("group", "play")

    latest = _check_in(house_db, admin, home, home.child, purposes=["health"])
    # entered afterwards, but the visit itself was yesterday: it is not the latest one
    _check_in(
        house_db,
        admin,
        home,
        home.teen,
        purposes=["documents"],
        at=NOW - dt.timedelta(days=1),
        checked_out_at=NOW - dt.timedelta(days=1, hours=-1),
    )
    visits.check_in(
        house_db, admin, family_id=home.other_family_id, person_ids=[home.neighbour],
        purposes=["mediator"],
    )  # fmt: skip
    assert visits.last_purposes(house_db, home.family_id) == ("health",)

    visits.cancel_visit(house_db, admin, latest.id)
    assert visits.last_purposes(house_db, home.family_id) == ("group", "play")
    assert visits.last_purposes(house_db, home.other_family_id) == ("mediator",)
