"""Отчети и износ, driven as the assistant and the coordinator do: the reminder early in a
month, the export wizard (month, passphrase twice, the run), and the consolidation with its
progress bar, its result per file and its refusals."""

from __future__ import annotations

import datetime as dt
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QWizard

from bgfuture_desk.export_folder import Mount
from bgfuture_desk.services.demo import generate_demo
from bgfuture_desk.services.exchange.consolidate import consolidate
from bgfuture_desk.services.exchange.export import export_month
from bgfuture_desk.ui.models.export_log_table_model import COL_FILE, COL_MONTH
from bgfuture_desk.ui.models.file_import_table_model import (
    COL_HOUSE,
    COL_INSERTED,
    COL_UNCHANGED,
    FileImportTableModel,
)
from bgfuture_desk.ui.models.file_import_table_model import COL_MONTH as COL_MONTH_OF_FILE
from bgfuture_desk.ui.reports import ReportsPage, export_wizard
from bgfuture_desk.ui.reports.consolidate_dialog import ConsolidateDialog
from bgfuture_desk.ui.reports.export_wizard import ExportWizard
from tests.exchange_data import PASSPHRASE
from tests.ui.helpers import click, retype, type_text

pytest_plugins = ["tests.exchange_fixtures"]
pytestmark = pytest.mark.usefixtures("cheap_kdf")

EARLY = dt.date(2025, 2, 3)  # a Monday early in February: January is due
LATE = dt.date(2025, 2, 20)
HOUSE = "Къща на семейството – Крън"
COMMIT = QWizard.WizardButton.CommitButton
NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton
CANCEL = QWizard.WizardButton.CancelButton


@pytest.fixture
def house(house_db):
    generate_demo(house_db, families=4, seed=3, today=dt.date(2025, 1, 20))
    return house_db


@pytest.fixture
def folders(tmp_path) -> dict[str, Path]:
    out = {"usb": tmp_path / "usb", "coordinator": tmp_path / "coordinator"}
    for folder in out.values():
        folder.mkdir()
    return out


@pytest.fixture
def page(qtbot, house, admin, folders):
    page = ReportsPage(house)
    page.set_actor(admin)
    page.today = lambda: EARLY
    page.documents_folder = lambda: folders["usb"]
    page.mounted_volumes = lambda: [Mount("/"), Mount("/home")]  # no stick
    page.consolidated_file = lambda: folders["coordinator"] / "all.sqlite"
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.tabs.setCurrentIndex(1)  # Износ и обединяване
    page.show()
    qtbot.waitExposed(page)
    return page


def open_wizard(qtbot, page) -> ExportWizard:
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.keyClick(page, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    wizard = page.dialog
    assert isinstance(wizard, ExportWizard)
    qtbot.waitExposed(wizard)
    return wizard


def wizard_click(qtbot, wizard, which) -> None:
    click(qtbot, wizard.button(which))


def open_consolidation(qtbot, page) -> ConsolidateDialog:
    click(qtbot, page.consolidate_button)
    dialog = page.dialog
    assert isinstance(dialog, ConsolidateDialog)
    qtbot.waitExposed(dialog)
    return dialog


def drop_files(widget, paths: list[Path]) -> None:
    """What a file manager does when files are dropped on ``widget``."""
    for path in paths:
        path.touch(exist_ok=True)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    widget.dropEvent(event)


def run_consolidation(qtbot, dialog, passphrase: str) -> list[int]:
    """Type the passphrase, „Обедини“, wait until the work is over; the bar's values."""
    seen: list[int] = []
    dialog.bar.valueChanged.connect(seen.append)
    retype(qtbot, dialog.passphrase, passphrase)
    click(qtbot, dialog.run_button)
    assert dialog.running() or dialog.worker is None
    qtbot.waitUntil(
        lambda: dialog.worker is None and dialog.close_button.isEnabled(), timeout=20_000
    )
    return seen


def test_the_reminder_shows_early_in_a_month_not_yet_exported(page):
    assert page.reminder.isVisible()
    assert page.reminder.text() == (
        "Износът за януари 2025 г. още не е направен. Моля, направете го сега, в първите "
        "дни на месеца, и го изпратете на координатора."
    )
    assert page.last_export.text() == "От базата данни на тази къща още не е правен износ."
    assert page.log_model.rowCount() == 0

    page.today = lambda: LATE
    page.refresh()

    assert not page.reminder.isVisible()


def test_export_with_the_wizard_then_consolidate_with_the_progress_bar(qtbot, page, folders):
    wizard = open_wizard(qtbot, page)

    months = wizard.month_page.month
    assert months.currentData() == "2025-01"
    assert months.currentText() == "януари 2025 г."
    expected = folders["usb"] / "kran-2025-01.bgfx"
    assert wizard.month_page.path.text() == str(expected)
    wizard_click(qtbot, wizard, NEXT)

    passphrase = wizard.passphrase_page
    assert wizard.currentPage() is passphrase
    assert wizard.button(COMMIT).text() == "&Изнеси"
    assert not wizard.button(COMMIT).isEnabled()
    type_text(qtbot, passphrase.passphrase, PASSPHRASE)
    type_text(qtbot, passphrase.repeat, "тайна-парола-2")
    assert not wizard.button(COMMIT).isEnabled()
    assert passphrase.form.error_text("repeat") == "Двете пароли се различават."
    retype(qtbot, passphrase.repeat, PASSPHRASE)
    assert passphrase.form.error_text("repeat") == ""
    assert wizard.button(COMMIT).isEnabled()

    wizard_click(qtbot, wizard, COMMIT)

    run = wizard.run_page
    qtbot.waitUntil(lambda: run.result is not None, timeout=20_000)
    assert passphrase.passphrase.text() == passphrase.repeat.text() == ""
    assert expected.is_file()
    assert [p.name for p in folders["usb"].iterdir()] == ["kran-2025-01.bgfx"]
    assert run.message.text() == "Износът за януари 2025 г. е готов."
    assert run.file_label.text() == str(expected)
    assert run.sha_label.text() == run.result.sha256[:16]
    assert run.counts_label.text().startswith("семейства: 4, ")
    assert run.bar.value() == run.bar.maximum()
    assert wizard.button(FINISH).isEnabled()
    wizard_click(qtbot, wizard, FINISH)
    assert not wizard.isVisible()

    assert not page.reminder.isVisible()
    assert page.last_export.text().startswith("Последен износ: януари 2025 г., направен на ")
    assert page.log_model.rowCount() == 1
    assert page.log_model.index(0, COL_MONTH).data() == "януари 2025 г."
    assert page.log_model.index(0, COL_FILE).data() == "kran-2025-01.bgfx"

    dialog = open_consolidation(qtbot, page)
    target = folders["coordinator"] / "all.sqlite"
    assert dialog.target.text() == str(target)
    assert not dialog.run_button.isEnabled()  # no file yet
    dialog.add_files([expected])
    assert dialog.files.count() == 1

    seen = run_consolidation(qtbot, dialog, PASSPHRASE)

    assert target.is_file()
    assert dialog.bar.value() == dialog.bar.maximum() > 0
    assert seen and seen[-1] == dialog.bar.maximum()
    assert dialog.message.text() == "Готово."
    assert dialog.passphrase.text() == ""
    model = dialog.model
    assert model.rowCount() == 1
    assert model.index(0, COL_HOUSE).data() == HOUSE
    inserted = int(model.index(0, COL_INSERTED).data().replace("\xa0", "").replace(" ", ""))
    assert inserted > 0
    assert dialog.summary.text().startswith(f"Обединено в {target}: нови ")

    # the same file again changes nothing, and the dialog says so
    run_consolidation(qtbot, dialog, PASSPHRASE)

    assert model.index(0, COL_INSERTED).data() == "0"
    assert model.index(0, COL_UNCHANGED).data() != "0"
    assert ", обновени 0, без промяна " in dialog.summary.text()


def test_a_wrong_passphrase_is_refused_and_the_target_stays_as_it_was(
    qtbot, page, house, admin, folders
):
    exported = export_month(
        house, admin, month="2025-01", out=folders["usb"], passphrase=PASSPHRASE
    ).path
    target = folders["coordinator"] / "all.sqlite"
    consolidate(target, [exported], PASSPHRASE)
    before = target.read_bytes()
    dialog = open_consolidation(qtbot, page)
    drop_files(dialog.files, [exported, folders["usb"] / "notes.txt"])
    assert [p.name for p in dialog.files.files()] == ["kran-2025-01.bgfx"]

    run_consolidation(qtbot, dialog, "не-е-тази-парола")

    assert dialog.form.error_text("passphrase") == (
        "Паролата не отваря файла kran-2025-01.bgfx. Проверете я и опитайте отново. "
        "Обединената база данни не е променена."
    )
    assert dialog.message.text() == "Нищо не е обединено."
    assert dialog.model.rowCount() == 0
    assert dialog.passphrase.text() == ""
    assert dialog.passphrase.hasFocus()
    assert target.read_bytes() == before


def test_cancel_stops_the_export_and_leaves_no_file(qtbot, page, folders, monkeypatch):
    gate = threading.Event()
    real = export_wizard.export_month

    def held(db, actor, *, progress, **kw):
        def report(done, total, message):
            progress(done, total, message)  # raises once Cancel was pressed
            gate.wait(10)

        return real(db, actor, progress=report, **kw)

    monkeypatch.setattr(export_wizard, "export_month", held)
    wizard = open_wizard(qtbot, page)
    wizard_click(qtbot, wizard, NEXT)
    type_text(qtbot, wizard.passphrase_page.passphrase, PASSPHRASE)
    type_text(qtbot, wizard.passphrase_page.repeat, PASSPHRASE)
    wizard_click(qtbot, wizard, COMMIT)
    run = wizard.run_page
    qtbot.waitUntil(lambda: run.message.text() == "Снимка на базата данни…")

    wizard_click(qtbot, wizard, CANCEL)
    gate.set()

    qtbot.waitUntil(lambda: wizard.worker is None)
    assert wizard.isVisible()
    assert run.message.text() == "Износът не е направен."
    assert run.error.text() == "Износът е прекъснат; не е записан файл."
    assert wizard.button(CANCEL).text() == "&Затвори"
    assert list(folders["usb"].iterdir()) == []
    assert page.log_model.rowCount() == 0
    wizard_click(qtbot, wizard, CANCEL)
    assert not wizard.isVisible()


def test_export_log_and_file_import_models(qtmodeltester, page, house, admin, folders):
    path = export_month(house, admin, month="2025-01", out=folders["usb"], passphrase=PASSPHRASE)
    page.refresh()
    qtmodeltester.check(page.log_model)
    result = consolidate(folders["coordinator"] / "all.sqlite", [path.path], PASSPHRASE)
    model = FileImportTableModel()
    model.set_rows(result.files)
    qtmodeltester.check(model)
    assert model.index(0, COL_MONTH_OF_FILE).data() == "януари 2025 г."


def test_ctrl_e_opens_the_wizard_on_the_reports_page_only(qtbot, make_window, admin_user):
    window = make_window(admin_user)
    reports = window.pages[4]
    assert isinstance(reports, ReportsPage)

    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert reports.dialog is None  # the reception is in view

    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)

    wizard = reports.dialog
    assert isinstance(wizard, ExportWizard)
    qtbot.waitExposed(wizard)
    assert wizard.windowTitle() == "Износ на месеца"
    assert wizard.actor.name == "Мария Петрова"
    wizard_click(qtbot, wizard, CANCEL)
    assert not wizard.isVisible()


def stick_mount(monkeypatch, name: str) -> tuple[Mount, Path]:
    """A stick as the system mounts it for the user „maria“ (on Windows, a drive letter)."""
    monkeypatch.setenv("USER", "maria")
    if sys.platform == "win32":
        return Mount("E:/", removable=True), Path("E:/")
    return Mount(f"/media/maria/{name}"), Path(f"/media/maria/{name}")


def export_january(qtbot, page, path: Path) -> None:
    wizard = open_wizard(qtbot, page)
    retype(qtbot, wizard.month_page.path, str(path))
    wizard_click(qtbot, wizard, NEXT)
    type_text(qtbot, wizard.passphrase_page.passphrase, PASSPHRASE)
    type_text(qtbot, wizard.passphrase_page.repeat, PASSPHRASE)
    wizard_click(qtbot, wizard, COMMIT)
    qtbot.waitUntil(lambda: wizard.run_page.result is not None, timeout=20_000)
    wizard_click(qtbot, wizard, FINISH)
    assert path.is_file()


def test_the_wizard_proposes_the_stick_when_one_is_in(qtbot, page, folders, monkeypatch):
    mount, root = stick_mount(monkeypatch, "KINGSTON")
    page.mounted_volumes = lambda: [Mount("/"), Mount("/boot/efi"), mount]

    wizard = open_wizard(qtbot, page)

    assert wizard.month_page.path.text() == str(root / "kran-2025-01.bgfx")


def test_without_a_stick_documents_then_the_folder_used_last(
    qtbot, page, folders, tmp_path, computer_settings
):
    wizard = open_wizard(qtbot, page)
    assert wizard.month_page.path.text() == str(folders["usb"] / "kran-2025-01.bgfx")
    wizard.reject()
    elsewhere = tmp_path / "for the coordinator"
    elsewhere.mkdir()

    export_january(qtbot, page, elsewhere / "kran-2025-01.bgfx")

    wizard = open_wizard(qtbot, page)
    assert Path(wizard.month_page.path.text()).parent == elsewhere
    assert list(computer_settings.rglob("*.ini"))  # remembered in the test's folder
    wizard.reject()
    for file in elsewhere.iterdir():
        file.unlink()
    elsewhere.rmdir()  # the folder is gone: Documents again
    wizard = open_wizard(qtbot, page)
    assert Path(wizard.month_page.path.text()).parent == folders["usb"]


def test_a_stick_comes_before_the_folder_used_last(qtbot, page, tmp_path, monkeypatch):
    elsewhere = tmp_path / "exports"
    elsewhere.mkdir()
    export_january(qtbot, page, elsewhere / "kran-2025-01.bgfx")
    mount, root = stick_mount(monkeypatch, "USB")
    page.mounted_volumes = lambda: [Mount("/"), mount]

    wizard = open_wizard(qtbot, page)

    assert Path(wizard.month_page.path.text()).parent == root


def test_the_consolidation_is_shown_only_to_the_roles_that_may_consolidate(qtbot, house_db):
    from bgfuture_desk.services.unit import Actor
    from bgfuture_desk.ui.reports.page import ReportsPage

    page = ReportsPage(house_db)
    qtbot.addWidget(page)
    page.set_actor(Actor(None, "Ася", "assistant"))
    assert page.consolidation_box.isHidden()
    page.set_actor(Actor(None, "Киро", "coordinator"))
    assert not page.consolidation_box.isHidden()
