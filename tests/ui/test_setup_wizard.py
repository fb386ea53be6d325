"""The first set-up, driven as a person would: choose, type, Next, Finish."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from bgfuture_desk.services.house import settings
from bgfuture_desk.services.users import service as users
from bgfuture_desk.ui.setup_wizard import SetupWizard
from tests.ui.helpers import click_text_of, retype

WEAK_PASSWORD = "Паролата трябва да има поне 10 знака или да е фраза от 4 думи."

NEXT = QWizard.WizardButton.NextButton
BACK = QWizard.WizardButton.BackButton
FINISH = QWizard.WizardButton.FinishButton


@pytest.fixture
def wizard(qtbot, db_path):
    w = SetupWizard(db_path)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    if w.database is not None:
        w.database.dispose()


def click(qtbot, wizard, which) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def choose(qtbot, wizard, code: str) -> None:
    button = wizard.house_page.buttons[code]
    click_text_of(qtbot, button)
    assert button.isChecked()


def fill_admin(qtbot, wizard, password: str, repeat: str) -> None:
    form = wizard.admin_page.form
    retype(qtbot, form.username, "maria")
    retype(qtbot, form.full_name, "Мария Петрова")
    retype(qtbot, form.password, password)
    retype(qtbot, form.repeat, repeat)


def test_a_preset_house_is_set_up(qtbot, wizard, db_path):
    choose(qtbot, wizard, "kran")
    click(qtbot, wizard, NEXT)

    details = wizard.details_page
    assert wizard.currentPage() is details
    assert details.name.text() == "Къща на семейството – Крън"
    assert details.settlement.text() == "гр. Крън"
    retype(qtbot, details.address, "ул. „Розова долина“ 1")
    retype(qtbot, details.phone, "0888 123 456")
    click(qtbot, wizard, NEXT)

    fill_admin(qtbot, wizard, "parola-123", "parola-123")
    assert not db_path.exists()
    click(qtbot, wizard, FINISH)

    assert wizard.result() == QWizard.DialogCode.Accepted
    assert db_path.exists()
    db = wizard.database
    assert settings.house_details(db).address == "ул. „Розова долина“ 1"
    assert settings.house_details(db).prefix == "KRN"
    assert users.authenticate(db, "maria", "parola-123").full_name == "Мария Петрова"


def test_a_short_password_is_refused_beside_the_field(qtbot, wizard, db_path):
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, NEXT)
    fill_admin(qtbot, wizard, "kratka", "kratka")

    click(qtbot, wizard, FINISH)

    form = wizard.admin_page.form
    assert wizard.isVisible()
    assert form.error_text("password") == WEAK_PASSWORD
    assert form.username.text() == "maria"
    assert form.full_name.text() == "Мария Петрова"
    assert not db_path.exists()

    retype(qtbot, form.password, "dulga-parola")
    assert form.error_text("password") == ""  # the message goes as the person fixes it
    retype(qtbot, form.repeat, "dulga-parola")
    click(qtbot, wizard, FINISH)

    assert db_path.exists()
    assert users.authenticate(wizard.database, "maria", "dulga-parola")


def test_differing_passwords_are_shown_beside_the_repeat(qtbot, wizard):
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, NEXT)
    fill_admin(qtbot, wizard, "parola-123", "parola-124")

    click(qtbot, wizard, FINISH)

    assert wizard.admin_page.form.error_text("repeat") == "Двете пароли не съвпадат."


def test_another_house_needs_a_valid_code(qtbot, wizard):
    page = wizard.house_page
    assert not page.custom.isEnabled()
    choose(qtbot, wizard, "custom")
    assert page.custom.isEnabled()
    retype(qtbot, page.code, "Павел баня")

    click(qtbot, wizard, NEXT)

    assert wizard.currentPage() is page
    assert page.custom.error_text("code").startswith("Кодът на къщата е от 2 до 31")
    assert page.code.text() == "Павел баня"

    retype(qtbot, page.code, "pavel-banya")
    retype(qtbot, page.prefix, "PBN")
    click(qtbot, wizard, NEXT)

    details = wizard.details_page
    assert wizard.currentPage() is details
    assert details.name.text() == ""
    click(qtbot, wizard, NEXT)
    assert wizard.currentPage() is details
    assert details.form.error_text("name") == "Въведете името на къщата."


def test_back_and_next_keep_what_was_typed(qtbot, wizard):
    click(qtbot, wizard, NEXT)
    details = wizard.details_page
    retype(qtbot, details.name, "Къщата при реката")
    retype(qtbot, details.phone, "0431 12345")
    click(qtbot, wizard, NEXT)
    retype(qtbot, wizard.admin_page.form.username, "maria")

    click(qtbot, wizard, BACK)
    click(qtbot, wizard, BACK)
    choose(qtbot, wizard, "razhena")
    click(qtbot, wizard, NEXT)

    # the typed name stays; the untouched settlement follows the newly chosen house
    assert details.name.text() == "Къщата при реката"
    assert details.settlement.text() == "с. Ръжена"
    assert details.phone.text() == "0431 12345"
    click(qtbot, wizard, NEXT)
    assert wizard.admin_page.form.username.text() == "maria"


def test_an_existing_file_is_not_touched(qtbot, wizard, db_path):
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, NEXT)
    fill_admin(qtbot, wizard, "parola-123", "parola-123")
    db_path.write_bytes(b"someone else's file")

    click(qtbot, wizard, FINISH)

    assert wizard.isVisible()
    message = wizard.admin_page.error.text()
    assert message.startswith("Тук вече има") and str(db_path) in message
    assert wizard.admin_page.form.full_name.text() == "Мария Петрова"
    assert db_path.read_bytes() == b"someone else's file"
