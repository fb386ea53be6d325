"""A user deactivated while the window is open loses the session at the next action."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from bgfuture_desk.errors import SessionEndedError
from bgfuture_desk.services.users import service as users
from bgfuture_desk.ui.login import LoginMode
from tests.ui.helpers import type_text

ENDED = (
    "Сесията ви е прекратена: Този профил вече не е активен; обърнете се към администратора."
)


def _deactivate(db, admin, user):
    users.update_user(db, admin, user.id, full_name=user.full_name, role=user.role,
                      active=False)  # fmt: skip


def test_the_next_click_or_key_ends_the_session(qtbot, make_window, admin, assistant_user,
                                                 house_db):  # fmt: skip
    window = make_window(assistant_user)
    window.session_check_s = 0
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.pages[2] and not window.locked

    _deactivate(house_db, admin, assistant_user)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)

    assert window.locked
    assert window.current_page() is window.pages[2]  # the key was held back
    assert window.screen_stack.currentWidget() is window.cover
    assert window.user_label.text() == "Сесията е прекратена"
    dialog = window.login_dialog
    assert dialog.isVisible() and dialog.mode is LoginMode.LOCK
    assert dialog.explanation.text() == ENDED
    assert not window.lock_action.isEnabled()

    # the deactivated user cannot come back; the administrator can
    type_text(qtbot, dialog.username, "anna")
    type_text(qtbot, dialog.password, "pomosht-12")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert window.locked
    dialog.username.clear()
    type_text(qtbot, dialog.username, "admin")
    type_text(qtbot, dialog.password, "parola-123")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert not window.locked and window.actor.user_id == admin.user_id


def test_a_refused_service_call_ends_the_session_too(qtbot, make_window, admin, assistant_user,
                                                      house_db):  # fmt: skip
    window = make_window(assistant_user)
    window.session_check_s = 3600  # no check on input: the refusal itself tells the window
    _deactivate(house_db, admin, assistant_user)
    house_db.signed_in = window.actor
    with pytest.raises(SessionEndedError):
        users.list_users(house_db)
    qtbot.waitUntil(lambda: window.locked, timeout=2000)
    assert window.login_dialog.explanation.text() == ENDED


def test_a_changed_role_asks_for_a_new_login(qtbot, make_window, admin, assistant_user,
                                              house_db):  # fmt: skip
    window = make_window(assistant_user)
    window.session_check_s = 0
    users.update_user(house_db, admin, assistant_user.id, full_name=assistant_user.full_name,
                      role="coordinator", active=True)  # fmt: skip
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton)
    assert window.locked
    assert window.login_dialog.explanation.text() == (
        "Сесията ви е прекратена: Ролята ви е променена; влезте отново, за да продължите."
    )


def test_others_work_on_while_a_user_is_active(qtbot, make_window, admin_user):
    window = make_window(admin_user)
    window.session_check_s = 0
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert not window.locked and window.current_page() is window.pages[1]


def test_an_open_form_of_the_ended_session_is_dropped(qtbot, make_window, admin,
                                                       assistant_user, house_db):  # fmt: skip
    window = make_window(assistant_user)
    window.session_check_s = 3600
    page = window.settings_page
    window.show_page(window.pages.index(page))
    page.on_own_password_clicked()
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    type_text(qtbot, dialog.form.password, "nova-parola-1")

    _deactivate(house_db, admin, assistant_user)
    window.session_check_s = 0
    qtbot.keyClick(dialog.form.password, Qt.Key.Key_A)

    assert window.locked and not dialog.isVisible()
    assert dialog.result() == 0  # rejected: nothing of it is saved
    assert window.login_dialog.isVisible()
