"""Family cards: A4 sheets of bank-card-size cards whose barcodes a real decoder reads back."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from bgfuture_desk.db.models import Family, Person
from bgfuture_desk.documents.family_card import FamilyCardData, family_cards_pdf
from bgfuture_desk.documents.page import HouseHeader
from bgfuture_desk.domain.surnames import family_surname, plural_surname
from bgfuture_desk.errors import NotFoundError, UserError
from bgfuture_desk.services.house import settings
from bgfuture_desk.services.printouts import printing
from bgfuture_desk.services.unit import Actor

HOUSE = HouseHeader(
    name="Къща на семейството – Горно Черковище",
    settlement="с. Горно Черковище",
    address="ул. „Първа“ № 1",
    phone="0431 6 23 45",
)
A4_POINTS = (595.3, 841.9)


def _cards(n: int) -> list[FamilyCardData]:
    return [
        FamilyCardData(
            code=f"GCH-{i + 1:04d}",
            surname_line="Семейство Иванови",
            first_names=("Мария", "Георги", "Елена"),
            settlement="с. Горно Черковище",
        )
        for i in range(n)
    ]


def _text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _decoded(pdf: bytes, tmp_path: Path) -> list[set[str]]:
    """The barcodes a decoder finds on each page rendered at 200 dpi, as a scanner would see."""
    import zxingcpp

    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is missing: install poppler-utils (tools/system-deps.sh)"
    source = tmp_path / "cards.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [pdftoppm, "-r", "200", "-png", str(source), str(tmp_path / "page")], check=True, timeout=60
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    return [{b.text for b in zxingcpp.read_barcodes(Image.open(png))} for png in pages]


def test_card_sheet_is_a4_and_shows_code_family_and_house():
    pdf = family_cards_pdf(_cards(3), HOUSE)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == A4_POINTS
    text = reader.pages[0].extract_text()
    for code in ("GCH-0001", "GCH-0002", "GCH-0003"):
        assert code in text
    assert "Семейство Иванови" in text
    assert "Мария, Георги, Елена" in text
    assert "Къща на семейството – Горно Черковище" in text
    assert "Бъдеще за всяко дете" in text
    assert "Телефон на Къщата: 0431 6 23 45" in text
    assert "Страница 1 от 1" in text


def test_only_dejavu_is_used_and_it_is_embedded():
    page = PdfReader(io.BytesIO(family_cards_pdf(_cards(1), HOUSE))).pages[0]
    fonts = [f.get_object() for f in page["/Resources"]["/Font"].values()]
    names = sorted(str(f["/BaseFont"]).split("+")[-1] for f in fonts)
    assert names == ["DejaVuSans", "DejaVuSans-Bold"]
    for font in fonts:
        assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_ten_cards_fit_a_page_so_23_cards_make_3_pages():
    pages = _text(family_cards_pdf(_cards(23), HOUSE))
    assert len(pages) == 3
    assert "GCH-0010" in pages[0] and "GCH-0011" not in pages[0]
    assert "GCH-0011" in pages[1] and "GCH-0020" in pages[1]
    assert "GCH-0023" in pages[2]
    assert "Страница 3 от 3" in pages[2]
    assert "Семейни карти · отпечатано на" in pages[2]


def test_every_barcode_on_every_page_reads_back(tmp_path):
    cards = _cards(12)
    # A custom house's longer code gets narrower bars and must still be read.
    cards[11] = FamilyCardData("ABCD-12345", "Семейство Али", ("Айше",), "гр. Крън")
    found = _decoded(family_cards_pdf(cards, HOUSE), tmp_path)
    assert found == [
        {f"GCH-{i:04d}" for i in range(1, 11)},
        {"GCH-0011", "ABCD-12345"},
    ]


def test_a_large_family_is_shortened_not_spilled():
    many = tuple(f"Александрина{i}" for i in range(20))
    card = FamilyCardData("GCH-0001", "Семейство Христозовски-Константинови", many, "")
    text = _text(family_cards_pdf([card], HOUSE))[0]
    assert "Александрина0" in text
    assert "Александрина19" not in text
    assert "…" in text


def test_no_cards_is_a_mistake():
    with pytest.raises(ValueError):
        family_cards_pdf([], HOUSE)


@pytest.mark.parametrize(
    ("last_name", "plural"),
    [
        ("Иванов", "Иванови"),
        ("Иванова", "Иванови"),
        ("Петков", "Петкови"),
        ("Георгиев", "Георгиеви"),
        ("Георгиева", "Георгиеви"),
        ("Петровска", "Петровски"),
        ("Петровски", "Петровски"),
        ("Али", "Али"),
        ("Мустафа", "Мустафа"),
        ("ИВАНОВА", "Иванови"),
        ("  иванов ", "Иванови"),
    ],
)
def test_family_names_take_the_plural_family_form(last_name, plural):
    assert plural_surname(last_name) == plural


def test_family_surname_is_the_most_common_last_name():
    assert family_surname(["Петрова", "Иванов", "Иванова"]) == "Иванови"
    assert family_surname(["Хасанова", "Али"]) == "Хасанови"  # a tie: the first one met
    assert family_surname(["", "  ", "Петков"]) == "Петкови"
    assert family_surname([]) == ""


def _family(db, code: str, members: list[tuple[str, str, str]]) -> uuid.UUID:
    """A family with (role, first name, last name) members, written straight to the file."""
    with db.unit(Actor.system(), "test_family") as uow:
        house_id = uow.house().id
        family = Family(
            house_id=house_id,
            code=code,
            settlement="гр. Крън",
            address="ул. „Тайна“ № 7",
            phone="0888123456",
        )
        uow.session.add(family)
        uow.session.flush()
        for role, first, last in members:
            child = role == "child"
            uow.session.add(
                Person(
                    house_id=house_id,
                    family_id=family.id,
                    role=role,
                    first_name=first,
                    last_name=last,
                    egn="7523169263" if not child else None,
                    birth_date=dt.date(2021, 5, 1) if child else dt.date(1990, 3, 2),
                )
            )
        uow.commit()
        return family.id


def test_printing_cards_reads_the_house_and_the_families(house_db, admin, tmp_path):
    settings.update_house(
        house_db,
        admin,
        name="Къща на семейството – Крън",
        settlement="гр. Крън",
        address="ул. „Розова“ № 3",
        phone="0431 6 23 45",
    )
    ivanovi = _family(
        house_db,
        "KRN-0001",
        [
            ("mother", "Мария", "Иванова"),
            ("father", "Георги", "Иванов"),
            ("child", "Елена", "Петрова"),
        ],
    )
    _family(house_db, "KRN-0002", [("mother", "Айше", "Али")])

    pdf = printing.family_cards(house_db, [str(ivanovi), "krn-2", "KRN-0001"])
    pages = _text(pdf)
    assert len(pages) == 1
    text = pages[0]
    assert "Семейство Иванови" in text
    assert "Георги, Мария, Елена" in text  # the registry's order: adults first, then children
    assert "Семейство Али" in text
    assert text.count("KRN-0001") == 1  # the same family asked for twice prints once
    assert "Къща на семейството – Крън" in text
    assert "0431 6 23 45" in text
    # Data minimisation: neither the ЕГН nor any address is printed.
    for private in ("7523169263", "Тайна", "Розова", "0888"):
        assert private not in text
    assert _decoded(pdf, tmp_path) == [{"KRN-0001", "KRN-0002"}]


def test_an_unknown_family_is_named_in_the_error(house_db):
    with pytest.raises(NotFoundError, match="KRN-0999"):
        printing.family_cards(house_db, ["KRN-0999"])
    missing = str(uuid.uuid4())
    with pytest.raises(NotFoundError, match=missing):
        printing.family_cards(house_db, [missing])
    with pytest.raises(UserError, match="поне едно семейство"):
        printing.family_cards(house_db, [])
