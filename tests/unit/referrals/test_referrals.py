"""Referrals: numbering per year, validation, status and its dates, cancel and restore, the
follow-up list, and the editable list of institutions."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from bgfuture_desk.db.models import Specialist
from bgfuture_desk.domain.clock import FixedClock
from bgfuture_desk.errors import NotFoundError, UserError, ValidationError
from bgfuture_desk.services.house import settings
from bgfuture_desk.services.referrals import service as referrals
from bgfuture_desk.services.referrals.service import ReferralInput
from tests.unit.families_data import CHILD, MOTHER, new_family

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def fixed_today(house_db):
    house_db.clock = FixedClock(TODAY)


@pytest.fixture
def family(house_db, admin):
    return new_family(house_db, admin, MOTHER, CHILD)


@pytest.fixture
def specialist(house_db, admin):
    with house_db.unit(admin, "test_specialist") as uow:
        row = Specialist(
            house_id=uow.house().id,
            full_name="Петя Стоянова",
            kind="social_worker",
            phone="0888 456 857",
        )
        uow.session.add(row)
        uow.commit()
        return row.id


def _institution(db, name="Отдел „Закрила на детето“ (ОЗД)"):
    return next(i for i in referrals.list_institutions(db) if i.name == name)


def _child(family):
    return next(m for m in family.members if m.role == "child")


def _input(db, family, **changes) -> ReferralInput:
    data = ReferralInput(
        person_id=_child(family).id,
        family_id=None,
        institution_id=_institution(db).id,
        specialist_id=None,
        reason="Риск от изоставяне на училище",
        urgency="soon",
        steps_taken="Разговор с майката.",
        consent_to_share=True,
        issued_on=TODAY - dt.timedelta(days=3),
    )
    return dataclasses.replace(data, **changes)


def test_numbers_run_per_year_and_continue_the_years_numbering(house_db, admin, family):
    first = referrals.create_referral(house_db, admin, _input(house_db, family))
    second = referrals.create_referral(house_db, admin, _input(house_db, family))
    older = referrals.create_referral(
        house_db, admin, _input(house_db, family, issued_on=dt.date(2025, 12, 30))
    )
    assert (first.number, second.number) == ("KRN-N-2026-0001", "KRN-N-2026-0002")
    assert older.number == "KRN-N-2025-0001"
    referrals.cancel_referral(house_db, admin, second.id)
    third = referrals.create_referral(house_db, admin, _input(house_db, family))
    assert third.number == "KRN-N-2026-0003"  # a cancelled number is not given again


def test_a_person_implies_the_family_and_the_view_names_everything(
    house_db, admin, family, specialist
):
    view = referrals.create_referral(
        house_db, admin, _input(house_db, family, specialist_id=specialist)
    )
    assert view.person_name == "Елена Иванова"
    assert view.family_id == family.id and view.family_code == "KRN-0001"
    assert "Иванови" in view.family_title
    assert view.institution == "Отдел „Закрила на детето“ (ОЗД)"
    assert view.specialist_name == "Петя Стоянова"
    assert (view.status, view.status_label) == ("issued", "издадено")
    assert view.urgency_label == "в близките дни"
    assert view.waiting_days == 3 and view.status_on is None


def test_a_whole_family_may_be_referred(house_db, admin, family):
    view = referrals.create_referral(
        house_db, admin, _input(house_db, family, person_id=None, family_id=family.id)
    )
    assert view.person_id is None and view.family_code == "KRN-0001"
    assert view.who == view.family_title


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"person_id": None}, "person", "Изберете лицето или семейството"),
        ({"institution_id": None}, "institution", "Изберете институцията"),
        ({"reason": "   "}, "reason", "Напишете причината"),
        ({"issued_on": TODAY + dt.timedelta(days=1)}, "issued_on", "в бъдещето"),
        ({"urgency": "tomorrow"}, "urgency", "колко спешно"),
    ],
)
def test_validation_names_the_field_in_bulgarian(house_db, admin, family, changes, field, message):
    with pytest.raises(ValidationError) as err:
        referrals.create_referral(house_db, admin, _input(house_db, family, **changes))
    assert field in err.value.errors
    assert message in err.value.errors[field]
    assert referrals.list_referrals(house_db) == []


def test_person_of_another_family_is_refused(house_db, admin, family):
    other = new_family(house_db, admin, dataclasses.replace(MOTHER, first_name="Анна"))
    with pytest.raises(ValidationError) as err:
        referrals.create_referral(house_db, admin, _input(house_db, family, family_id=other.id))
    assert "не е член" in err.value.errors["person"]


def test_update_only_while_issued(house_db, admin, family):
    view = referrals.create_referral(house_db, admin, _input(house_db, family))
    changed = referrals.update_referral(
        house_db, admin, view.id, _input(house_db, family, reason="Нужда от ОПЛ", urgency="urgent")
    )
    assert (changed.reason, changed.urgency, changed.number) == (
        "Нужда от ОПЛ",
        "urgent",
        view.number,
    )
    referrals.set_referral_status(house_db, admin, view.id, "visited", TODAY, "Приет")
    with pytest.raises(UserError) as err:
        referrals.update_referral(house_db, admin, view.id, _input(house_db, family))
    assert "вече има обратна информация" in err.value.message


def test_update_into_another_year_renumbers(house_db, admin, family):
    view = referrals.create_referral(house_db, admin, _input(house_db, family))
    moved = referrals.update_referral(
        house_db, admin, view.id, _input(house_db, family, issued_on=dt.date(2025, 6, 1))
    )
    assert moved.number == "KRN-N-2025-0001"


def test_status_changes_with_dates_and_back_to_issued(house_db, admin, family):
    view = referrals.create_referral(house_db, admin, _input(house_db, family))
    seen = referrals.set_referral_status(
        house_db, admin, view.id, "visited", TODAY - dt.timedelta(days=1), " Прието в ОЗД "
    )
    assert (seen.status, seen.status_label) == ("visited", "посетено")
    assert seen.status_on == TODAY - dt.timedelta(days=1) and seen.outcome == "Прието в ОЗД"
    assert seen.waiting_days is None
    closed = referrals.set_referral_status(house_db, admin, view.id, "closed", TODAY, "Решено")
    assert closed.status_label == "приключено"
    back = referrals.set_referral_status(house_db, admin, view.id, "issued", None)
    assert (back.status, back.status_on, back.outcome) == ("issued", None, "")
    assert back.waiting_days == 3


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (TODAY - dt.timedelta(days=10), "преди направлението"),
        (TODAY + dt.timedelta(days=1), "в бъдещето"),
        (None, "Въведете датата"),
    ],
)
def test_status_date_between_issue_and_today(house_db, admin, family, on, message):
    view = referrals.create_referral(house_db, admin, _input(house_db, family))
    with pytest.raises(ValidationError) as err:
        referrals.set_referral_status(house_db, admin, view.id, "no_show", on)
    assert message in err.value.errors["status_on"]
    assert referrals.get_referral(house_db, view.id).status == "issued"


def test_unknown_status_is_refused(house_db, admin, family):
    view = referrals.create_referral(house_db, admin, _input(house_db, family))
    with pytest.raises(ValidationError):
        referrals.set_referral_status(house_db, admin, view.id, "lost", TODAY)


def test_cancel_and_restore(house_db, admin, family):
    view = referrals.create_referral(house_db, admin, _input(house_db, family))
    referrals.cancel_referral(house_db, admin, view.id)
    assert referrals.list_referrals(house_db) == []
    with pytest.raises(NotFoundError):
        referrals.get_referral(house_db, view.id)
    back = referrals.restore_referral(house_db, admin, view.id)
    assert back.number == view.number
    assert [r.id for r in referrals.list_referrals(house_db)] == [view.id]
    with pytest.raises(UserError):
        referrals.restore_referral(house_db, admin, view.id)


def test_waiting_list_follows_the_setting(house_db, admin, family):
    old = referrals.create_referral(
        house_db, admin, _input(house_db, family, issued_on=TODAY - dt.timedelta(days=40))
    )
    older = referrals.create_referral(
        house_db, admin, _input(house_db, family, issued_on=TODAY - dt.timedelta(days=60))
    )
    referrals.create_referral(house_db, admin, _input(house_db, family))  # 3 days: not yet
    answered = referrals.create_referral(
        house_db, admin, _input(house_db, family, issued_on=TODAY - dt.timedelta(days=90))
    )
    referrals.set_referral_status(house_db, admin, answered.id, "closed", TODAY)
    waiting = referrals.referrals_waiting(house_db)
    assert [r.id for r in waiting] == [older.id, old.id]  # the oldest first
    assert waiting[0].waiting_days == 60
    settings.update_settings(house_db, admin, {"referral_follow_up_days": 50})
    assert [r.id for r in referrals.referrals_waiting(house_db)] == [older.id]
    later = TODAY + dt.timedelta(days=30)
    assert len(referrals.referrals_waiting(house_db, today=later)) == 2


def test_lists_filter_by_status_family_and_person(house_db, admin, family):
    mother = next(m for m in family.members if m.role == "mother")
    a = referrals.create_referral(house_db, admin, _input(house_db, family))
    b = referrals.create_referral(house_db, admin, _input(house_db, family, person_id=mother.id))
    referrals.set_referral_status(house_db, admin, b.id, "no_show", TODAY)
    assert [r.id for r in referrals.list_referrals(house_db, status="no_show")] == [b.id]
    assert [r.id for r in referrals.list_referrals(house_db, person_id=_child(family).id)] == [a.id]
    assert len(referrals.list_referrals(house_db, family_id=family.id)) == 2


def test_list_rows_have_the_command_line_keys(house_db, admin, family):
    view = referrals.create_referral(house_db, admin, _input(house_db, family))
    rows = referrals.list_referral_rows(house_db)
    keys = {"id", "person_id", "family_code", "institution", "issued_on", "status"}
    assert keys <= dataclasses.asdict(rows[0]).keys()
    assert (rows[0].id, rows[0].family_code, rows[0].status) == (view.id, "KRN-0001", "issued")


def test_institutions_are_seeded_sorted_and_counted(house_db, admin, family):
    names = [i.name for i in referrals.list_institutions(house_db)]
    assert len(names) == 15 and names == sorted(names, key=str.casefold)
    referrals.create_referral(house_db, admin, _input(house_db, family))
    ozd = _institution(house_db)
    assert ozd.referral_count == 1 and ozd.kind_label == "социални услуги"


def test_institution_save_unique_and_inactive(house_db, admin, family):
    school = referrals.save_institution(
        house_db,
        admin,
        None,
        name="  ОУ „Христо Ботев“  ",
        kind="education",
        address="гр. Крън",
        phone="0431 6 22 33",
    )
    assert school.name == "ОУ „Христо Ботев“" and school.phone == "043162233"
    with pytest.raises(ValidationError) as err:
        referrals.save_institution(house_db, admin, None, name="оу „христо ботев“", kind="other")
    assert "Вече има институция" in err.value.errors["name"]
    with pytest.raises(ValidationError) as err:
        referrals.save_institution(house_db, admin, None, name="", kind="nowhere", phone="12")
    assert {"name", "kind", "phone"} <= err.value.errors.keys()
    # renaming to itself is fine; making it inactive hides it from the choices
    referrals.save_institution(
        house_db, admin, school.id, name="ОУ „Христо Ботев“", kind="education", active=False
    )
    assert school.id not in {i.id for i in referrals.list_institutions(house_db)}
    everything = referrals.list_institutions(house_db, include_inactive=True)
    assert everything[-1].id == school.id and not everything[-1].active
    with pytest.raises(ValidationError) as err:
        referrals.create_referral(
            house_db, admin, _input(house_db, family, institution_id=school.id)
        )
    assert "вече не се използва" in err.value.errors["institution"]


def test_changes_leave_an_audit_trail(house_db, admin, family):
    from tests.unit.families_data import actions

    view = referrals.create_referral(house_db, admin, _input(house_db, family))
    referrals.set_referral_status(house_db, admin, view.id, "visited", TODAY)
    referrals.cancel_referral(house_db, admin, view.id)
    trail = [a for a in actions(house_db) if a[1] == "referrals"]
    assert trail == [
        ("create_referral", "referrals", "insert"),
        ("set_referral_status", "referrals", "update"),
        ("cancel_referral", "referrals", "delete"),
    ]
