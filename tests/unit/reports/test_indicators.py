"""The monthly indicators on a small hand-built file whose right answers are written here.

Two houses (Крън and Розово, as in a consolidated file) in October 2026:
- Ана (ЕГН 2043150012, born 15.10.2023) visits Крън in September and Крън and Розово in
  October: one child in the total, returning; she turns 3 on 15 October, so she is in 3–7.
- Бoris (no ЕГН, no sex, no birth date, role child) visits Крън for the first time in October.
- Мария, Ана's mother, comes with her to Крън in October (returning, adult, female).
- Елена, pregnant, comes to Розово in October for the first time.
- A visit of Борис on 20 October is cancelled: it counts nowhere.
- An anonymous visit at Розово: 2 adults and 1 child.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bgfuture_desk.db.models import (
    Attendance,
    Family,
    Group,
    House,
    Institution,
    Loan,
    Meeting,
    Person,
    Programme,
    Referral,
    Toy,
    Visit,
    VisitPerson,
    VisitPurposeRow,
)
from bgfuture_desk.errors import ValidationError
from bgfuture_desk.services.reports.indicators import TOTAL, compare, count
from bgfuture_desk.services.reports.period import Period
from bgfuture_desk.services.unit import Actor

OCTOBER = Period.parse("2026-10")


def at(day: int, month: int = 10, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, month, day, hour)


@pytest.fixture
def file(house_db):
    """The hand-built file; returns the two houses' codes."""
    with house_db.unit(Actor.system(), "hand_built") as uow:
        s = uow.session
        kran = uow.house()
        rozovo = House(code="rozovo", prefix="RZV", name="Къща Розово", settlement="Розово")
        s.add(rozovo)
        s.flush()
        fam_a = Family(house_id=kran.id, code="KRN-0001", created_at=at(1, 9))
        fam_b = Family(house_id=kran.id, code="KRN-0002", created_at=at(3))
        fam_r = Family(house_id=rozovo.id, code="RZV-0001", created_at=at(2, 9))
        s.add_all([fam_a, fam_b, fam_r])
        s.flush()

        def person(house, family, role, first, **kw) -> Person:
            p = Person(house_id=house.id, family_id=family.id, role=role, first_name=first, **kw)
            s.add(p)
            return p

        ana_k = person(kran, fam_a, "child", "Ана", egn="2043150012", sex="female",
                       birth_date=dt.date(2023, 10, 15))  # fmt: skip
        maria = person(kran, fam_a, "mother", "Мария", sex="female",
                       birth_date=dt.date(1995, 2, 1))  # fmt: skip
        boris = person(kran, fam_b, "child", "Борис")
        ana_r = person(rozovo, fam_r, "child", "Ана", egn="2043150012", sex="female",
                       birth_date=dt.date(2023, 10, 15))  # fmt: skip
        elena = person(rozovo, fam_r, "pregnant", "Елена", sex="female",
                       birth_date=dt.date(2000, 5, 5),
                       expected_birth=dt.date(2027, 1, 10))  # fmt: skip
        s.flush()

        def visit(house, family, when, people, purposes=("play",), **kw) -> Visit:
            v = Visit(house_id=house.id, family_id=family.id if family else None,
                      checked_in_at=when, **kw)  # fmt: skip
            s.add(v)
            s.flush()
            for p in people:
                s.add(VisitPerson(house_id=house.id, visit_id=v.id, person_id=p.id))
            for purpose in purposes:
                s.add(VisitPurposeRow(house_id=house.id, visit_id=v.id, purpose=purpose))
            return v

        visit(kran, fam_a, at(10, 9), [ana_k])  # September: Ана is returning in October
        visit(kran, fam_a, at(5), [ana_k, maria], purposes=("play", "consultation"))
        visit(kran, fam_b, at(7), [boris])
        visit(rozovo, fam_r, at(8), [ana_r, elena], purposes=("health",))
        cancelled = visit(kran, fam_b, at(20), [boris])
        cancelled.deleted_at = at(20, hour=11)
        visit(rozovo, None, at(9), [], purposes=("play",), anonymous_adults=2, anonymous_children=1)

        programme = Programme(house_id=kran.id, name="Родители")
        s.add(programme)
        s.flush()
        group = Group(house_id=kran.id, programme_id=programme.id, name="Група", target="parents")
        s.add(group)
        s.flush()
        held = Meeting(house_id=kran.id, group_id=group.id, starts_at=at(14),
                       ends_at=at(14, hour=11), status="held")  # fmt: skip
        planned = Meeting(house_id=kran.id, group_id=group.id, starts_at=at(28),
                          ends_at=at(28, hour=11), status="planned")  # fmt: skip
        s.add_all([held, planned])
        s.flush()
        s.add_all([
            Attendance(house_id=kran.id, session_id=held.id, person_id=maria.id, status="present"),
            Attendance(house_id=kran.id, session_id=held.id, person_id=boris.id, status="absent"),
            Attendance(house_id=kran.id, session_id=held.id, person_id=ana_k.id, status="present",
                       walk_in=True),
        ])  # fmt: skip

        toy = Toy(house_id=kran.id, inventory_code="KRN-T-0001", name="Топка")
        s.add(toy)
        s.flush()
        s.add_all([
            Loan(house_id=kran.id, toy_id=toy.id, family_id=fam_a.id, lent_on=dt.date(2026, 9, 20),
                 due_on=dt.date(2026, 10, 4), returned_on=dt.date(2026, 10, 6)),
            Loan(house_id=kran.id, toy_id=toy.id, family_id=fam_a.id, lent_on=dt.date(2026, 10, 6),
                 due_on=dt.date(2026, 10, 20)),  # still out at the end: overdue
            Loan(house_id=kran.id, toy_id=toy.id, family_id=fam_b.id, lent_on=dt.date(2026, 10, 21),
                 due_on=dt.date(2026, 11, 4)),  # out, not yet due
        ])  # fmt: skip

        place = Institution(house_id=kran.id, name="ДСП Казанлък")
        s.add(place)
        s.flush()
        s.add_all([
            Referral(house_id=kran.id, number="1", person_id=ana_k.id, institution_id=place.id,
                     issued_on=dt.date(2026, 10, 2), status="visited",
                     status_on=dt.date(2026, 10, 12)),
            Referral(house_id=kran.id, number="2", person_id=boris.id, institution_id=place.id,
                     issued_on=dt.date(2026, 10, 22)),
        ])  # fmt: skip
        uow.commit()
    return kran.code, "rozovo"


def test_reach_counts_a_child_of_two_houses_once_in_the_total(house_db, file):
    kran, rozovo = file
    report = count(house_db, OCTOBER)
    assert report.houses == sorted([kran, rozovo])
    children = report.figure("children_reached")
    assert children.values == {kran: 2, rozovo: 1, TOTAL: 2}  # Ана and Борис
    assert report.figure("parents_reached").values == {kran: 1, rozovo: 1, TOTAL: 2}
    assert report.figure("pregnant_reached").values == {kran: 0, rozovo: 1, TOTAL: 1}


def test_new_and_returning(house_db, file):
    kran, rozovo = file
    report = count(house_db, OCTOBER)
    # Ана was at Крън in September: returning there and in the total, new at Розово.
    assert report.figure("children_new").values == {kran: 1, rozovo: 1, TOTAL: 1}
    assert report.figure("parents_new").values == {kran: 1, rozovo: 1, TOTAL: 2}


def test_sex_and_age_band_on_the_last_day_of_the_period(house_db, file):
    kran, _rozovo = file
    split = count(house_db, OCTOBER).figure("children_reached").by_sex_age
    assert split is not None
    # Ана turned 3 on 15 October: 3–7 on 31 October. Борис: sex and age unknown.
    assert split[TOTAL]["female"] == {"0-3": 0, "3-7": 1, "7-18": 0, "adult": 0, "unknown": 0}
    assert split[TOTAL]["unknown"]["unknown"] == 1
    assert sum(sum(bands.values()) for bands in split[kran].values()) == 2


def test_visits_leave_out_the_cancelled_one(house_db, file):
    kran, rozovo = file
    report = count(house_db, OCTOBER)
    assert report.figure("visits").values == {kran: 2, rozovo: 2, TOTAL: 4}
    assert report.figure("anonymous_visitors").values == {kran: 0, rozovo: 3, TOTAL: 3}
    assert report.figure("people_in_visits").values == {kran: 3, rozovo: 5, TOTAL: 8}
    assert report.figure("visits_for_play").values == {kran: 2, rozovo: 1, TOTAL: 3}
    assert report.figure("visits_for_health").values[rozovo] == 1
    assert report.figure("visits_for_play").label == "Посещения: игра"


def test_families(house_db, file):
    kran, rozovo = file
    report = count(house_db, OCTOBER)
    assert report.figure("families_registered").values == {kran: 2, rozovo: 1, TOTAL: 3}
    assert report.figure("families_new").values == {kran: 1, rozovo: 0, TOTAL: 1}
    assert report.figure("families_seen").values == {kran: 2, rozovo: 1, TOTAL: 3}
    # Ана's family came in September and October; the others only in October.
    assert report.figure("families_engaged").values == {kran: 1, rozovo: 0, TOTAL: 1}


def test_groups_toys_and_referrals(house_db, file):
    kran, _rozovo = file
    report = count(house_db, OCTOBER)
    assert report.value("sessions_held", kran) == 1
    assert report.value("group_participants") == 2  # Мария and Ана were present
    assert report.value("walk_ins") == 1
    assert (report.value("loans"), report.value("returns"), report.value("overdue")) == (2, 1, 1)
    assert report.value("families_borrowing") == 2
    assert report.value("referrals_issued") == 2
    assert report.value("referrals_feedback") == 1
    assert report.value("referrals_waiting") == 1
    assert report.value("families_without_consent") == 3  # nobody signed in this file


def test_a_month_without_data_is_a_report_of_zeros(house_db, file):
    report = count(house_db, Period.parse("2025-01"))
    assert all(v == 0 for f in report.figures for v in f.values.values())


def test_the_json_names_the_period_houses_and_keys(house_db, file):
    data = count(house_db, Period.parse("2026-09", "2026-10")).as_json()
    assert data["period"] == {"from": "2026-09", "to": "2026-10"}
    keys = [i["key"] for i in data["indicators"]]
    assert {"children_reached", "parents_reached", "pregnant_reached", "families_registered",
            "families_seen", "families_engaged", "visits", "anonymous_visitors", "sessions_held",
            "group_participants", "loans", "overdue", "referrals_issued", "consents_given",
            "consents_withdrawn"} <= set(keys)  # fmt: skip
    assert len(keys) == len(set(keys))


def test_a_bad_period_is_refused_in_bulgarian():
    with pytest.raises(ValidationError) as bad:
        Period.parse("2026-13")
    assert "ГГГГ-ММ" in str(bad.value.errors["month"])
    with pytest.raises(ValidationError) as backwards:
        Period.parse("2026-10", "2026-09")
    assert "преди" in backwards.value.errors["to"]



def test_each_figure_beside_the_month_before_and_a_year_before(house_db, file):
    kran, rozovo = file
    report = compare(house_db, OCTOBER)
    visits = report.figure("visits")
    assert visits.previous == {kran: 1, rozovo: 0, TOTAL: 1}  # Ана at Крън in September
    assert visits.year_before == {kran: 0, rozovo: 0, TOTAL: 0}
    data = report.as_json()
    assert data["previous"] == {"from": "2026-09", "to": "2026-09"}
    assert data["year_before"] == {"from": "2025-10", "to": "2025-10"}
    assert Period.parse("2026-07", "2026-09").previous() == Period.parse("2026-04", "2026-06")


def test_the_checks_name_what_makes_the_numbers_doubtful(house_db, file):
    kran, _rozovo = file
    checks = {c.key: c for c in compare(house_db, OCTOBER).checks}
    assert checks["children_without_birth_date"].count(kran) == 1  # Борис
    assert checks["people_without_sex"].count() == 1  # Борис again
    assert checks["marks_without_visit"].count(kran) == 2  # Мария and Ана on the 14th
    assert checks["long_visits"].count() == 0 and checks["loans_due_before_lent"].count() == 0
    assert checks["marks_without_visit"].title == "Присъствали на среща без посещение в този ден"
    data = compare(house_db, OCTOBER).as_json()
    assert {"key": "people_without_sex", "label": "Посетили хора без записан пол", "count": 1,
            "by_house": {kran: 1}} in data["checks"]  # fmt: skip
