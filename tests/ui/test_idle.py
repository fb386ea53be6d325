"""The idle lock and the switch of user: who logs in is who works from then on."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from bgfuture_desk.ui.login import LoginMode
from tests.ui.helpers import click, retype, type_text


def test_idle_locks_and_another_user_takes_over(qtbot, make_window, admin_user, assistant_user):
    window = make_window(admin_user, idle_timeout_ms=150)

    qtbot.waitUntil(lambda: window.locked, timeout=5000)

    assert window.screen_stack.currentWidget() is window.cover
    assert window.user_label.text() == "Програмата е заключена"
    dialog = window.login_dialog
    assert dialog.isVisible() and dialog.mode is LoginMode.LOCK
    assert dialog.username.text() == "admin"
    window.idle.set_timeout_ms(60_000)  # a busy test machine must not lock it again at once

    retype(qtbot, dialog.username, "anna")
    type_text(qtbot, dialog.password, "pomosht-12")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    assert not window.locked
    assert window.screen_stack.currentIndex() == 0
    assert window.user_label.text() == "Потребител: Анна Иванова (сътрудник)"
    assert window.actor.name == "Анна Иванова"
    assert window.settings_page.actor == window.actor
    assert window.idle.is_running()


def test_wrong_password_at_the_lock_keeps_it_locked(qtbot, make_window, admin_user):
    window = make_window(admin_user)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.locked
    assert not window.idle.is_running()
    dialog = window.login_dialog

    type_text(qtbot, dialog.password, "ne-e-tazi")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    assert window.locked and dialog.isVisible()
    assert dialog.form.error_text("password") == "Грешно потребителско име или парола."
    assert not window.lock_action.isEnabled()


def test_input_postpones_the_lock(qtbot, make_window, admin_user):
    window = make_window(admin_user, idle_timeout_ms=10_000)
    qtbot.wait(300)
    assert window.idle.remaining_ms() < 9_800

    qtbot.mouseMove(window.nav.viewport(), QPoint(20, 20))
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)

    assert window.idle.remaining_ms() > 9_800
    assert not window.locked


def test_quit_at_the_lock_closes_the_window(qtbot, make_window, admin_user):
    window = make_window(admin_user)
    window.lock()

    click(qtbot, window.login_dialog.cancel_button)

    assert not window.isVisible()
    assert not window.idle.is_running()


def test_switch_user_by_keyboard(qtbot, make_window, admin_user, assistant_user):
    window = make_window(admin_user)
    qtbot.keyClick(
        window,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.login_dialog
    assert dialog.windowTitle() == "Смяна на потребител"
    assert dialog.username.text() == ""

    type_text(qtbot, dialog.username, "anna")
    type_text(qtbot, dialog.password, "pomosht-12")
    click(qtbot, dialog.login_button)

    assert window.user_label.text() == "Потребител: Анна Иванова (сътрудник)"


def test_cancelled_switch_keeps_the_user(qtbot, make_window, admin_user):
    window = make_window(admin_user)
    window.switch_action.trigger()

    qtbot.keyClick(window.login_dialog, Qt.Key.Key_Escape)

    assert window.login_dialog is None
    assert window.user_label.text() == "Потребител: Мария Петрова (администратор)"
    assert window.idle.is_running()


def unlock_as(qtbot, window, username: str, password: str) -> None:
    dialog = window.login_dialog
    retype(qtbot, dialog.username, username)
    type_text(qtbot, dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert not window.locked


def test_the_same_user_finds_their_typing_another_does_not(
    qtbot, make_window, admin_user, assistant_user
):
    window = make_window(admin_user)
    window.show_page(5)
    name = window.settings_page.house_form.name
    retype(qtbot, name, "Къщата в Крън")

    window.lock()
    unlock_as(qtbot, window, "admin", "parola-123")
    assert name.text() == "Къщата в Крън"

    window.lock()
    unlock_as(qtbot, window, "anna", "pomosht-12")
    assert name.text() == "Къща на семейството – Крън"
    assert name.isReadOnly()


def test_an_open_form_is_put_away_while_locked(qtbot, make_window, admin_user, assistant_user):
    window = make_window(admin_user)
    panel = window.settings_page.users_panel
    window.show_page(5)
    click(qtbot, panel.add_button)
    form_dialog = panel.dialog
    type_text(qtbot, form_dialog.form.full_name, "Петър")

    window.lock()
    assert not form_dialog.isVisible()
    unlock_as(qtbot, window, "admin", "parola-123")
    assert form_dialog.isVisible()
    assert form_dialog.form.full_name.text() == "Петър"

    window.lock()
    unlock_as(qtbot, window, "anna", "pomosht-12")
    assert not form_dialog.isVisible()
    assert form_dialog.result() == form_dialog.DialogCode.Rejected


def test_lock_unlock_and_switch_are_in_the_audit_trail(qtbot, make_window, admin_user,
                                                      assistant_user):  # fmt: skip
    from sqlalchemy import select

    from bgfuture_desk.db.models import AuditEvent

    window = make_window(admin_user)
    window.lock()
    type_text(qtbot, window.login_dialog.password, "parola-123")
    qtbot.keyClick(window.login_dialog.password, Qt.Key.Key_Return)
    assert not window.locked
    window.switch_user()
    type_text(qtbot, window.login_dialog.username, "anna")
    type_text(qtbot, window.login_dialog.password, "pomosht-12")
    click(qtbot, window.login_dialog.login_button)
    assert window.actor.name == "Анна Иванова"

    with window.db.read() as session:
        events = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action.in_(["lock", "unlock", "switch_user"]))
            .order_by(AuditEvent.at, AuditEvent.created_at)
        ).all()
    anna = window.actor.user_id
    assert sorted((e.action, str(e.user_id)) for e in events) == sorted([
        ("lock", str(admin_user.id)),
        ("unlock", str(admin_user.id)),
        ("switch_user", str(anna)),
    ])  # fmt: skip
    switch = [e for e in events if e.action == "switch_user"]
    assert [(e.user_id, e.fields) for e in switch] == [(anna, {"from_user": str(admin_user.id)})]
    assert all("pomosht" not in str(e.fields) for e in events)
