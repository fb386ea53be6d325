"""The printed attendance sheet (присъствен списък): what a facilitator and a funder read."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from bgfuture_desk.documents.attendance_sheet import (
    AttendanceSheetData,
    SheetRow,
    attendance_sheet_pdf,
)
from bgfuture_desk.documents.page import HouseHeader
from bgfuture_desk.errors import UserError
from bgfuture_desk.services.groups import service as groups
from bgfuture_desk.services.printouts import printing
from tests.unit.groups_data import schedule_mondays

pytest_plugins = ["tests.unit.groups_fixtures"]

HOUSE = HouseHeader(
    name="Къща на семейството – Крън",
    settlement="гр. Крън",
    address="ул. „Розова долина“ № 5",
    phone="0431 6 23 45",
)
A4_POINTS = (595.3, 841.9)
MARK = re.compile(r"\b(присъства|отсъства|извинен)\b")
NAMES = ("Мария Петрова Иванова", "Елена Георгиева Димова", "Яна Борисова Асенова")


def _sheet(rows=(), with_marks=False, **extra) -> AttendanceSheetData:
    return AttendanceSheetData(
        programme="Училище за родители",
        group="Група „Слънчогледи“",
        day=dt.date(2027, 3, 1),
        starts_at=dt.time(10),
        ends_at=dt.time(11, 30),
        place="Голямата зала",
        facilitator="Анелия Тодорова",
        topic="Общуване в семейството",
        target="родители",
        rows=tuple(rows),
        with_marks=with_marks,
        **extra,
    )


def _pages(pdf: bytes) -> list[str]:
    """The text of each page, spaces normalised (CLDR puts narrow ones before „г.“)."""
    return [
        re.sub(r"[\s\u00a0\u202f]+", " ", page.extract_text())
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def test_the_header_names_house_programme_group_and_the_day_in_bulgarian():
    pdf = attendance_sheet_pdf(_sheet([SheetRow(n, "KRN-0001") for n in NAMES]), HOUSE)
    (text,) = _pages(pdf)
    for part in (
        "Къща на семейството – Крън",
        "Бъдеще за всяко дете в Община Казанлък",
        "ПРИСЪСТВЕН СПИСЪК",
        "Програма: Училище за родители",
        "Група: Група „Слънчогледи“ (родители)",
        "Дата: понеделник, 1 март 2027 г.",
        "Час: 10:00–11:30 ч.",
        "Място: Голямата зала",
        "Водещ: Анелия Тодорова",
        "Тема: Общуване в семейството",
    ):
        assert part in text, part
    assert "Присъствен списък · отпечатано на" in text and "Страница 1 от 1" in text


def test_the_participants_are_numbered_in_cyrillic_with_a_signature_column():
    pdf = attendance_sheet_pdf(
        _sheet([SheetRow(n, f"KRN-000{i}") for i, n in enumerate(NAMES)]), HOUSE
    )
    (text,) = _pages(pdf)
    assert "№ Име и фамилия Семейство Присъствие Подпис" in text
    for i, name in enumerate(NAMES):
        assert f"{i + 1} {name} KRN-000{i}" in text
    # Numbered blank rows follow for those who come without being enrolled.
    assert "KRN-0002 4 5 6 7 8 Общо присъствали" in text


def test_a_childrens_group_asks_for_the_parents_signature():
    (text,) = _pages(
        attendance_sheet_pdf(_sheet([SheetRow("Калина Борисова Щерева")], for_children=True), HOUSE)
    )
    assert "Подпис на родител" in text


def test_the_page_is_a4_with_dejavu_embedded_and_no_other_font():
    reader = PdfReader(io.BytesIO(attendance_sheet_pdf(_sheet([SheetRow(NAMES[0])]), HOUSE)))
    page = reader.pages[0]
    assert (
        round(float(page.mediabox.width), 1),
        round(float(page.mediabox.height), 1),
    ) == A4_POINTS
    fonts = page["/Resources"]["/Font"]
    names = set()
    for ref in fonts.values():
        font = ref.get_object()
        names.add(str(font["/BaseFont"]))
        descendant = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor  # the TrueType program is embedded
    assert names and all("DejaVuSans" in n for n in names), names
    assert any("Bold" in n for n in names)


def test_empty_before_the_session_and_with_the_marks_after_it():
    rows = [
        SheetRow(NAMES[0], "KRN-0001", "присъства"),
        SheetRow(NAMES[1], "KRN-0002", "извинен", note="Детето е болно."),
        SheetRow("Борис Асенов Асенов", "KRN-0003", "присъства", walk_in=True),
    ]
    (before,) = _pages(attendance_sheet_pdf(_sheet(rows, with_marks=False), HOUSE))
    assert not MARK.search(before)
    assert "Общо присъствали: ________" in before
    counts = (("Записани", 2), ("Присъствали", 2), ("Извинени", 1), ("Без записване", 1))
    (after,) = _pages(attendance_sheet_pdf(_sheet(rows, with_marks=True, counts=counts), HOUSE))
    assert f"1 {NAMES[0]} KRN-0001 присъства" in after
    assert "извинен" in after and "Детето е болно." in after
    assert "без записване" in after  # the walk-in is marked as such under the name
    assert "Записани: 2 · Присъствали: 2 · Извинени: 1 · Без записване: 1" in after
    for text in (before, after):
        assert "Водещ:" in text and "Изготвил:" in text and "(име, подпис)" in text


def test_a_long_list_breaks_across_pages_with_the_table_header_repeated():
    rows = [SheetRow(f"{NAMES[i % 3]} {i + 1}", f"KRN-{i + 1:04d}") for i in range(45)]
    pages = _pages(attendance_sheet_pdf(_sheet(rows), HOUSE))
    assert len(pages) >= 3
    for n, text in enumerate(pages, start=1):
        assert "Име и фамилия" in text and "Подпис" in text, n
        assert f"Страница {n} от {len(pages)}" in text
    assert "ПРИСЪСТВЕН СПИСЪК" in pages[0] and "ПРИСЪСТВЕН СПИСЪК" not in pages[1]
    everyone = " ".join(pages)
    assert all(f"KRN-{i:04d}" in everyone for i in range(1, 46))
    # The signatures close the list on the last page, with rows of the table above them.
    assert "Водещ: ___" in pages[-1] and "Водещ: ___" not in pages[0]
    table_part = pages[-1].split("Подпис", 1)[1].split("Общо присъствали")[0]
    assert len(re.findall(r"\b\d+\b", table_part)) >= 2


def test_the_service_prints_a_planned_session_empty_and_a_held_one_with_marks(
    house_db, admin, cast
):
    first, second, *_ = schedule_mondays(house_db, admin, cast.group.id)
    groups.record_attendance(
        house_db,
        admin,
        first.id,
        {cast.maria: "present", cast.elena: "absent"},
        walk_ins=[cast.boris],
    )
    (held,) = _pages(printing.attendance_sheet(house_db, first.id))
    assert "Къща на семейството – Крън" in held
    assert "Мария Петрова Иванова KRN-0001 присъства" in held
    assert "Елена Георгиева Димова KRN-0002 отсъства" in held
    assert "Борис Асенов Асенов" in held and "без записване" in held
    assert "Яна Борисова Асенова KRN-0003" in held
    assert "Записани: 3 · Присъствали: 2 · Отсъствали: 1 · Извинени: 0 · Без записване: 1" in held
    (planned,) = _pages(printing.attendance_sheet(house_db, second.id))
    assert "Дата: понеделник, 1 март 2027 г." in planned
    assert all(name in planned for name in NAMES)
    assert not MARK.search(planned) and "Общо присъствали" in planned
    # The same held session can be printed empty again, e.g. for a copy to sign.
    (again,) = _pages(printing.attendance_sheet(house_db, first.id, with_marks=False))
    assert "отсъства" not in again


def test_a_cancelled_session_has_no_sheet(house_db, admin, cast):
    session = schedule_mondays(house_db, admin, cast.group.id)[0]
    groups.cancel_session(house_db, admin, session.id)
    with pytest.raises(UserError) as err:
        printing.attendance_sheet(house_db, session.id)
    assert str(err.value) == "Срещата е отменена: няма присъствен списък за печат."
