"""Settings: the administrator changes the house, the numbers and the users; others look."""

from __future__ import annotations

from PySide6.QtCore import Qt

from bgfuture_desk.services.house import settings
from bgfuture_desk.services.users import service as users
from bgfuture_desk.ui.idle import MINUTE_MS
from bgfuture_desk.ui.models.user_table_model import COL_FULL_NAME, COL_ROLE
from tests.ui.helpers import click, retype, type_text

WEAK_PASSWORD = "Паролата трябва да има поне 10 знака или да е фраза от 4 думи."


def open_settings(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert page is window.settings_page
    return page


def table_cells(panel, row: int) -> tuple[str, str]:
    model = panel.model
    return (model.index(row, COL_FULL_NAME).data(), model.index(row, COL_ROLE).data())


def test_admin_adds_an_assistant(qtbot, make_window, admin_user, house_db):
    window = make_window(admin_user)
    panel = open_settings(qtbot, window).users_panel
    assert panel.isVisible()
    assert panel.model.rowCount() == 1

    click(qtbot, panel.add_button)
    dialog = panel.dialog
    assert dialog.isVisible() and dialog.windowTitle() == "Нов потребител"
    form = dialog.form
    assert form.role.currentText() == "сътрудник"
    type_text(qtbot, form.username, "anna")
    type_text(qtbot, form.full_name, "Анна Иванова")
    type_text(qtbot, form.password, "pomosht")
    type_text(qtbot, form.repeat, "pomosht")
    click(qtbot, dialog.save_button)

    assert dialog.isVisible()
    assert form.error_text("password") == WEAK_PASSWORD
    assert form.full_name.text() == "Анна Иванова"

    retype(qtbot, form.password, "pomosht-12")
    retype(qtbot, form.repeat, "pomosht-12")
    click(qtbot, dialog.save_button)

    assert not dialog.isVisible()
    rows = [table_cells(panel, r) for r in range(panel.model.rowCount())]
    assert ("Анна Иванова", "сътрудник") in rows
    assert users.authenticate(house_db, "anna", "pomosht-12").role == "assistant"


def test_a_taken_user_name_is_shown_beside_the_field(qtbot, make_window, admin_user):
    window = make_window(admin_user)
    panel = open_settings(qtbot, window).users_panel
    click(qtbot, panel.add_button)
    form = panel.dialog.form
    type_text(qtbot, form.username, "ADMIN")
    type_text(qtbot, form.full_name, "Още един")
    type_text(qtbot, form.password, "parola-999")
    type_text(qtbot, form.repeat, "parola-999")

    click(qtbot, panel.dialog.save_button)

    assert form.error_text("username") == "Това потребителско име вече е заето."


def test_assistant_sees_read_only_settings(qtbot, make_window, assistant_user):
    window = make_window(assistant_user)
    page = open_settings(qtbot, window)

    assert page.note.text().startswith("Само администратор може да променя настройките")
    assert page.house_form.name.isReadOnly()
    assert page.numbers_form.spins["loan_days"].isReadOnly()
    assert not page.house_form.save_button.isVisible()
    assert not page.numbers_form.save_button.isVisible()
    assert not page.users_panel.isVisible()
    assert page.house_form.name.text() == "Къща на семейството – Крън"


def test_assistant_changes_own_password(qtbot, make_window, assistant_user, house_db):
    window = make_window(assistant_user)
    page = open_settings(qtbot, window)

    click(qtbot, page.own_password_button)
    dialog = page.dialog
    assert dialog.windowTitle() == "Нова парола за Анна Иванова"
    type_text(qtbot, dialog.form.password, "nova-parola-1")
    type_text(qtbot, dialog.form.repeat, "nova-parola-1")
    click(qtbot, dialog.save_button)

    assert not dialog.isVisible()
    assert users.authenticate(house_db, "anna", "nova-parola-1").full_name == "Анна Иванова"


def test_admin_renames_the_house_and_the_window_follows(qtbot, make_window, admin_user, house_db):
    window = make_window(admin_user)
    form = open_settings(qtbot, window).house_form

    retype(qtbot, form.name, "")
    click(qtbot, form.save_button)
    assert form.form.error_text("name") == "Въведете името на къщата."

    type_text(qtbot, form.name, "Къщата в Крън")
    click(qtbot, form.save_button)

    assert form.status.text() == "Запазено."
    assert settings.house_details(house_db).name == "Къщата в Крън"
    assert window.house_label.text() == "Къщата в Крън"
    assert window.windowTitle() == "Къщата в Крън"  # Qt adds the program's name


def test_admin_shortens_the_idle_lock(qtbot, make_window, admin_user, house_db):
    window = make_window(admin_user)
    numbers = open_settings(qtbot, window).numbers_form
    spin = numbers.spins["idle_lock_minutes"]

    spin.selectAll()
    qtbot.keyClicks(spin, "3")
    click(qtbot, numbers.save_button)

    assert settings.read_settings(house_db)["idle_lock_minutes"] == 3
    assert window.idle.timeout_ms == 3 * MINUTE_MS
