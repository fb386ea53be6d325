"""The toy library's printouts: label sheets whose barcodes a real decoder reads back, the
loan receipt and the overdue call list."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from bgfuture_desk.documents.page import HouseHeader
from bgfuture_desk.documents.toy_labels import ToyLabelData, toy_labels_pdf
from bgfuture_desk.errors import NotFoundError, UserError
from bgfuture_desk.services.house import settings
from bgfuture_desk.services.printouts import printing
from bgfuture_desk.services.toys import service as toys
from tests.unit.toys_data import BALL, LOTTO, PUZZLE, RATTLE, family, fix_today, toy


@pytest.fixture(autouse=True)
def _today(house_db):
    return fix_today(house_db)


HOUSE = HouseHeader(name="Къща на семейството – Крън", settlement="гр. Крън")
A4_POINTS = (595.3, 841.9)
NAMES = (
    "Дървен пъзел с животни",
    "Сортер с форми",
    "Лото с картинки „Животни“",
    "Кукла с дрехи",
    "Ксилофон",
    "Детска кухня – съдове и продукти",
)


def _labels(n: int, prefix: str = "KRN") -> list[ToyLabelData]:
    return [
        ToyLabelData(f"{prefix}-T-{i + 1:04d}", NAMES[i % len(NAMES)], "1–3 г.") for i in range(n)
    ]


def _text(pdf: bytes) -> list[str]:
    """Each page's text with its line breaks and runs of spaces as single spaces."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def _decoded(pdf: bytes, tmp_path: Path) -> list[set[str]]:
    """The barcodes a decoder finds on each page rendered at 200 dpi, as a scanner would see."""
    import zxingcpp

    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is missing: install poppler-utils (tools/system-deps.sh)"
    source = tmp_path / "labels.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [pdftoppm, "-r", "200", "-png", str(source), str(tmp_path / "page")], check=True, timeout=60
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    return [{b.text for b in zxingcpp.read_barcodes(Image.open(png))} for png in pages]


def test_label_sheet_is_a4_with_codes_and_cyrillic_names():
    pdf = toy_labels_pdf(_labels(6), house=HOUSE)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == A4_POINTS
    text = reader.pages[0].extract_text()
    for i in range(6):
        assert f"KRN-T-{i + 1:04d}" in text
    for name in NAMES:
        assert name in text
    assert "1–3 г." in text
    assert "Етикети за играчки · отпечатано на" in text and "Страница 1 от 1" in text


def test_only_dejavu_is_used_and_it_is_embedded():
    page = PdfReader(io.BytesIO(toy_labels_pdf(_labels(2)))).pages[0]
    fonts = [f.get_object() for f in page["/Resources"]["/Font"].values()]
    names = sorted(str(f["/BaseFont"]).split("+")[-1] for f in fonts)
    assert names == ["DejaVuSans", "DejaVuSans-Bold"]
    for font in fonts:
        assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_every_barcode_of_a_3x8_sheet_reads_back(tmp_path):
    labels = _labels(26)
    labels[25] = ToyLabelData("ABCD-T-123456", "Шах за начинаещи", "от 7 г.")  # a long code
    found = _decoded(toy_labels_pdf(labels, (3, 8)), tmp_path)
    assert found == [{f"KRN-T-{i:04d}" for i in range(1, 25)}, {"KRN-T-0025", "ABCD-T-123456"}]


@pytest.mark.parametrize("layout", [(4, 10), (2, 7), (1, 1)])
def test_other_layouts_read_back_too(tmp_path, layout):
    columns, rows = layout
    labels = _labels(columns * rows)
    found = _decoded(toy_labels_pdf(labels, layout), tmp_path)
    assert found == [{label.code for label in labels}]


def test_a_partly_used_sheet_skips_its_used_labels_and_long_names_are_shortened():
    long_name = "Голям комплект за ролеви игри „Малкият лекар“ с чанта и слушалки"
    pdf = toy_labels_pdf([ToyLabelData("KRN-T-0001", long_name)], (3, 8), skip=23)
    text = _text(pdf)[0]
    assert "KRN-T-0001" in text and "…" in text and long_name not in text
    assert len(_text(toy_labels_pdf(_labels(2), (3, 8), skip=23))) == 2  # the 2nd goes over


def test_impossible_layouts_are_refused():
    with pytest.raises(ValueError):
        toy_labels_pdf(_labels(1), (5, 8))
    with pytest.raises(ValueError):
        toy_labels_pdf([], (3, 8))
    for text in ("3x0", "9x9", "три", "3x20"):
        with pytest.raises(UserError, match="колони x редове, например 3x8"):
            printing.parse_layout(text)
    assert printing.parse_layout(" 3 × 7 ") == (3, 7)
    assert printing.parse_layout("2х7") == (2, 7)  # a Cyrillic х


def test_printing_labels_of_chosen_toys_or_the_whole_shelf(house_db, admin, tmp_path):
    for data in (PUZZLE, LOTTO, RATTLE, BALL):
        toy(house_db, admin, data)
    toys.set_toy_status(house_db, admin, toys.toy_by_code(house_db, "KRN-T-0003").id, "retired")
    chosen = printing.toy_labels(house_db, ["krn-t-2", "KRN-T-0004", "KRN-T-0002"])
    text = _text(chosen)[0]
    assert text.count("KRN-T-0002") == 1 and "KRN-T-0004" in text and "KRN-T-0001" not in text
    assert "Лото с картинки „Животни“" in text and "3–7 г." in text
    everything = printing.toy_labels(house_db, None, (2, 7))
    assert _decoded(everything, tmp_path) == [{"KRN-T-0001", "KRN-T-0002", "KRN-T-0004"}]
    with pytest.raises(NotFoundError, match="Няма играчка с код KRN-T-0099."):
        printing.toy_labels(house_db, ["KRN-T-0099"])


def test_the_receipt_lists_the_days_toys_the_family_and_the_due_date(house_db, admin):
    settings.update_house(
        house_db,
        admin,
        name="Къща на семейството – Крън",
        settlement="гр. Крън",
        address="",
        phone="0431 6 23 45",
    )
    kids = family(house_db, admin, "Иванов", dt.date(2024, 1, 5))
    for data in (PUZZLE, LOTTO, BALL):
        toy(house_db, admin, data)
    mother = kids.members[0]
    day = dt.date(2026, 11, 6)  # a Friday: due on Friday 20.11
    loans = toys.lend_toys(
        house_db, admin, kids.id, ["KRN-T-0001", "KRN-T-0003"], lent_on=day, person_id=mother.id
    )
    toys.lend_toys(house_db, admin, kids.id, ["KRN-T-0002"])  # another day: not on it
    text = " ".join(_text(printing.loan_receipt(house_db, str(loans[1].id))))
    assert "Разписка за заети играчки" in text
    assert "KRN-0001 · Семейство Иванови" in text and "Мария Иванова" in text
    assert "0888 123 456" in text and "Къща на семейството – Крън" in text
    assert "Дата на заемане: 06.11.2026" in text
    assert "Срок за връщане: 20.11.2026, петък" in text
    assert "KRN-T-0001" in text and "Дървен пъзел с животни" in text and "12" in text
    assert "KRN-T-0003" in text and "Топка с релефна повърхност" in text
    assert "KRN-T-0002" not in text
    assert "Общо 13" in text  # 12 pieces and 1
    assert "Моля, върнете играчките до 20.11.2026" in text
    with pytest.raises(NotFoundError, match="Няма заемане с идентификатор nonsense."):
        printing.loan_receipt(house_db, "nonsense")


def test_the_overdue_list_calls_the_most_overdue_family_first(house_db, admin):
    ivanovi = family(house_db, admin, "Иванов", dt.date(2024, 1, 5))
    petrovi = family(house_db, admin, "Петров", dt.date(2024, 1, 5), phone="0431 6 23 45")
    for data in (PUZZLE, LOTTO, BALL):
        toy(house_db, admin, data)
    toys.lend_toys(house_db, admin, ivanovi.id, ["KRN-T-0001"], lent_on=dt.date(2026, 11, 20))
    late = toys.lend_toys(
        house_db, admin, petrovi.id, ["KRN-T-0002", "KRN-T-0003"], lent_on=dt.date(2026, 11, 2)
    )
    toys.record_reminder(house_db, admin, late[0].id, dt.date(2026, 12, 1), "Няма отговор.")
    text = _text(printing.overdue_list(house_db))[0]
    assert "Просрочени играчки: списък за обаждане" in text
    assert "Към 08.12.2026: 2 семейства, 3 играчки." in text
    assert text.index("KRN-0002") < text.index("KRN-0001")
    assert "0431 6 23 45" in text and "0888 123 456" in text
    assert "22 дни закъснение" in text and "4 дни закъснение" in text
    assert "01.12.2026" in text and "1 обаждане" in text
    empty = _text(printing.overdue_list(house_db, dt.date(2026, 11, 1)))[0]
    assert "Няма просрочени играчки." in empty
