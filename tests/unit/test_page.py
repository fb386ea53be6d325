"""The shared page style: house header and page count on every page, tables that break well."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader
from reportlab.lib.units import mm

from bgfuture_desk.documents.page import HouseHeader, data_table, paragraph, render_pdf

HOUSE = HouseHeader("Къща на семейството – Крън", "гр. Крън", "ул. „Розова“ № 3", "0431 6 23 45")


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_every_page_has_the_house_header_and_page_n_of_m():
    rows = [["№", "Име", "Подпис"]] + [[str(i), f"Мария Иванова {i}", ""] for i in range(1, 90)]
    flowables = [
        paragraph("Присъствен списък", "title"),
        data_table(rows, [15 * mm, 100 * mm, 50 * mm]),
    ]
    pdf = render_pdf(flowables, HOUSE, title="Присъствен списък", printed_on=dt.date(2026, 11, 22))
    pages = _pages(pdf)
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert "Къща на семейството – Крън" in text
        assert "гр. Крън, ул. „Розова“ № 3 · тел. 0431 6 23 45" in text
        assert "Бъдеще за всяко дете в Община Казанлък" in text
        assert f"Страница {number} от {len(pages)}" in text
        assert "отпечатано на 22 ноември 2026" in text
        assert "№\nИме\nПодпис\n" in text  # the table's header row is repeated on each page
    assert "Мария Иванова 89" in pages[-1]


def test_text_is_printed_as_typed_not_read_as_markup():
    pdf = render_pdf([paragraph("Иванови & <деца>")], HOUSE, title="Проба")
    assert "Иванови & <деца>" in _pages(pdf)[0]
