"""The preview every printout opens in: its pages, Print, Save as PDF and Close."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QPushButton, QWidget

from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.service import FamilyInput, PersonInput
from bgfuture_desk.services.printouts import printing
from bgfuture_desk.ui.widgets.pdf_preview import show_pdf_preview
from tests.ui.conftest import activate
from tests.ui.helpers import click
from tests.ui.preview_helpers import check_preview

pytest_plugins = ["tests.ui.reception_fixtures"]

CTRL = Qt.KeyboardModifier.ControlModifier
SURNAMES = (
    "Щерева Иванова Петрова Георгиева Димитрова Николова Стоянова Тодорова Колева Маринова Ангелова"
).split()


@pytest.fixture
def cards(house_db, admin) -> bytes:
    """Eleven family cards: ten on the first A4 sheet, one on the second."""
    ids = []
    for number, surname in enumerate(SURNAMES):
        family = families.create_family(
            house_db,
            admin,
            FamilyInput(settlement="гр. Крън", phone=f"0877 410 2{number:02d}"),
            [PersonInput("mother", "Радка", "Иванова", surname, birth_date=dt.date(1994, 5, 2))],
            force=True,
        )
        ids.append(str(family.id))
    return printing.family_cards(house_db, ids)


@pytest.fixture
def preview(qtbot, cards):
    """The cards in the preview, opened over a window as a page opens it."""
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(1000, 800)
    host.show()
    dialog = show_pdf_preview(host, cards, "Семейни карти", "карти.pdf")
    dialog.resize(820, 900)
    activate(qtbot, dialog)
    yield dialog  # the host is kept alive until the test ends (qtbot holds it weakly)


def test_the_preview_shows_the_pages_in_bulgarian(qtbot, preview):
    check_preview(preview, "Семейни карти")
    assert preview.document.pageCount() == 2
    assert preview.view.pageMode() == QPdfView.PageMode.MultiPage
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert [
        b.text() for b in (preview.print_button, preview.save_button, preview.close_button)
    ] == [
        "&Печат…",
        "Запази &като PDF…",
        "&Затвори",
    ]
    assert preview.print_button.toolTip() == "Ctrl+P"
    buttons = preview.findChildren(QPushButton)
    letters = [b.text()[b.text().index("&") + 1].lower() for b in buttons]
    assert sorted(letters) == sorted(set(letters)) == ["з", "к", "н", "п", "у", "ш"]

    bar = preview.view.verticalScrollBar()
    bar.setValue(bar.maximum())  # scrolled to the end: the page number follows

    assert preview.page_label.text() == "Страница 2 от 2"


def test_the_zoom_keys_and_back_to_the_width(qtbot, preview):
    fitted = preview.zoom()

    qtbot.keyClick(preview.view, Qt.Key.Key_Plus, CTRL)
    assert preview.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert preview.zoom() == pytest.approx(fitted * 1.25)
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, CTRL)
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, CTRL)
    assert preview.zoom() == pytest.approx(fitted / 1.25)

    qtbot.keyClick(preview.view, Qt.Key.Key_0, CTRL)
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert preview.zoom() == pytest.approx(fitted)


def test_save_as_pdf_writes_the_file_where_the_person_chose(qtbot, preview, cards, tmp_path):
    qtbot.keyClick(preview.view, Qt.Key.Key_S, CTRL)

    files = preview.file_dialog
    assert files.isVisible()
    assert files.windowTitle() == "Запазване като PDF"
    assert Path(files.selectedFiles()[0]).name == "карти.pdf"  # in Documents, where there is one
    folder = tmp_path / "печат"
    folder.mkdir()
    target = folder / "карти за печат.pdf"
    files.selectFile(str(target))
    files.accept()

    assert target.read_bytes() == cards
    assert len(pypdf.PdfReader(io.BytesIO(target.read_bytes())).pages) == 2
    assert preview.status.text() == f"Записано в {target}."
    assert [p.name for p in folder.iterdir()] == [target.name]  # no temporary file left


def test_a_file_that_cannot_be_written_is_said_in_bulgarian(qtbot, preview, tmp_path):
    target = tmp_path / "няма такава папка" / "карти.pdf"

    assert not preview.save_to(target)

    assert not target.exists()
    assert preview.status.text() == ("Файлът не можа да се запише: No such file or directory")
    assert preview.status.isVisible()


def test_printing_draws_every_page_on_its_own_a4_sheet(qtbot, preview, tmp_path):
    target = tmp_path / "отпечатано.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))

    assert preview.print_to(printer)

    printed = pypdf.PdfReader(target)
    assert len(printed.pages) == preview.document.pageCount() == 2
    for page in printed.pages:  # A4: 595 × 842 points
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            595,
            842,
        )
    assert preview.status.text() == f"Отпечатано във файла {target}."


def test_printing_only_the_pages_asked_for(qtbot, preview, tmp_path):
    target = tmp_path / "втора.pdf"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)

    assert preview.pages_to_print(printer) == [1]
    assert preview.print_to(printer)
    assert len(pypdf.PdfReader(target).pages) == 1


def test_ctrl_p_opens_the_print_dialog(qtbot, preview):
    qtbot.keyClick(preview.view, Qt.Key.Key_P, CTRL)

    dialog = preview.print_dialog
    assert isinstance(dialog, QPrintDialog)
    assert dialog.isVisible()
    assert dialog.windowTitle() == "Печат"
    assert preview.printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A4
    dialog.reject()
    assert preview.isVisible()


def test_esc_closes_the_preview(qtbot, preview):
    with qtbot.waitSignal(preview.finished):
        qtbot.keyClick(preview.view, Qt.Key.Key_Escape)


def test_close_button_closes_the_preview(qtbot, preview):
    with qtbot.waitSignal(preview.finished):
        click(qtbot, preview.close_button)


def test_a_broken_file_is_not_offered_for_printing(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    dialog = show_pdf_preview(host, b"%PDF-1.4 broken", "Счупен", "счупен.pdf")
    assert dialog.parent() is host

    assert not dialog.print_button.isEnabled()
    assert dialog.status.text() == "Документът не можа да бъде показан."
    dialog.reject()


def test_the_personal_data_report_of_a_member_opens_in_the_preview(qtbot, reception, shterevi):
    _window, page = reception()
    page.open_family(shterevi.id)
    radka = next(m for m in shterevi.members if m.first_name == "Радка")

    page.family_actions.print_access(radka)

    preview = check_preview(page.family_actions.dialog, "Справка за личните данни")
    assert preview.file_name == "лични-данни-Радка-Иванова-Щерева.pdf"
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(preview.pdf)).pages)
    assert "Щерева" in text
