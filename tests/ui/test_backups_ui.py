"""Настройки → Архивни копия, the status bar's backup warning, the read-only banner, and how
the app opens a damaged file, a read-only one and one another window holds."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from bgfuture_desk import app as desk_app
from bgfuture_desk.domain.clock import FixedClock
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.service import FamilyInput, PersonInput
from bgfuture_desk.services.house import backup
from bgfuture_desk.services.house.database import open_database
from bgfuture_desk.services.house.lock import HouseLock
from bgfuture_desk.ui.models.backup_table_model import (
    COL_FAMILIES,
    COL_SIZE,
    COL_TAKEN,
    BackupTableModel,
)
from tests.conftest import ADMIN_PASSWORD
from tests.ui.helpers import click

MORNING = dt.datetime(2026, 12, 7, 8, 30)


def register(db, actor, surname: str) -> None:
    families.create_family(
        db, actor, FamilyInput(settlement="гр. Крън", phone="0888 555 111"),
        [PersonInput(role="mother", first_name="Росица", last_name=surname)], force=True)


def open_backups(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    panel = window.settings_page.backups_panel
    panel.load()
    return panel


def cells(panel, row: int) -> tuple[str, str]:
    model = panel.model
    return model.index(row, COL_TAKEN).data(), model.index(row, COL_FAMILIES).data()


def test_the_model_passes_the_model_tester(qtmodeltester, house_db, db_path):
    made = backup.make_backup(db_path, now=MORNING)
    model = BackupTableModel()
    model.set_rows([made])
    qtmodeltester.check(model)
    assert model.headerData(COL_TAKEN, Qt.Orientation.Horizontal) == "Направено на"
    assert model.index(0, COL_SIZE).data().endswith(("КБ", "МБ"))


def test_the_panel_lists_the_backups_and_makes_one_now(qtbot, make_window, admin_user,
                                                       house_db, admin, db_path):
    house_db.clock = FixedClock(MORNING)
    backup.make_backup(db_path, now=MORNING - dt.timedelta(days=2))
    register(house_db, admin, "Иванова")
    window = make_window(admin_user)
    panel = open_backups(qtbot, window)
    assert panel.isVisible() and panel.title() == "Архивни копия"
    assert panel.model.rowCount() == 1
    assert cells(panel, 0) == ("05.12.2026 08:30", "0")
    assert panel.folder_label.text() == f"Копията се пазят в: {db_path.parent / 'backups'}"

    click(qtbot, panel.backup_button)

    assert panel.model.rowCount() == 2
    assert cells(panel, 0) == ("07.12.2026 08:30", "1")  # newest first, with the new family
    assert panel.status.text() == "Направено е копие: house-2026-12-07-083000.sqlite"


def test_restore_asks_with_the_preview_then_restores_and_closes(
        qtbot, make_window, admin_user, house_db, admin, db_path):
    house_db.clock = FixedClock(MORNING)
    copy = backup.make_backup(db_path, now=MORNING - dt.timedelta(days=1))
    register(house_db, admin, "Иванова")
    window = make_window(admin_user)
    panel = open_backups(qtbot, window)
    asked, told, closed = [], [], []
    panel.confirm = lambda question: asked.append(question) or False
    panel.tell = told.append
    panel.close_program = lambda: closed.append(True)
    panel.table.selectRow(0)
    assert panel.restore_button.isVisible() and panel.restore_button.isEnabled()

    click(qtbot, panel.restore_button)  # answered „Отказ“

    assert asked[0].startswith("Да се възстанови ли копието от 06.12.2026 08:30?")
    assert "В копието: семейства: 0, хора: 0, посещения: 0" in asked[0]
    assert "Сега във файла на къщата: семейства: 1, хора: 1, посещения: 0" in asked[0]
    assert backup.counts_of(db_path, current=True).families == 1 and closed == []

    panel.confirm = lambda question: True
    click(qtbot, panel.restore_button)

    assert closed == [True]
    assert told == ["Копието е възстановено. Програмата ще се затвори; стартирайте я отново, "
                    "за да работите с възстановения файл."]
    assert backup.counts_of(db_path, current=True).families == 0
    safety = [i for i in backup.list_backups(db_path.parent / "backups") if i.path != copy.path]
    assert [i.counts.families for i in safety] == [1]  # the file as it was, kept first


def test_an_assistant_backs_up_but_sees_no_restore(qtbot, make_window, assistant_user):
    window = make_window(assistant_user)
    panel = open_backups(qtbot, window)
    assert panel.backup_button.isVisible()
    assert not panel.restore_button.isVisible()


def test_the_status_bar_warns_of_an_old_backup(qtbot, make_window, admin_user, house_db,
                                               db_path):
    house_db.clock = FixedClock(MORNING)
    backup.make_backup(db_path, now=MORNING - dt.timedelta(days=10))
    window = make_window(admin_user)
    label = window.backup_warning_label
    assert label.isVisible()
    assert label.text() == "Последното добро архивно копие е от 27.11.2026, преди повече от 7 дни."

    panel = open_backups(qtbot, window)
    click(qtbot, panel.backup_button)

    assert not label.isVisible() and label.text() == ""


def test_the_first_opening_of_the_day_backs_up(house_db, db_path):
    house_db.clock = FixedClock(MORNING)
    desk_app.start_of_day(house_db)
    desk_app.start_of_day(house_db)
    assert [i.taken_at for i in backup.list_backups(db_path.parent / "backups")] == [MORNING]


@pytest.fixture
def read_only_window(qtbot, house_db, db_path):
    house_db.dispose()
    db = open_database(db_path, read_only=True).db
    from bgfuture_desk.services.users import service as users

    user = users.authenticate(db, "admin", ADMIN_PASSWORD)
    window = desk_app.build_main_window(db, user, idle_timeout_ms=3_600_000)
    qtbot.addWidget(window)
    window.show()
    yield window
    db.dispose()


def test_a_read_only_file_shows_the_banner_and_refuses_saving(qtbot, read_only_window):
    window = read_only_window
    assert window.read_only_banner.isVisible()
    assert window.read_only_banner.text().startswith("Файлът е само за четене")
    panel = open_backups(qtbot, window)
    assert not panel.backup_button.isEnabled()
    form = window.settings_page.house_form
    form.name.setText("Друго име")
    click(qtbot, form.save_button)
    assert form.status.text().startswith("Файлът е само за четене: в него не може")


def test_a_writable_file_has_no_banner(qtbot, make_window, admin_user):
    assert not make_window(admin_user).read_only_banner.isVisible()


def test_a_read_only_file_is_opened_read_only(qtbot, house_db, db_path, monkeypatch):
    house_db.dispose()
    monkeypatch.setattr(desk_app.database, "writable", lambda path: False)
    db = desk_app.open_house(db_path)
    try:
        assert db is not None and db.read_only
    finally:
        db.dispose()


def test_a_damaged_file_offers_the_newest_good_backup(qtbot, house_db, admin, db_path,
                                                      monkeypatch):
    backup.make_backup(db_path, now=MORNING)
    register(house_db, admin, "Иванова")
    house_db.dispose()
    db_path.write_bytes(b"\x00" * 8192)  # a disk that lost the file's pages
    asked = []

    def answer(parent, title, text, yes, no):
        asked.append((title, text, yes))
        return True

    monkeypatch.setattr(desk_app, "ask", answer)
    db = desk_app.open_house(db_path)
    try:
        assert db is not None and not db.read_only
        title, text, yes = asked[0]
        assert title == "Файлът на къщата е повреден"
        assert "Последното добро архивно копие е от 07.12.2026 08:30." in text
        assert yes == "&Възстанови копието"
        assert backup.counts_of(db_path, current=True).families == 0  # the copy's moment
        kept = list((db_path.parent / "backups").glob("house.sqlite.damaged-*"))
        assert [p.read_bytes() for p in kept] == [b"\x00" * 8192]
    finally:
        db.dispose()


def test_a_damaged_file_left_as_it_is_when_the_offer_is_declined(qtbot, house_db, db_path,
                                                                 monkeypatch):
    backup.make_backup(db_path, now=MORNING)
    house_db.dispose()
    db_path.write_bytes(b"\x00" * 8192)
    monkeypatch.setattr(desk_app, "ask", lambda *args: False)
    assert desk_app.open_house(db_path) is None
    assert db_path.read_bytes() == b"\x00" * 8192


def test_a_second_app_offers_read_only_or_exit(qtbot, house_db, db_path, monkeypatch):
    held = HouseLock(db_path)
    offered, opened = [], []
    monkeypatch.setattr(desk_app, "offer_read_only",
                        lambda err, parent=None: offered.append(err.message) or True)
    monkeypatch.setattr(desk_app, "_run_on_house",
                        lambda app, path, read_only=False: opened.append(read_only) or 0)
    held.acquire()
    try:
        assert desk_app.run_gui(db_path) == 0
    finally:
        held.release()
    assert offered and offered[0].startswith("Файлът на къщата")
    assert opened == [True]
