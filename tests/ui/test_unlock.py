"""The app on a new machine: an encrypted house file whose key is not here asks for a staff
login or the recovery key, then opens as usual."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from bgfuture_desk import app as desk_app
from bgfuture_desk.services.house import recovery
from bgfuture_desk.ui.unlock import UnlockDialog
from tests.conftest import ADMIN_PASSWORD


def answering(monkeypatch, *tries: dict[str, str]):
    """The dialog as the assistant fills it: each try typed and „Отключи“ pressed."""
    seen: list[str] = []

    def run(dialog: UnlockDialog) -> int:
        seen.append(dialog.windowTitle())
        for typed in tries:
            for field, text in typed.items():
                getattr(dialog, field).setText(text)
            dialog.unlock_button.click()
            seen.append(dialog.form.errors["recovery" if typed.get("recovery") else
                                            "password"].text())
            if dialog.result() == QDialog.DialogCode.Accepted:
                break
        return dialog.result()

    monkeypatch.setattr(UnlockDialog, "exec", run)
    return seen


def test_a_staff_login_unlocks_the_file_in_the_app(qtbot, house_db, admin, db_path,
                                                   go_to_new_machine, monkeypatch):
    house_db.dispose()
    go_to_new_machine()
    seen = answering(monkeypatch, {"username": "admin", "password": "wrong-password"},
                     {"username": "admin", "password": ADMIN_PASSWORD})
    db = desk_app.open_house(db_path)
    try:
        assert db is not None
        assert seen[0] == "Файлът на къщата е заключен"
        assert "паролата е грешна" in seen[1]
    finally:
        db.dispose()


def test_the_recovery_key_unlocks_the_file_in_the_app(qtbot, house_db, admin, db_path,
                                                      go_to_new_machine, monkeypatch):
    text = recovery.recovery_sheet(house_db, admin).text
    house_db.dispose()
    go_to_new_machine()
    answering(monkeypatch, {"recovery": text.lower().replace("-", " ")})
    db = desk_app.open_house(db_path)
    assert db is not None
    db.dispose()


def test_quitting_the_dialog_opens_nothing(qtbot, house_db, db_path, go_to_new_machine,
                                           monkeypatch):
    house_db.dispose()
    go_to_new_machine()
    monkeypatch.setattr(UnlockDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    assert desk_app.open_house(db_path) is None
