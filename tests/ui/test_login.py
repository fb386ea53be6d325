"""Logging in, the first administrator of an empty file, and opening a file at start."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from bgfuture_desk.app import open_house, run_gui
from bgfuture_desk.services.house import setup
from bgfuture_desk.services.users import service as users
from bgfuture_desk.ui.login import FirstAdminDialog, LoginDialog, LoginMode
from tests.conftest import ADMIN_PASSWORD
from tests.ui.helpers import click, retype, type_text

WEAK_PASSWORD = "Паролата трябва да има поне 10 знака или да е фраза от 4 думи."

HOUSE = "Къща на семейството – Крън"


@pytest.fixture
def login(qtbot, house_db):
    dialog = LoginDialog(house_db, HOUSE)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def test_wrong_password_then_success(qtbot, login):
    type_text(qtbot, login.username, "admin")
    type_text(qtbot, login.password, "greshna-parola")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)

    assert login.isVisible()
    assert login.form.error_text("password") == "Грешно потребителско име или парола."
    assert login.username.text() == "admin"
    assert login.password.text() == ""

    type_text(qtbot, login.password, ADMIN_PASSWORD)
    with qtbot.waitSignal(login.logged_in) as signal:
        qtbot.keyClick(login.password, Qt.Key.Key_Return)

    assert login.result() == QDialog.DialogCode.Accepted
    assert signal.args[0].full_name == "Мария Петрова"
    assert login.user.role == "admin"


def test_a_password_set_by_the_administrator_is_changed_before_the_desk_opens(
    qtbot, login, house_db, admin
):
    row = users.create_user(house_db, admin, username="asya", full_name="Ася Петрова",
                            role="assistant", password="parola-456")  # fmt: skip
    users.set_password(house_db, admin, row.id, "vremenna-123", "vremenna-123")
    type_text(qtbot, login.username, "asya")
    type_text(qtbot, login.password, "vremenna-123")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)

    assert login.isVisible() and login.result() != QDialog.DialogCode.Accepted
    assert not login.form.isVisible() and login.new_password.hasFocus()
    assert "Ася Петрова, тази парола е зададена от друг" in login.explanation.text()
    assert login.login_button.text() == "&Смяна и вход"
    type_text(qtbot, login.new_password, "kratka")
    qtbot.keyClick(login.new_password, Qt.Key.Key_Return)
    assert login.change_form.error_text("password") == WEAK_PASSWORD
    assert login.isVisible()

    retype(qtbot, login.new_password, "moya-parola-1")
    type_text(qtbot, login.repeat, "moya-parola-1")
    with qtbot.waitSignal(login.logged_in) as signal:
        qtbot.keyClick(login.repeat, Qt.Key.Key_Return)
    assert login.result() == QDialog.DialogCode.Accepted
    assert signal.args[0].username == "asya" and not signal.args[0].must_change_password
    assert not users.authenticate(house_db, "asya", "moya-parola-1").must_change_password


def test_the_lock_offers_only_logging_in_or_quitting(qtbot, house_db):
    dialog = LoginDialog(house_db, HOUSE, mode=LoginMode.LOCK, username="admin")
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)

    assert dialog.username.text() == "admin"
    assert dialog.cancel_button.text() == "Из&ход от програмата"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()

    with qtbot.waitSignal(dialog.quit_requested):
        click(qtbot, dialog.cancel_button)


def test_first_administrator_of_a_file_without_users(qtbot, db_path):
    db = setup.initialise(db_path, setup.preset_input("razhena"), None)
    try:
        assert not users.has_users(db)
        dialog = FirstAdminDialog(db)
        qtbot.addWidget(dialog)
        dialog.show()
        form = dialog.form
        type_text(qtbot, form.username, "ivan")
        type_text(qtbot, form.full_name, "Иван Георгиев")
        type_text(qtbot, form.password, "kratka")
        type_text(qtbot, form.repeat, "kratka")

        click(qtbot, dialog.create_button)

        assert form.error_text("password") == WEAK_PASSWORD
        assert not users.has_users(db)
        retype(qtbot, form.password, "parola-456")
        retype(qtbot, form.repeat, "parola-456")
        click(qtbot, dialog.create_button)

        assert dialog.result() == QDialog.DialogCode.Accepted
        assert users.authenticate(db, "ivan", "parola-456").role == "admin"
    finally:
        db.dispose()


def close_message_box(seen: list[str]) -> None:
    box = QApplication.activeModalWidget()
    seen.append(box.text())
    box.done(0)


def test_a_damaged_file_is_refused_in_bulgarian(qtbot, tmp_path):
    path = tmp_path / "house.sqlite"
    path.write_bytes(b"this is not a database " * 200)
    seen: list[str] = []
    QTimer.singleShot(0, lambda: close_message_box(seen))

    assert run_gui(path) == 2

    assert seen and "не е база данни на програмата" in seen[0] and str(path) in seen[0]


def test_an_existing_file_opens_without_questions(house_db, db_path):
    house_db.dispose()
    db = open_house(db_path)
    try:
        assert db is not None
        assert users.has_users(db)
    finally:
        db.dispose()


def test_cancelling_the_set_up_leaves_no_file(qtbot, db_path):
    shown: list[str] = []

    def cancel_wizard() -> None:
        wizard = QApplication.activeModalWidget()
        shown.append(wizard.windowTitle())
        wizard.reject()

    QTimer.singleShot(0, cancel_wizard)

    assert run_gui(db_path) == 0

    assert shown == ["Първоначална настройка на къщата"]
    assert not db_path.exists()
