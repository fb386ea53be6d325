"""The printed consent forms: pre-filled, complete, in an embedded Cyrillic font, on A4."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from bgfuture_desk.errors import NotFoundError
from bgfuture_desk.i18n import format_date_long
from bgfuture_desk.services.consents import service as consents
from bgfuture_desk.services.consents.printout import consent_form_data, consent_forms
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.service import FamilyInput, PersonInput

TODAY = dt.date.today()
RIGHTS = (
    "достъп",
    "коригиране",
    "изтриване",
    "ограничаване",
    "възражение",
    "преносимост",
    "оттегляне на съгласието по всяко време",
    "жалба до Комисията за защита на личните данни (КЗЛД)",
)


def _flat(text: str) -> str:
    """One space for any run of spaces, line breaks, no-break and narrow spaces."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def _text(pdf: bytes) -> str:
    return _flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture
def family(house_db, admin):
    members = [
        PersonInput(
            role="father", first_name="Георги", last_name="Иванов", birth_date=dt.date(1988, 2, 1)
        ),
        PersonInput(
            role="mother",
            first_name="Мария",
            middle_name="Петрова",
            last_name="Иванова",
            birth_date=dt.date(1992, 3, 8),
        ),
        PersonInput(
            role="child", first_name="Елена", last_name="Иванова", birth_date=dt.date(2021, 6, 1)
        ),
        PersonInput(
            role="child", first_name="Петър", last_name="Иванов", birth_date=dt.date(2018, 9, 3)
        ),
    ]
    return families.create_family(
        house_db, admin, FamilyInput(settlement="гр. Крън"), members, force=True
    )


def _member(family, first_name: str):
    return next(m for m in family.members if m.first_name == first_name)


def test_the_forms_carry_names_house_date_rights_and_every_purpose(house_db, family):
    text = _text(consent_forms(house_db, family.code))
    assert "Мария Петрова Иванова" in text  # the mother signs before the father
    assert "Елена Иванова (р. 01.06.2021)" in text
    assert "Петър Иванов (р. 03.09.2018)" in text
    assert "Георги Иванов" not in text
    assert "Къща на семейството – Крън" in text
    assert family.code in text
    assert _flat(format_date_long(TODAY)) in text
    assert "Декларация за информирано съгласие за обработване на лични данни" in text
    assert "Съгласие за заснемане и използване на снимки и видеозаписи" in text
    assert "СНЦ „Бъдеще за децата“" in text and "бул. „Розова долина“ № 6, 6100 Казанлък" in text
    for right in RIGHTS:
        assert right in text, right
    assert "„КЗЛД“" in text or "КЗЛД" in text
    assert "под 14 години" in text and "родител или настойник" in text
    assert "Свидетел:" in text
    for kind in ("personal_data", "photo"):
        for label in consents.current_form(house_db, kind).body["purposes"].values():
            assert _flat(label) in text, label


def test_one_empty_box_is_drawn_for_every_purpose(house_db, family):
    pdf = consent_forms(house_db, family.code)
    boxes = 0
    for page in PdfReader(io.BytesIO(pdf)).pages:
        content = page.get_contents().get_data().decode("latin-1")
        boxes += len(re.findall(r"11\.90551 11\.90551 re S", content))
    purposes = sum(
        len(consents.current_form(house_db, kind).body["purposes"])
        for kind in ("personal_data", "photo")
    )
    assert boxes == purposes == 9


def test_the_font_is_embedded_and_the_page_is_a4(house_db, family):
    reader = PdfReader(io.BytesIO(consent_forms(house_db, family.code)))
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - 595) <= 1
        assert abs(float(page.mediabox.height) - 842) <= 1
        fonts = page["/Resources"]["/Font"]
        assert fonts
        for ref in fonts.values():
            font = ref.get_object()
            assert "DejaVu" in font["/BaseFont"]
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            assert "/FontFile2" in descendant["/FontDescriptor"].get_object()


def test_a_childs_id_prints_for_the_mother_and_that_child_only(house_db, family):
    forms = consent_form_data(house_db, str(_member(family, "Елена").id))
    assert [f.kind for f in forms] == ["personal_data", "photo"]
    assert {(f.signer, f.children) for f in forms} == {
        ("Мария Петрова Иванова", ("Елена Иванова (р. 01.06.2021)",))
    }


def test_an_adults_id_prints_for_that_adult_and_the_children(house_db, family):
    [form, _photo] = consent_form_data(house_db, str(_member(family, "Георги").id))
    assert form.signer == "Георги Иванов"
    assert len(form.children) == 2
    assert form.family_code == family.code and form.day == TODAY


def test_the_family_code_may_be_typed_loosely(house_db, family):
    [form, _photo] = consent_form_data(house_db, family.code.lower().replace("-000", "-"))
    assert form.family_code == family.code


def test_an_unknown_id_says_so(house_db):
    with pytest.raises(NotFoundError, match="Няма лице или семейство"):
        consent_forms(house_db, "00000000-0000-4000-8000-000000000000")
