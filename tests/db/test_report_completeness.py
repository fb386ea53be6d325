"""A month with a house missing, on a real consolidation (SQLite and PostgreSQL): Крън's export
of January 2025 and Ръжена's of December 2024, imported on 3 February 2025 at 10:15. The report
of January names Ръжена as missing in the JSON, the Excel file's first rows and the PDF."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from bgfuture_desk.cli import main
from bgfuture_desk.domain.clock import FixedClock
from bgfuture_desk.services.exchange.consolidate import consolidate
from tests.exchange_data import MONTH, PASSPHRASE, export

pytest_plugins = ["tests.exchange_fixtures"]
pytestmark = pytest.mark.usefixtures("cheap_kdf")

IMPORTED = dt.datetime(2025, 2, 3, 10, 15)


@pytest.fixture
def one_missing(houses, tmp_path, target) -> str:
    files = [export(houses.kran, tmp_path), export(houses.razhena, tmp_path, month="2024-12")]
    consolidate(target, files, PASSPHRASE, clock=FixedClock(IMPORTED))
    return target


def run(capsys, *args: str) -> str:
    status = main(["report", *args])
    out, err = capsys.readouterr()
    assert status == 0, err
    return out


def test_the_json_names_the_missing_house_and_the_imports(capsys, one_missing):
    data = json.loads(run(capsys, "--db", one_missing, "--month", MONTH, "--json"))
    assert data["houses"] == ["kran", "razhena"]
    assert data["missing"] == ["razhena"]
    matrix = data["completeness"]
    assert matrix["houses"]["kran"][MONTH] == {
        "state": "imported", "imported_at": "2025-02-03T10:15:00", "covered_by": MONTH,
    }  # fmt: skip
    assert matrix["houses"]["razhena"]["2024-12"]["imported_at"] == "2025-02-03T10:15:00"
    assert matrix["houses"]["razhena"][MONTH]["state"] == "missing"
    december = json.loads(run(capsys, "--db", one_missing, "--month", "2024-12", "--json"))
    assert december["missing"] == []


def test_the_excel_and_the_pdf_name_the_missing_house(capsys, one_missing, tmp_path):
    from pypdf import PdfReader

    xlsx, pdf = tmp_path / "отчет.xlsx", tmp_path / "отчет.pdf"
    run(capsys, "--db", one_missing, "--month", MONTH, "--out", str(xlsx))
    run(capsys, "--db", one_missing, "--month", MONTH, "--out", str(pdf))
    book = openpyxl.load_workbook(xlsx)
    for sheet in book.worksheets:  # every sheet's first rows
        assert sheet["A4"].value == "Къщи: kran, razhena"
        assert sheet["A5"].value == "Липсващи къщи: razhena"
        assert sheet["A7"].value.startswith("Внимание: за целия период няма внесен износ от: "
                                            "razhena.")  # fmt: skip
    matrix = book["Пълнота"]
    head = [c.value for c in matrix[9]]
    assert head[0] == "Къща" and head[-1] == MONTH and head[-2] == "2024-12"
    cells = {r[0]: r[1:] for r in matrix.iter_rows(min_row=10, values_only=True)}
    assert cells["kran"][-1] == "03.02.2025 10:15"
    assert cells["kran"][-2] == "с износа за януари 2025 г."
    assert cells["razhena"][-2:] == ("03.02.2025 10:15", "липсва")
    pages = PdfReader(pdf).pages
    first = " ".join((pages[0].extract_text() or "").split())
    assert "Липсващи къщи: razhena" in first
    assert "Внимание: за целия период няма внесен износ от: razhena." in first
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in pages)
    assert "Внесени износи" in text and "03.02.2025 10:15" in text


def test_consolidating_again_records_the_later_import(houses, tmp_path, target, capsys):
    files = [export(houses.kran, tmp_path)]
    consolidate(target, files, PASSPHRASE, clock=FixedClock(IMPORTED))
    later = IMPORTED + dt.timedelta(days=1, hours=2)
    consolidate(target, files, PASSPHRASE, clock=FixedClock(later))
    data = json.loads(run(capsys, "--db", target, "--month", MONTH, "--json"))
    assert data["missing"] == []
    assert data["completeness"]["houses"]["kran"][MONTH]["imported_at"] == "2025-02-04T12:15:00"
