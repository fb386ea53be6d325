"""The Excel report, opened as a person would: the same numbers as the service, in Bulgarian."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from bgfuture_desk.cli import main
from bgfuture_desk.documents.report_workbook import report_workbook
from bgfuture_desk.services.reports.indicators import TOTAL, count
from bgfuture_desk.services.reports.profiles import Profile, shown
from tests.unit.reports.test_indicators import OCTOBER, file  # noqa: F401 - the fixture

MADE = dt.datetime(2026, 11, 3, 9, 30)


def rows(sheet) -> dict[str, tuple]:
    """Indicator label -> the cells after it, from the table under the heading block."""
    return {r[0]: r[1:] for r in sheet.iter_rows(min_row=9, values_only=True) if r[0]}


def test_the_workbook_holds_the_service_numbers(house_db, file):  # noqa: F811
    kran, rozovo = file
    report = count(house_db, OCTOBER)
    book = openpyxl.load_workbook(
        io.BytesIO(report_workbook(shown(report, Profile.INTERNAL), MADE))
    )
    assert book.sheetnames == ["Обхват", "Посещения", "Родителски групи",
                               "Библиотека за играчки", "Направления", "Съгласия",
                               "Пол и възраст", "Проверки"]  # fmt: skip
    reach = book["Обхват"]
    assert reach["A2"].value == "Период: октомври 2026 г."
    assert reach["A3"].value == "Профил: вътрешен: всички числа"
    assert reach["A5"].value == "Липсващи къщи: —"  # a house file misses nothing
    assert reach.freeze_panes == "B9" and reach.page_setup.orientation == "landscape"
    assert [c.value for c in reach[8]] == [
        "Показател", kran, rozovo, "общо", "общо, предходен период", "общо, преди година",
    ]  # fmt: skip
    table = rows(reach)
    figure = report.figure("children_reached")
    numbers = (figure.values[kran], figure.values[rozovo], figure.values[TOTAL])
    assert table[figure.label] == (*numbers, "—", "—")  # ``count`` compares with nothing
    assert all(isinstance(v, int) for v in table[figure.label][:3])  # numbers, not text
    ages = [r for r in book["Пол и възраст"].iter_rows(min_row=9, values_only=True)]
    girls = next(r for r in ages if r[:2] == ("Обхванати деца", "жени и момичета"))
    assert girls[2:] == (0, 1, 0, 0, 0)  # Ана, 3 on the last day of October


def test_the_partners_workbook_hides_small_numbers(house_db, file, tmp_path, capsys):  # noqa: F811
    out = tmp_path / "отчет.xlsx"
    status = main(["report", "--db", str(house_db.path), "--month", "2026-10",
                   "--profile", "partners", "--out", str(out)])  # fmt: skip
    assert status == 0, capsys.readouterr().err
    sheet = openpyxl.load_workbook(out)["Посещения"]
    assert sheet["A3"].value == "Профил: за партньори: числата под 5 са скрити"
    # October 2 + 2 = 4, September 1, October 2025 none: all small but the zero
    assert rows(sheet)["Посещения"] == ("<5", "<5", "<5", "<5", 0)


def test_the_pdf_holds_the_same_numbers(house_db, file, tmp_path, capsys):  # noqa: F811
    from pypdf import PdfReader

    kran, rozovo = file
    out = tmp_path / "отчет.pdf"
    status = main(["report", "--db", str(house_db.path), "--month", "2026-10", "--out", str(out)])
    assert status == 0, capsys.readouterr().err
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(out).pages)
    assert "Месечни показатели" in text and "Период: октомври 2026 г." in text
    report = count(house_db, OCTOBER)
    for key in ("children_reached", "visits", "loans", "referrals_issued"):
        figure = report.figure(key)
        row = " ".join(str(figure.values[c]) for c in (kran, rozovo, TOTAL))
        assert f"{figure.label} {row}" in text, (key, row)
    assert "Пол и възраст (всички къщи)" in text


def test_the_trends_sheet_has_the_months_and_a_native_line_chart(house_db, file):  # noqa: F811
    import zipfile

    from bgfuture_desk.domain.months import Month
    from bgfuture_desk.services.reports.indicators import trend

    months = trend(house_db, Month(2026, 10))
    data = report_workbook(shown(count(house_db, OCTOBER), Profile.INTERNAL), MADE, months)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Тенденции"]
    assert [c.value for c in sheet[8]] == [
        "Месец", "Обхванати деца", "Обхванати родители и полагащи грижа", "Посещения", "Заемания",
    ]  # fmt: skip
    table = rows(sheet)
    assert table["септември 2026 г."] == (1, 0, 1, 1)  # Ана's visit, the loan of 20 September
    assert table["октомври 2026 г."] == (2, 2, 4, 2)
    assert len(table) == 12 and next(iter(table)) == "ноември 2025 г."
    with zipfile.ZipFile(io.BytesIO(data)) as parts:
        chart = parts.read("xl/charts/chart1.xml").decode()
    assert "<lineChart>" in chart and "Тенденции" in chart  # the series read the sheet
    partners = report_workbook(shown(count(house_db, OCTOBER), Profile.PARTNERS), MADE, months)
    hidden = rows(openpyxl.load_workbook(io.BytesIO(partners))["Тенденции"])
    assert hidden["октомври 2026 г."] == ("<5", "<5", "<5", "<5")
