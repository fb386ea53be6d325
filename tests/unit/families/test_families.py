"""The family registry as the assistant uses it: register, correct, move, merge, archive."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import select

from bgfuture_desk.db.models import (
    Consent,
    Family,
    Institution,
    Loan,
    Person,
    Referral,
    Reservation,
    Toy,
    Visit,
)
from bgfuture_desk.errors import NotFoundError, UserError
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.service import (
    FamilyInput,
    InvalidForm,
    PersonInput,
)
from tests.unit.families_data import (
    CHILD,
    EGN_BAD_CHECK,
    EGN_GIRL,
    EGN_MOTHER,
    KRAN,
    MOTHER,
    actions,
    count,
    new_family,
)

# --- registering -----------------------------------------------------------------------------


def test_a_new_family_gets_the_next_code_of_the_house_and_its_members(house_db, admin):
    first = families.create_family(house_db, admin, KRAN, [CHILD, MOTHER])
    second = new_family(house_db, admin, PersonInput(role="mother", first_name="Гергана"))

    assert (first.code, second.code) == ("KRN-0001", "KRN-0002")
    assert first.settlement == "гр. Крън" and first.phone == "0888123456"
    assert [m.first_name for m in first.members] == ["Мария", "Елена"]  # adults first
    mother, child = first.members
    assert mother.full_name == "Мария Петрова Иванова"
    assert mother.phone == "0888123456" and mother.family_code == "KRN-0001"
    assert child.is_child and not mother.is_child
    assert families.get_family(house_db, first.id) == first


def test_codes_continue_after_the_highest_ever_given(house_db, admin):
    with house_db.unit(admin, "import") as uow:
        uow.session.add(Family(house_id=uow.house().id, code="KRN-0041", settlement="гр. Крън"))
        uow.commit()
    assert new_family(house_db, admin, MOTHER).code == "KRN-0042"


def test_creating_a_family_is_audited_for_the_family_and_each_member(house_db, admin):
    families.create_family(house_db, admin, KRAN, [MOTHER, CHILD])
    events = [a for a in actions(house_db) if a[0] == "create_family"]
    assert sorted(events) == [
        ("create_family", "families", "insert"),
        ("create_family", "people", "insert"),
        ("create_family", "people", "insert"),
    ]


def test_the_egn_fills_in_birth_date_and_sex(house_db, admin):
    family = families.create_family(house_db, admin, KRAN, [CHILD])
    [child] = family.members
    assert child.birth_date == dt.date(2019, 5, 14)
    assert child.sex == "female" and child.sex_label == "жена"
    assert child.egn == EGN_GIRL
    facts = families.egn_facts(EGN_GIRL, dt.date(2026, 11, 22))
    assert (facts.birth_date, facts.sex) == (dt.date(2019, 5, 14), "female")
    assert families.egn_facts(EGN_BAD_CHECK, dt.date(2026, 11, 22)) is None
    assert families.egn_facts("", dt.date(2026, 11, 22)) is None


def test_an_invalid_egn_is_an_error_on_egn_only_and_the_form_keeps_everything(house_db, admin):
    typed = PersonInput(
        role="mother",
        first_name="Мария",
        last_name="Иванова",
        birth_date=dt.date(1992, 3, 8),
        sex="female",
        egn=EGN_BAD_CHECK,
        phone="0888 123 456",
        notes="идва с баба си",
    )
    with pytest.raises(InvalidForm) as caught:
        families.create_family(house_db, admin, KRAN, [typed])

    err = caught.value
    assert list(err.errors) == ["members.0.egn"]
    assert "Контролната цифра на ЕГН не съвпада" in err.errors["members.0.egn"]
    assert "без ЕГН" in err.errors["members.0.egn"]
    assert err.members == (typed,) and err.data == KRAN
    assert err.members[0].notes == "идва с баба си" and err.members[0].egn == EGN_BAD_CHECK
    assert count(house_db, Family) == 0 and count(house_db, Person) == 0


def test_the_person_is_saved_once_the_invalid_egn_is_cleared(house_db, admin):
    family = new_family(house_db, admin)
    typed = PersonInput(role="child", first_name="Ани", egn="4512", birth_date=dt.date(2020, 1, 2))
    with pytest.raises(InvalidForm) as caught:
        families.add_person(house_db, admin, family.id, typed)
    assert list(caught.value.errors) == ["egn"]
    assert caught.value.data is typed

    saved = families.add_person(house_db, admin, family.id, replace(caught.value.data, egn=""))
    assert saved.egn is None and saved.birth_date == dt.date(2020, 1, 2)


def test_field_messages_are_bulgarian_and_name_their_field():
    today = dt.date(2026, 11, 22)
    errors = families.validate_person(
        PersonInput(role="aunt", first_name=" ", birth_date=dt.date(2027, 1, 1), phone="0888 12"),
        today,
    )
    assert errors == {
        "role": "Изберете ролята на човека в семейството.",
        "first_name": "Въведете името.",
        "birth_date": "Датата на раждане е в бъдещето.",
        "phone": "Телефонният номер има 9 или 10 цифри с водещата 0, например 0888 123 456.",
    }
    conflict = families.validate_person(
        PersonInput(
            role="child",
            first_name="Елена",
            egn=EGN_GIRL,
            birth_date=dt.date(2019, 5, 15),
            sex="male",
        ),
        today,
    )
    assert conflict == {
        "birth_date": "Датата на раждане се различава от тази в ЕГН (14.05.2019).",
        "sex": "Полът се различава от този в ЕГН (жена).",
    }
    assert families.validate_person(MOTHER, today) == {}
    assert families.validate_family(FamilyInput(settlement="", phone2="няма")) == {
        "settlement": "Въведете населеното място.",
        "phone2": "Телефонният номер може да съдържа само цифри, интервали и „+“ в началото.",
    }


def test_a_future_egn_is_refused_on_egn():
    errors = families.validate_person(
        PersonInput(role="child", first_name="Ели", egn=EGN_GIRL), dt.date(2019, 1, 1)
    )
    assert list(errors) == ["egn"] and "в бъдещето" in errors["egn"]


# --- editing, moving, archiving --------------------------------------------------------------


def test_updates_are_saved_normalised_and_audited(house_db, admin):
    family = families.create_family(house_db, admin, KRAN, [MOTHER])
    changed = families.update_family(
        house_db, admin, family.id, FamilyInput(settlement="с. Ръжена", phone2="+359431 62345")
    )
    assert (changed.settlement, changed.phone, changed.phone2) == ("с. Ръжена", "", "043162345")

    mother = family.members[0]
    edited = families.update_person(
        house_db,
        admin,
        mother.id,
        PersonInput(role="mother", first_name="Мария", last_name="Иванова", egn=EGN_MOTHER),
    )
    assert edited.birth_date == dt.date(1992, 3, 8) and edited.egn == EGN_MOTHER
    assert families.get_person(house_db, mother.id) == edited
    assert ("update_family", "families", "update") in actions(house_db)
    assert ("update_person", "people", "update") in actions(house_db)


def test_a_person_moves_to_another_family(house_db, admin):
    first = families.create_family(house_db, admin, KRAN, [MOTHER, CHILD])
    grandma = new_family(house_db, admin, PersonInput(role="grandparent", first_name="Йорданка"))
    child = first.members[1]

    moved = families.move_person(house_db, admin, child.id, grandma.id)

    assert moved.family_code == "KRN-0002"
    assert [m.first_name for m in families.get_family(house_db, grandma.id).members] == [
        "Йорданка",
        "Елена",
    ]
    assert [m.first_name for m in families.get_family(house_db, first.id).members] == ["Мария"]
    assert ("move_person", "people", "update") in actions(house_db)
    with pytest.raises(UserError, match="вече е в това семейство"):
        families.move_person(house_db, admin, child.id, grandma.id)


def test_archive_and_bring_back(house_db, admin):
    family = new_family(house_db, admin, MOTHER)
    assert families.archive_family(house_db, admin, family.id).archived
    assert families.family_by_code(house_db, family.code).archived
    assert not families.unarchive_family(house_db, admin, family.id).archived
    done = actions(house_db)
    assert ("archive_family", "families", "update") in done
    assert ("unarchive_family", "families", "update") in done


def test_family_codes_are_found_however_they_are_typed(house_db, admin):
    family = new_family(house_db, admin, MOTHER)
    for typed in ("KRN-0001", "krn-1", "KRN0001", " krn-0001 ", "КРН-0001", "krn 01"):
        assert families.family_by_code(house_db, typed).id == family.id
    with pytest.raises(NotFoundError, match="Няма семейство с код KRN-0099"):
        families.family_by_code(house_db, "KRN-0099")
    with pytest.raises(NotFoundError, match="Няма семейство с код"):
        families.family_by_code(house_db, "шоколад")


def test_unknown_records_are_reported_in_bulgarian(house_db, admin):
    import uuid

    with pytest.raises(NotFoundError, match="Няма такъв човек"):
        families.get_person(house_db, uuid.uuid4())
    with pytest.raises(NotFoundError, match="Няма такова семейство"):
        families.get_family(house_db, uuid.uuid4())


# --- merging ---------------------------------------------------------------------------------


def _history(db, admin, family_id, person_id):
    """A visit, a loan, a reservation, a consent and a referral of one family."""
    today = dt.date(2026, 11, 2)
    with db.unit(admin, "history") as uow:
        house = uow.house().id
        toy = Toy(house_id=house, inventory_code="KRN-T-0001", name="Пъзел")
        place = Institution(house_id=house, name="Дирекция „Социално подпомагане“")
        uow.session.add_all([toy, place])
        uow.session.flush()
        uow.session.add_all(
            [
                Visit(
                    house_id=house, family_id=family_id, checked_in_at=dt.datetime(2026, 11, 2, 10)
                ),
                Loan(
                    house_id=house, toy_id=toy.id, family_id=family_id, lent_on=today, due_on=today
                ),
                Reservation(house_id=house, toy_id=toy.id, family_id=family_id, reserved_on=today),
                Consent(
                    house_id=house,
                    person_id=person_id,
                    family_id=family_id,
                    kind="data",
                    version=1,
                    given_on=today,
                ),
                Referral(
                    house_id=house,
                    number="KRN-N-2026-0001",
                    person_id=person_id,
                    family_id=family_id,
                    institution_id=place.id,
                    issued_on=today,
                ),
            ]
        )
        uow.commit()


def test_merging_moves_everything_and_the_old_code_leads_to_the_kept_family(house_db, admin):
    keep = families.create_family(house_db, admin, KRAN, [MOTHER])
    gone = new_family(house_db, admin, CHILD, phone="0899 111 222")
    _history(house_db, admin, gone.id, gone.members[0].id)

    merged = families.merge_families(house_db, admin, keep.id, gone.id)

    assert merged.id == keep.id
    assert [m.first_name for m in merged.members] == ["Мария", "Елена"]
    assert (merged.phone, merged.phone2) == ("0888123456", "0899111222")
    with house_db.read() as session:
        for model in (Person, Visit, Loan, Reservation, Consent, Referral):
            owners = set(session.scalars(select(model.family_id)))
            assert owners == {keep.id}, model.__tablename__
    old = families.get_family(house_db, gone.id)
    assert old.archived and old.members == ()
    assert (old.merged_into_id, old.merged_into_code) == (keep.id, "KRN-0001")
    assert families.family_by_code(house_db, "KRN-0002").id == keep.id
    assert ("merge_families", "families", "update") in actions(house_db)
    assert ("merge_families", "loans", "update") in actions(house_db)


def test_a_merged_family_cannot_be_edited_merged_again_or_unarchived(house_db, admin):
    keep, gone = new_family(house_db, admin, MOTHER), new_family(house_db, admin, CHILD)
    families.merge_families(house_db, admin, keep.id, gone.id)
    with pytest.raises(UserError, match="обединено в KRN-0001"):
        families.unarchive_family(house_db, admin, gone.id)
    with pytest.raises(UserError, match="обединено в KRN-0001"):
        families.merge_families(house_db, admin, keep.id, gone.id)
    with pytest.raises(UserError, match="самото себе си"):
        families.merge_families(house_db, admin, keep.id, keep.id)


def test_merges_of_merges_resolve_to_the_last_kept_family(house_db, admin):
    a, b, c = (
        new_family(house_db, admin, PersonInput(role="other", first_name=n))
        for n in ("Ана", "Бисер", "Цвета")
    )
    families.merge_families(house_db, admin, b.id, c.id)
    families.merge_families(house_db, admin, a.id, b.id)
    assert families.family_by_code(house_db, c.code).id == a.id
    assert families.get_family(house_db, c.id).merged_into_code == a.code
