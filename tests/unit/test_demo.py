"""The demo data: every table filled, realistic Bulgarian families, consistent stories.

Most tests read one 40-family house made once for the module; the tests that need fresh
files (determinism, a second run, the 300-family size) make their own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

import pytest
from sqlalchemy import func, select

from bgfuture_desk.db.models import (
    TRAVELLING_MODELS,
    Attendance,
    Consent,
    ConsentForm,
    ExportLog,
    Family,
    Group,
    Loan,
    Meeting,
    Person,
    Programme,
    Referral,
    Specialist,
    Toy,
    User,
    Visit,
    VisitPerson,
    VisitPurposeRow,
)
from bgfuture_desk.domain.calendar import is_working_day
from bgfuture_desk.domain.egn import parse_egn
from bgfuture_desk.domain.phones import format_phone, normalise_phone
from bgfuture_desk.domain.toys import due_date
from bgfuture_desk.domain.vocab import PersonRole, ReferralStatus
from bgfuture_desk.errors import ValidationError
from bgfuture_desk.services.demo import DEMO_PASSWORD, generate_demo
from bgfuture_desk.services.demo.common import months_old, patronymic
from bgfuture_desk.services.house import setup
from bgfuture_desk.services.users import service as users

TODAY = dt.date(2026, 11, 23)  # a Monday
PHONE = re.compile(r"^0[89]\d{2} \d{3} \d{3}$")


def _new_house(path):
    return setup.initialise(
        path, setup.preset_input("kran"), setup.AdminInput("admin", "Мария Петрова", "parola-123")
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = _new_house(tmp_path_factory.mktemp("demo") / "house.sqlite")
    summary = generate_demo(db, families=40, seed=7, today=TODAY)
    yield db, summary
    db.dispose()


@pytest.fixture
def session(demo):
    db, _summary = demo
    with db.read() as s:
        yield s


def _all(session, model):
    return session.scalars(select(model)).all()


def test_every_travelling_table_gets_rows_except_the_export_log(demo, session):
    _db, summary = demo
    for model in TRAVELLING_MODELS:
        count = session.scalar(select(func.count()).select_from(model))
        if model is ExportLog:
            assert count == 0
        else:
            assert count > 0, model.__tablename__
    for table, made in summary.items():
        assert made > 0, table
    assert summary.families == 40


def test_the_summary_counts_what_is_in_the_file(demo, session):
    _db, summary = demo
    assert summary.people == session.scalar(select(func.count()).select_from(Person))
    assert summary.loans == session.scalar(select(func.count()).select_from(Loan))
    assert summary.users == 3  # the administrator of the set-up is not the demo's


def test_demo_users_log_in_with_the_documented_password(demo, session):
    db, _summary = demo
    team = {u.role: u for u in _all(session, User) if u.username != "admin"}
    assert set(team) == {"coordinator", "assistant"}
    coordinator = team["coordinator"]
    assert re.fullmatch(r"[a-z]+", coordinator.username)
    assert users.authenticate(db, coordinator.username, DEMO_PASSWORD).role == "coordinator"
    kinds = {s.kind for s in _all(session, Specialist)}
    assert {"mediator", "nurse", "pedagogue", "social_worker", "toy_librarian"} <= kinds


def test_family_codes_settlements_addresses_and_phones(session):
    families = sorted(_all(session, Family), key=lambda f: f.code)
    assert [f.code for f in families] == [f"KRN-{n:04d}" for n in range(1, 41)]
    settlements = [f.settlement for f in families]
    assert set(settlements) == {"гр. Крън", "гр. Казанлък", "с. Ръжена", "с. Горно Черковище"}
    assert settlements.count("гр. Крън") > len(families) / 2
    assert all(re.fullmatch(r"ул\. „[^“]+“ № \d+", f.address) for f in families)
    phones = [f.phone for f in families] + [f.phone2 for f in families if f.phone2]
    phones += [p.phone for p in _all(session, Person) if p.phone]
    phones += [s.phone for s in _all(session, Specialist)]
    shown = [format_phone(p) for p in phones]
    assert all(PHONE.match(p) for p in shown), [p for p in shown if not PHONE.match(p)]
    assert all(normalise_phone(p) == p for p in phones)
    assert any(f.phone2 for f in families)


def test_female_names_take_the_female_form(session):
    people = _all(session, Person)
    by_family = defaultdict(list)
    for p in people:
        by_family[p.family_id].append(p)
    for p in people:
        if p.sex == "female":
            assert p.last_name.endswith(("ова", "ева")), p.full_name
            assert p.middle_name.endswith(("ова", "ева")), p.full_name
        else:
            assert p.last_name.endswith(("ов", "ев")), p.full_name
    fathers = [p for p in people if p.role == PersonRole.FATHER]
    assert fathers
    for father in fathers:
        for member in by_family[father.family_id]:
            if member.role == PersonRole.CHILD:
                assert member.middle_name == patronymic(father.first_name, member.sex)
            if member.sex == "female" and member.role != PersonRole.GRANDPARENT:
                assert member.last_name == father.last_name + "а"


def test_patronymics_follow_the_ending_of_the_fathers_name():
    assert patronymic("Иван", "male") == "Иванов"
    assert patronymic("Иван", "female") == "Иванова"
    assert patronymic("Георги", "female") == "Георгиева"
    assert patronymic("Петър", "male") == "Петров"
    assert patronymic("Никола", "male") == "Николов"
    assert patronymic("Илия", "female") == "Илиева"
    assert patronymic("Николай", "male") == "Николаев"
    assert patronymic("Васил", "male") == "Василев"


def test_children_of_every_age_and_pregnant_women(session):
    people = _all(session, Person)
    children = [p for p in people if p.role == PersonRole.CHILD]
    years = [months_old(c.birth_date, TODAY) // 12 for c in children]
    assert all(0 <= y <= 17 for y in years)
    bands = {
        "0-3": [y for y in years if y < 3],
        "3-7": [y for y in years if 3 <= y < 7],
        "7-18": [y for y in years if y >= 7],
    }
    assert all(bands.values()), bands
    assert years.count(0) + years.count(1) > years.count(16) + years.count(17)
    pregnant = [p for p in people if p.role == PersonRole.PREGNANT]
    assert pregnant
    assert all(p.sex == "female" and p.expected_birth > TODAY for p in pregnant)
    roles = {p.role for p in people}
    assert {"mother", "father", "grandparent", "child", "pregnant"} <= roles
    assert all(p.sex == "male" for p in people if p.role == PersonRole.FATHER)
    assert all(p.sex == "female" for p in people if p.role == PersonRole.MOTHER)


def test_a_minority_has_a_valid_egn_that_agrees_with_the_person(session):
    people = _all(session, Person)
    with_egn = [p for p in people if p.egn]
    assert 0 < len(with_egn) < len(people) / 2
    assert len({p.egn for p in with_egn}) == len(with_egn)
    for p in with_egn:
        info = parse_egn(p.egn, today=TODAY)
        assert (info.birth_date, info.sex) == (p.birth_date, p.sex), p.full_name


def test_visits_fall_in_opening_hours_with_family_members(session):
    visits = _all(session, Visit)
    members = defaultdict(list)
    for vp in _all(session, VisitPerson):
        members[vp.visit_id].append(vp.person_id)
    purposes = defaultdict(list)
    for row in _all(session, VisitPurposeRow):
        purposes[row.visit_id].append(row.purpose)
    family_of = {p.id: p.family_id for p in _all(session, Person)}
    year_ago = TODAY - dt.timedelta(days=366)
    for v in visits:
        day, start = v.checked_in_at.date(), v.checked_in_at.time()
        assert year_ago <= day <= TODAY
        assert day == TODAY or is_working_day(day)
        assert dt.time(8, 30) <= start <= dt.time(17, 30)
        if v.checked_out_at is not None:
            minutes = (v.checked_out_at - v.checked_in_at).total_seconds() / 60
            assert 20 <= minutes <= 120
        assert 1 <= len(purposes[v.id]) <= 2
        if v.family_id is None:
            assert not members[v.id] and v.anonymous_adults + v.anonymous_children > 0
        else:
            assert 1 <= len(members[v.id]) <= 4
            assert {family_of[p] for p in members[v.id]} == {v.family_id}
    still_here = [v for v in visits if v.checked_out_at is None]
    assert still_here and all(v.checked_in_at.date() == TODAY for v in still_here)
    assert any(v.family_id is None and v.checked_in_at.date() < TODAY for v in visits)


def test_groups_have_weekly_sessions_and_attendance(session):
    programmes = _all(session, Programme)
    groups = _all(session, Group)
    for programme in programmes:
        assert 1 <= sum(g.programme_id == programme.id for g in groups) <= 2
    assert all(g.facilitator_id and g.target for g in groups)
    sessions = _all(session, Meeting)
    assert all(s.starts_at.weekday() < 5 for s in sessions)
    assert {s.status for s in sessions} == {"held", "planned", "cancelled"}
    assert all(s.starts_at.date() >= TODAY for s in sessions if s.status == "planned")
    status_of = {s.id: s.status for s in sessions}
    attendance = _all(session, Attendance)
    assert all(status_of[a.session_id] == "held" for a in attendance)
    statuses = [a.status for a in attendance]
    assert statuses.count("present") > len(statuses) / 2
    assert {"absent", "excused"} <= set(statuses)
    assert any(a.walk_in for a in attendance)



def test_whoever_came_to_a_group_was_checked_in_that_day(session):
    """The records' check "present at a session without a visit that day" finds nothing in
    the demo: the desk checks participants in, so the demo does too."""
    day_of = {s.id: s.starts_at.date() for s in _all(session, Meeting)}
    visit_day = {v.id: v.checked_in_at.date() for v in _all(session, Visit)}
    visited = {(vp.person_id, visit_day[vp.visit_id]) for vp in _all(session, VisitPerson)}
    present = [a for a in _all(session, Attendance) if a.status == "present"]
    assert present
    assert [a for a in present if (a.person_id, day_of[a.session_id]) not in visited] == []
    out_at = {v.id: v.checked_out_at for v in _all(session, Visit)}
    people = _all(session, VisitPerson)
    assert all(vp.checked_out_at == out_at[vp.visit_id] for vp in people)  # left together
    purposes = _all(session, VisitPurposeRow)
    group_visits = {row.visit_id for row in purposes if row.purpose == "group"}
    assert len(group_visits) > len(present) / 4

def test_toys_and_loans_tell_a_consistent_story(session):
    toys = _all(session, Toy)
    assert len(toys) >= 30
    assert sorted(t.inventory_code for t in toys)[0] == "KRN-T-0001"
    assert all(t.age_min_months < t.age_max_months and t.pieces >= 1 for t in toys)
    loans = _all(session, Loan)
    assert all(loan.due_on == due_date(loan.lent_on, 14) for loan in loans)
    assert all(is_working_day(loan.due_on) for loan in loans)
    open_loans = [loan for loan in loans if loan.returned_on is None]
    assert any(loan.due_on < TODAY for loan in open_loans)
    assert any(loan.returned_on and loan.pieces_missing > 0 for loan in loans)
    lent = {loan.toy_id for loan in open_loans}
    assert len(lent) == len(open_loans)  # a toy is out once at a time
    for toy in toys:
        assert (toy.status == "lent") == (toy.id in lent), toy.inventory_code
    assert {"available", "lent", "in_repair", "lost", "retired"} <= {t.status for t in toys}


def test_consents_signed_for_children_and_some_withdrawn(session):
    forms = _all(session, ConsentForm)
    assert {(f.kind, f.version) for f in forms} == {("personal_data", 1), ("photo", 1)}
    people = {p.id: p for p in _all(session, Person)}
    consents = _all(session, Consent)
    assert any(c.withdrawn_on for c in consents)
    assert any(c.method == "read_aloud" and c.witness for c in consents)
    for c in consents:
        person, signer = people[c.person_id], people[c.signed_by_id]
        assert signer.family_id == person.family_id
        assert signer.role != PersonRole.CHILD
        assert "registration" in c.purposes or "internal" in c.purposes
    covered = {c.person_id for c in consents}
    assert len(people) / 2 < len(covered) < len(people)  # most, not all


def test_referrals_in_every_status(session):
    referrals = _all(session, Referral)
    assert {r.status for r in referrals} == {s.value for s in ReferralStatus}
    assert all(re.fullmatch(r"KRN-N-\d{4}-\d{4}", r.number) for r in referrals)
    assert len({r.number for r in referrals}) == len(referrals)
    for r in referrals:
        assert r.reason and r.steps_taken
        if r.status == "issued":
            assert r.status_on is None
        else:
            assert r.issued_on <= r.status_on <= TODAY
        if r.status == "closed":
            assert r.outcome


def test_same_seed_gives_the_same_people_in_two_files(house_db, tmp_path):
    other = _new_house(tmp_path / "other.sqlite")
    try:
        generate_demo(house_db, families=25, seed=3, today=TODAY)
        generate_demo(other, families=25, seed=3, today=TODAY)
        rows = []
        for db in (house_db, other):
            with db.read() as s:
                rows.append(
                    s.execute(
                        select(
                            Person.id,
                            Person.first_name,
                            Person.middle_name,
                            Person.last_name,
                            Person.birth_date,
                            Person.egn,
                        ).order_by(Person.id)
                    ).all()
                )
        assert rows[0] == rows[1] and len(rows[0]) > 25
    finally:
        other.dispose()


def test_a_second_run_continues_the_codes(house_db):
    generate_demo(house_db, families=20, seed=1, today=TODAY)
    second = generate_demo(house_db, families=15, seed=1, today=TODAY)
    assert second.families == 15
    with house_db.read() as s:
        codes = sorted(s.scalars(select(Family.code)))
        toy_codes = s.scalars(select(Toy.inventory_code)).all()
        usernames = s.scalars(select(User.username)).all()
    assert codes == [f"KRN-{n:04d}" for n in range(1, 36)]
    assert len(set(toy_codes)) == len(toy_codes) == 60
    assert len(set(usernames)) == len(usernames) == 7


def test_three_hundred_families(house_db):
    summary = generate_demo(house_db, families=300, seed=11, today=TODAY)
    with house_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Family)) == 300
        assert s.scalar(select(func.count()).select_from(Toy)) >= 150
    assert summary.families == 300 and summary.toys >= 150


def test_a_family_count_out_of_range_is_refused_in_bulgarian(house_db):
    with pytest.raises(ValidationError) as err:
        generate_demo(house_db, families=0, seed=1, today=TODAY)
    assert "семейства" in str(err.value)
