"""Registering families and members at the reception: the ЕГН fills in what it knows, a
wrong one never costs what was typed, and likely duplicates are shown before saving."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from bgfuture_desk.domain.egn import make_egn
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.service import FamilyInput, PersonInput
from tests.ui.helpers import click, retype, type_text

pytest_plugins = ["tests.ui.reception_fixtures"]

CTRL = Qt.KeyboardModifier.ControlModifier
WRONG_CHECK_DIGIT = "7523169264"  # 7523169263 is valid (16.03.1875, male)


def open_new_family(qtbot, window, page):
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    dialog = page.family_actions.dialog
    assert dialog.isVisible()
    assert dialog.windowTitle() == "Ново семейство"
    return dialog


def families_named(db, last_name: str):
    hits = families.find_duplicates(
        db, person=PersonInput("mother", "Снежана", last_name=last_name)
    )
    return hits


def test_an_invalid_egn_is_shown_and_nothing_typed_is_lost(qtbot, reception, demo_house):
    window, page = reception()
    dialog = open_new_family(qtbot, window, page)
    assert dialog.family_form.settlement.text() == "гр. Крън"
    form = dialog.member_forms()[0]
    assert form.role.currentText() == "майка"
    type_text(qtbot, form.first_name, "Снежана")
    type_text(qtbot, form.middle_name, "Петрова")
    type_text(qtbot, form.last_name, "Асенова")
    type_text(qtbot, form.phone, "0899 321 654")
    type_text(qtbot, form.egn, WRONG_CHECK_DIGIT)

    assert form.error_text("egn").startswith("Контролната цифра на ЕГН не съвпада.")
    assert form.birth_date.text() == ""

    click(qtbot, dialog.save_button)

    assert dialog.isVisible()
    assert form.error_text("egn").startswith("Контролната цифра на ЕГН не съвпада.")
    typed = (form.first_name, form.middle_name, form.last_name, form.phone, form.egn)
    assert [e.text() for e in typed] == [
        "Снежана", "Петрова", "Асенова", "0899 321 654", WRONG_CHECK_DIGIT,
    ]  # fmt: skip

    retype(qtbot, form.egn, "")
    assert form.error_text("egn") == ""
    type_text(qtbot, form.birth_date, "05.03.1990")
    click(qtbot, dialog.save_button)

    assert not dialog.isVisible()
    family = page.family_panel.family
    assert family.settlement == "гр. Крън"
    [person] = family.members
    assert (person.full_name, person.egn, person.birth_date, person.phone) == (
        "Снежана Петрова Асенова",
        None,
        dt.date(1990, 3, 5),
        "0899321654",
    )
    assert page.notice.text() == f"Семейство {family.code} е регистрирано."
    type_text(qtbot, page.search, "snezhana asen")
    assert page.results_model.rows()[0].id == person.id  # the index knows her at once


def test_a_valid_egn_fills_in_birth_date_and_sex(qtbot, reception, demo_house):
    window, page = reception()
    dialog = open_new_family(qtbot, window, page)
    click(qtbot, dialog.add_member_button)
    child = dialog.member_forms()[1]
    assert child.role.currentText() == "дете"

    type_text(qtbot, child.egn, make_egn(dt.date(2020, 6, 1), 17, "female"))

    assert child.birth_date.text() == "01.06.2020"
    assert child.sex.currentText() == "жена"
    assert child.error_text("egn") == ""


def test_errors_of_a_second_member_stand_beside_its_fields(qtbot, reception, demo_house):
    window, page = reception()
    dialog = open_new_family(qtbot, window, page)
    type_text(qtbot, dialog.member_forms()[0].first_name, "Мая")
    click(qtbot, dialog.add_member_button)
    second = dialog.member_forms()[1]
    type_text(qtbot, second.last_name, "Ангелова")

    click(qtbot, dialog.save_button)

    assert dialog.isVisible()
    assert second.error_text("first_name") == "Въведете името."
    assert dialog.member_forms()[0].error_text("first_name") == ""
    assert second.last_name.text() == "Ангелова"


def test_a_duplicate_is_offered_and_save_anyway_saves(qtbot, reception, demo_house, admin):
    first = families.create_family(
        demo_house,
        admin,
        FamilyInput(settlement="гр. Крън"),
        [PersonInput("mother", "Гергана", last_name="Колева", phone="0888 555 111")],
    )
    window, page = reception()
    dialog = open_new_family(qtbot, window, page)
    form = dialog.member_forms()[0]
    type_text(qtbot, form.first_name, "Гергана")
    type_text(qtbot, form.last_name, "Колева")
    type_text(qtbot, form.phone, "+359 888 555 111")

    click(qtbot, dialog.save_button)

    duplicates = dialog.duplicates
    assert duplicates.isVisible()
    assert duplicates.windowTitle() == "Възможни дубликати"
    assert ("Гергана Колева", "Същият телефон") in duplicates.reasons()
    assert duplicates.table.item(0, 1).text() == first.code
    assert duplicates.save_button.text().replace("&", "") == "Запиши въпреки това"

    click(qtbot, duplicates.save_button)

    assert not duplicates.isVisible() and not dialog.isVisible()
    saved = page.family_panel.family
    assert saved.id != first.id
    assert [m.full_name for m in saved.members] == ["Гергана Колева"]
    assert {c.family_id for c in families.find_duplicates(
        demo_house, person=PersonInput("mother", "Гергана", phone="0888555111")
    )} == {first.id, saved.id}  # fmt: skip


def test_the_duplicates_name_every_reason_and_the_people(qtbot, reception, demo_house, admin):
    egn = make_egn(dt.date(1994, 5, 2), 33, "female")
    first = families.create_family(
        demo_house,
        admin,
        FamilyInput(settlement="гр. Крън", phone="0877 410 229"),
        [
            PersonInput(
                "mother", "Радка", last_name="Щерева", birth_date=dt.date(1994, 5, 2), egn=egn
            )
        ],
    )
    phoned = families.create_family(
        demo_house,
        admin,
        FamilyInput(settlement="гр. Крън", phone="0877 410 230"),
        [PersonInput("father", "Кирил", last_name="Кирилов", birth_date=dt.date(1989, 1, 1))],
    )
    window, page = reception()
    dialog = open_new_family(qtbot, window, page)
    type_text(qtbot, dialog.family_form.phone, "0877 410 229")
    form = dialog.member_forms()[0]
    type_text(qtbot, form.first_name, "Radka")
    type_text(qtbot, form.last_name, "Shtereva")
    type_text(qtbot, form.egn, egn)

    click(qtbot, dialog.save_button)

    duplicates = dialog.duplicates
    assert duplicates.isVisible()
    rows = [
        tuple(duplicates.table.item(r, c).text() for c in range(3))
        for r in range(duplicates.table.rowCount())
    ]
    assert rows == [
        (
            "Радка Щерева",
            first.code,
            "Същото ЕГН; Същата дата на раждане и подобно име; Същият телефон",
        )
    ]
    assert duplicates.table.horizontalHeaderItem(0).text() == "Име"
    click(qtbot, duplicates.back_button)

    retype(qtbot, dialog.family_form.phone, "0877 410 230")
    click(qtbot, dialog.save_button)
    rows = [
        tuple(dialog.duplicates.table.item(r, c).text() for c in range(3))
        for r in range(dialog.duplicates.table.rowCount())
    ]
    # the family found by its phone is named by its people, its code in its own column
    assert ("Кирил Кирилов", phoned.code, "Същият телефон") in rows
    assert all(not name.startswith("KRN-") for name, _code, _why in rows)


def test_a_duplicate_can_open_the_existing_family(qtbot, reception, shterevi):
    window, page = reception()
    dialog = open_new_family(qtbot, window, page)
    form = dialog.member_forms()[0]
    type_text(qtbot, form.first_name, "Radka")
    type_text(qtbot, form.last_name, "Shtereva")
    type_text(qtbot, form.birth_date, "02.05.1994")
    click(qtbot, dialog.save_button)
    duplicates = dialog.duplicates
    assert ("Радка Иванова Щерева", "Същата дата на раждане и подобно име") in duplicates.reasons()

    click(qtbot, duplicates.open_button)

    assert not dialog.isVisible()
    assert page.family_panel.family.id == shterevi.id


def test_adding_a_member_also_asks_about_duplicates(qtbot, reception, shterevi, demo_house):
    _window, page = reception()
    type_text(qtbot, page.search, shterevi.code)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    click(qtbot, page.family_panel.add_member_button)
    dialog = page.family_actions.dialog
    assert dialog.windowTitle() == f"Нов член на семейство {shterevi.code}"
    type_text(qtbot, dialog.form.first_name, "Борис")
    retype(qtbot, dialog.form.last_name, "Щерев")
    type_text(qtbot, dialog.form.birth_date, "09.01.1990")
    click(qtbot, dialog.save_button)
    assert dialog.duplicates.isVisible()

    click(qtbot, dialog.duplicates.save_button)

    names = [m.full_name for m in page.family_panel.family.members]
    assert names.count("Борис Петров Щерев") == 1 and "Борис Щерев" in names
    assert len(families.get_family(demo_house, shterevi.id).members) == 4


def test_editing_the_family_changes_its_phone(qtbot, reception, shterevi, demo_house):
    _window, page = reception()
    type_text(qtbot, page.search, shterevi.code)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    click(qtbot, page.family_panel.edit_family_button)
    dialog = page.family_actions.dialog
    assert dialog.family_form.phone.text() == "0877 410 220"

    retype(qtbot, dialog.family_form.phone, "0877 41")
    click(qtbot, dialog.save_button)
    assert dialog.family_form.error_text("phone")  # too short: said beside the field

    retype(qtbot, dialog.family_form.phone, "+359 87 741 0221")
    click(qtbot, dialog.save_button)

    assert not dialog.isVisible()
    assert families.get_family(demo_house, shterevi.id).phone == "0877410221"
    assert "0877 410 221" in page.family_panel.details.text()
