"""The audit trail in Настройки: the administrator filters it, pages it and exports it."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea

from bgfuture_desk.services.audit import browse
from bgfuture_desk.ui.models.audit_table_model import COL_ACTION, COL_USER
from tests.ui.helpers import click, type_text

SHOTS = os.environ.get("BGFUTURE_SHOTS")  # a folder to keep the screenshots in


def open_audit(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert page is window.settings_page
    return page, page.audit_panel


def column(panel, col: int) -> list[str]:
    model = panel.model
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_admin_sees_the_trail_and_filters_it(qtbot, make_window, admin_user, assistant_user):
    window = make_window(admin_user)
    page, panel = open_audit(qtbot, window)
    assert panel.isVisible() and panel.title() == "Одитна следа"
    assert "Създаден потребител" in column(panel, COL_ACTION)
    assert "Анна Иванова" in [panel.user_combo.itemText(n) for n in range(panel.user_combo.count())]
    assert panel.model.headerData(0, Qt.Orientation.Horizontal) == "Кога"

    panel.action_combo.setCurrentIndex(panel.action_combo.findText("Вход"))
    click(qtbot, panel.show_button)
    assert set(column(panel, COL_ACTION)) == {"Вход"}
    assert set(column(panel, COL_USER)) == {"Мария Петрова", "Анна Иванова"}

    panel.user_combo.setCurrentIndex(panel.user_combo.findText("Анна Иванова"))
    click(qtbot, panel.show_button)
    assert column(panel, COL_USER) == ["Анна Иванова"]
    assert panel.position.text() == "събития 1–1"
    assert not panel.older_button.isEnabled() and not panel.newer_button.isEnabled()

    type_text(qtbot, panel.record_edit, "няма-такъв")
    qtbot.keyClick(panel.record_edit, Qt.Key.Key_Return)
    assert panel.model.rowCount() == 0
    assert panel.status.text() == "Няма събитие, което отговаря на избора."


def test_the_trail_goes_page_by_page(qtbot, make_window, admin_user, monkeypatch):
    monkeypatch.setattr(browse, "PAGE_SIZE", 1)
    window = make_window(admin_user)
    _page, panel = open_audit(qtbot, window)
    assert panel.model.rowCount() == 1 and panel.older_button.isEnabled()
    first = panel.model.rows()[0].event_id
    click(qtbot, panel.older_button)
    assert panel.position.text() == "събития 2–2"
    assert panel.model.rows()[0].event_id != first
    click(qtbot, panel.newer_button)
    assert panel.model.rows()[0].event_id == first


def test_the_export_writes_a_private_bulgarian_pdf(qtbot, make_window, admin_user, tmp_path):
    window = make_window(admin_user)
    _page, panel = open_audit(qtbot, window)
    saved = panel.save_to(tmp_path / "одит.pdf")
    assert saved is not None and panel.status.text().startswith("Записано")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(saved.read_bytes())).pages)
    assert "Одитна следа" in text and "Вход" in text
    if os.name == "posix":
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600


def test_an_assistant_does_not_see_the_trail(qtbot, make_window, assistant_user):
    window = make_window(assistant_user)
    page, panel = open_audit(qtbot, window)
    assert not panel.isVisible()
    assert panel.model.rowCount() == 0


def test_the_panel_at_1366_by_768(qtbot, make_window, admin_user, assistant_user, tmp_path):
    window = make_window(admin_user)
    window.resize(1366 - 16, 768 - 40)
    page, panel = open_audit(qtbot, window)
    scroll = page.findChild(QScrollArea)
    scroll.ensureWidgetVisible(panel, 0, 0)
    qtbot.wait(50)
    folder = Path(SHOTS) if SHOTS else tmp_path
    window.grab().save(str(folder / "audit-1366x768.png"))
    # every filter fits: nothing is cut to less than it needs
    for widget in (panel.user_combo, panel.action_combo, panel.show_button, panel.pdf_button,
                   panel.from_check, panel.to_check):  # fmt: skip
        assert widget.width() >= widget.minimumSizeHint().width(), widget


def test_the_button_writes_the_pdf_off_the_screen_thread(qtbot, make_window, admin_user,
                                                          tmp_path, monkeypatch):  # fmt: skip
    from PySide6.QtWidgets import QFileDialog

    window = make_window(admin_user)
    _page, panel = open_audit(qtbot, window)
    target = tmp_path / "за-проверка.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))  # fmt: skip
    click(qtbot, panel.pdf_button)
    assert panel.worker is not None and not panel.pdf_button.isEnabled()
    qtbot.waitUntil(lambda: panel.worker is None, timeout=10_000)
    assert target.read_bytes().startswith(b"%PDF")
    assert panel.status.text() == f"Записано: {target}"
    assert panel.pdf_button.isEnabled()
