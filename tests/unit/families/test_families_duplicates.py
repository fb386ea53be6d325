"""The duplicate guard: same ЕГН, same phone, same birth date with a similar name."""

from __future__ import annotations

import datetime as dt

import pytest

from bgfuture_desk.db.models import Family, Person
from bgfuture_desk.errors import UserError, ValidationError
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.duplicates import similar_names, within_one_edit
from bgfuture_desk.services.families.service import (
    DuplicatesFound,
    FamilyInput,
    InvalidForm,
    PersonInput,
)
from tests.unit.families_data import CHILD, EGN_GIRL, EGN_MOTHER, KRAN, MOTHER, count, new_family


def test_same_egn_is_a_duplicate_and_nothing_is_saved(house_db, admin):
    first = families.create_family(house_db, admin, KRAN, [CHILD])
    other = new_family(house_db, admin, settlement="гр. Казанлък")
    again = PersonInput(role="child", first_name="Лена", last_name="Асенова", egn=EGN_GIRL)

    with pytest.raises(DuplicatesFound) as caught:
        families.add_person(house_db, admin, other.id, again)

    [candidate] = caught.value.candidates
    assert (candidate.kind, candidate.id) == ("person", first.members[0].id)
    assert (candidate.family_code, candidate.name) == ("KRN-0001", "Елена Иванова")
    assert candidate.reason == "Същото ЕГН"
    assert "Възможни дубликати" in str(caught.value)
    assert families.get_family(house_db, other.id).members == ()


def test_same_phone_in_another_format_is_a_duplicate(house_db, admin):
    first = families.create_family(house_db, admin, KRAN, [MOTHER])
    new = FamilyInput(settlement="гр. Крън", phone="+359 (888) 123-456")

    with pytest.raises(DuplicatesFound) as caught:
        families.create_family(house_db, admin, new, [PersonInput("father", "Иван")])

    # the family's phone and its mother's are one record to check: one row
    [found] = caught.value.candidates
    assert (found.kind, found.id, found.reason) == ("person", first.members[0].id, "Същият телефон")
    assert (found.name, found.family_code) == ("Мария Петрова Иванова", "KRN-0001")
    assert count(house_db, Family) == 1


def test_a_family_found_by_its_phone_is_named_by_its_people(house_db, admin):
    father = PersonInput("father", "Иван", last_name="Иванов")
    first = families.create_family(house_db, admin, KRAN, [CHILD, father])
    typed = FamilyInput(settlement="гр. Крън", phone="0888-123-456")

    [found] = families.find_duplicates(house_db, family=typed)

    assert (found.kind, found.id, found.reason) == ("family", first.id, "Същият телефон")
    assert found.name == "Иван Иванов"  # the adults; the code is in a column of its own
    assert found.family_code == "KRN-0001"
    alone = new_family(house_db, admin, CHILD, phone="0877 000 111", settlement="гр. Казанлък")
    [found] = families.find_duplicates(house_db, family=FamilyInput("гр. Крън", phone="0877000111"))
    assert (found.id, found.name) == (alone.id, "Елена Иванова")  # no adult: the children


def test_every_reason_that_matched_is_named(house_db, admin):
    """Same ЕГН, same birth date and name, and the family's phone: all three, on one row."""
    mother = PersonInput(
        "mother", "Мария", "Петрова", "Иванова", birth_date=dt.date(1992, 3, 8), egn=EGN_MOTHER
    )
    first = families.create_family(house_db, admin, KRAN, [mother])
    typed = PersonInput("mother", "Maria", last_name="Ivanova", egn=EGN_MOTHER)

    [found] = families.find_duplicates(
        house_db, typed, family=FamilyInput("гр. Крън", phone="+359888123456")
    )

    assert (found.kind, found.id, found.name) == (
        "person",
        first.members[0].id,
        "Мария Петрова Иванова",
    )
    assert found.reason == "Същото ЕГН; Същата дата на раждане и подобно име; Същият телефон"


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("Mariya", "Ivanova"),
        ("Maria", "Ivanowa"),
        ("МАРИЯ", "ИВАНОВА"),
        ("Мариа", "Иванова"),
        ("Ivanova", "Maria"),
    ],
)
def test_same_birth_date_and_a_similar_name_in_any_script_is_a_duplicate(
    house_db, admin, first, last
):
    families.create_family(house_db, admin, FamilyInput("гр. Крън"), [MOTHER])
    typed = PersonInput(
        role="mother", first_name=first, last_name=last, birth_date=dt.date(1992, 3, 8)
    )
    [candidate] = families.find_duplicates(house_db, person=typed)
    assert candidate.name == "Мария Петрова Иванова"
    assert candidate.reason == "Същата дата на раждане и подобно име"


def test_a_different_name_or_birth_date_is_not_a_duplicate(house_db, admin):
    families.create_family(house_db, admin, FamilyInput("гр. Крън"), [MOTHER])
    born = dt.date(1992, 3, 8)
    assert (
        families.find_duplicates(
            house_db, PersonInput("mother", "Marina", "", "Petrova", birth_date=born)
        )
        == []
    )
    assert (
        families.find_duplicates(
            house_db, PersonInput("mother", "Maria", "", "Ivanova", birth_date=dt.date(1992, 3, 9))
        )
        == []
    )


def test_the_birth_date_from_the_egn_counts_for_the_name_rule(house_db, admin):
    families.create_family(house_db, admin, FamilyInput("гр. Крън"), [MOTHER])
    typed = PersonInput("mother", "Maria", last_name="Ivanova", egn=EGN_MOTHER)
    [candidate] = families.find_duplicates(house_db, person=typed)
    assert candidate.reason == "Същата дата на раждане и подобно име"


def test_several_reasons_are_shown_together(house_db, admin):
    family = families.create_family(house_db, admin, KRAN, [MOTHER])
    typed = PersonInput("mother", "Мария", last_name="Иванова", egn=EGN_MOTHER, phone="0888123456")
    person = [c for c in families.find_duplicates(house_db, typed) if c.kind == "person"]
    assert [c.reason for c in person] == ["Същата дата на раждане и подобно име; Същият телефон"]
    assert families.find_duplicates(house_db, typed, exclude_id=family.members[0].id) != []
    assert [
        c.kind for c in families.find_duplicates(house_db, typed, exclude_id=family.members[0].id)
    ] == ["family"]


def test_a_shared_phone_inside_the_same_family_is_no_duplicate(house_db, admin):
    family = families.create_family(house_db, admin, KRAN, [MOTHER])
    father = PersonInput(role="father", first_name="Иван", phone="0888 123 456")
    saved = families.add_person(house_db, admin, family.id, father)
    assert saved.phone == "0888123456"


def test_save_anyway_with_force(house_db, admin):
    families.create_family(house_db, admin, KRAN, [MOTHER])
    with pytest.raises(DuplicatesFound):
        families.create_family(house_db, admin, KRAN, [MOTHER])

    second = families.create_family(house_db, admin, KRAN, [MOTHER], force=True)

    assert second.code == "KRN-0002"
    assert count(house_db, Family) == 2 and count(house_db, Person) == 2


def test_errors_are_user_errors_for_the_screen():
    assert issubclass(DuplicatesFound, UserError)
    assert issubclass(InvalidForm, ValidationError)


def test_a_phone_stored_as_people_write_it_is_still_found(house_db, admin):
    """Records written before phones were normalised (or by the demo) keep their spaces."""
    with house_db.unit(admin, "import") as uow:
        uow.session.add(
            Person(house_id=uow.house().id, role="mother", first_name="Роза", phone="0888 123 456")
        )
        uow.commit()
    [candidate] = families.find_duplicates(
        house_db, PersonInput("mother", "Мими", phone="+359888123456")
    )
    assert (candidate.name, candidate.reason) == ("Роза", "Същият телефон")


def test_one_edit_apart():
    assert within_one_edit("ivanova", "ivanova")
    assert within_one_edit("ivanova", "ivanva")
    assert within_one_edit("ivanova", "ivanovaa")
    assert within_one_edit("ivanova", "ivanoba")
    assert within_one_edit("ivanova", "ivanov")
    assert not within_one_edit("ivanova", "ivnaova")
    assert not within_one_edit("maria", "marinka")


def test_similar_names_fold_scripts_and_ignore_a_missing_family_name():
    assert similar_names("Мария", "Иванова", "Mariya", "Ivanova")
    assert similar_names("Щерьо", "Жеков", "Shteryo", "Zhekov")
    assert similar_names("Мария", "", "Maria", "Иванова")
    assert not similar_names("Мария", "Иванова", "Марин", "Иванов")
