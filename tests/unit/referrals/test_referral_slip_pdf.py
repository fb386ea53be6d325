"""The referral slip: one A4 page in DejaVu, the person's minimal identification (no ЕГН),
the parts an institution needs, and the tear-off feedback part."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from pypdf import PdfReader

from bgfuture_desk.db.models import Specialist
from bgfuture_desk.documents.page import HouseHeader
from bgfuture_desk.documents.referral_slip import ReferralSlipData, referral_slip_pdf
from bgfuture_desk.domain.vocab import Urgency
from bgfuture_desk.errors import NotFoundError
from bgfuture_desk.services.referrals import printout as referrals_print
from bgfuture_desk.services.referrals import service as referrals
from bgfuture_desk.services.referrals.service import ReferralInput
from tests.unit.families_data import CHILD, EGN_GIRL, MOTHER, new_family

A4_POINTS = (595.3, 841.9)
HOUSE = HouseHeader("Къща на семейството – Крън", "гр. Крън", "ул. „Розова“ № 3", "0431 6 23 45")


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def fonts_embedded(page) -> set[str]:
    names = set()
    for ref in page["/Resources"]["/Font"].values():
        font = ref.get_object()
        names.add(str(font["/BaseFont"]))
        inner = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        assert "/FontFile2" in inner["/FontDescriptor"].get_object()
    return names


def _slip(**changes) -> ReferralSlipData:
    data = ReferralSlipData(
        number="KRN-N-2026-0012",
        issued_on=dt.date(2026, 11, 18),
        specialist="Петя Стоянова, социален работник",
        phone="0888 456 857",
        institution="Отдел „Закрила на детето“ (ОЗД)",
        institution_contact="ул. „Княз Александър Батенберг“ 1 · тел. 0431 6 11 22",
        person="Елена Иванова",
        birth_date=dt.date(2019, 5, 14),
        family_code="KRN-0001",
        settlement="гр. Крън",
        reason="Детето не посещава детска градина.",
        urgency="soon",
        urgencies=tuple(Urgency.choices()),
        steps_taken="Разговор с майката.",
        consent_to_share=True,
        return_to="Къща на семейството – Крън, гр. Крън · тел. 0431 6 23 45",
    )
    return dataclasses.replace(data, **changes)


def test_the_slip_carries_every_mandatory_part_on_one_a4_page():
    pdf = referral_slip_pdf(_slip(), HOUSE, printed_on=dt.date(2026, 11, 22))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == (
        A4_POINTS
    )
    names = fonts_embedded(page)
    assert names and all("DejaVuSans" in n for n in names)
    text = _text(pdf)
    for part in (
        "НАПРАВЛЕНИЕ № KRN-N-2026-0012",
        "от 18 ноември 2026 г.",
        "Къща на семейството – Крън",
        "Петя Стоянова, социален работник",
        "0888 456 857",
        "Отдел „Закрила на детето“ (ОЗД)",
        "Елена Иванова",
        "14.05.2019",
        "KRN-0001",
        "Причина за насочването",
        "Детето не посещава детска градина.",
        "Спешност",
        "в близките дни",
        "Разговор с майката.",
        "Дадено:",
        "откъснете тук",
        "ОБРАТНА ИНФОРМАЦИЯ",
        "по направление № KRN-N-2026-0012 от 18.11.2026",
        "Дата на приемане",
        "Предприети действия",
        "За институцията",
        "Моля, върнете тази част на",
    ):
        assert part in text, part
    assert text.count("Елена Иванова") == 2  # the person is repeated on the feedback part


def test_without_consent_the_slip_says_so():
    text = _text(referral_slip_pdf(_slip(consent_to_share=False), HOUSE))
    assert "Не е дадено" in text and "Дадено:" not in text


def test_a_very_long_reason_still_fits_on_one_page():
    reason = " ".join(["Семейството има нужда от подкрепа при записването в детска градина."] * 40)
    pdf = referral_slip_pdf(_slip(reason=reason, steps_taken=reason), HOUSE)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = _text(pdf)
    assert "ОБРАТНА ИНФОРМАЦИЯ" in text and "НАПРАВЛЕНИЕ" in text


@pytest.fixture
def referral(house_db, admin):
    family = new_family(house_db, admin, MOTHER, CHILD)
    child = next(m for m in family.members if m.role == "child")
    with house_db.unit(admin, "test_specialist") as uow:
        worker = Specialist(
            house_id=uow.house().id, full_name="Петя Стоянова", kind="social_worker", phone=""
        )
        uow.session.add(worker)
        uow.commit()
    ozd = next(i for i in referrals.list_institutions(house_db) if "ОЗД" in i.name)
    data = ReferralInput(
        person_id=child.id,
        family_id=None,
        institution_id=ozd.id,
        specialist_id=worker.id,
        reason="Детето не посещава детска градина.",
        urgency="urgent",
        steps_taken="",
        consent_to_share=False,
        issued_on=dt.date.today(),
    )
    return referrals.create_referral(house_db, admin, data)


def test_the_service_prints_the_referral_of_the_house_without_the_egn(house_db, referral):
    pdf = referrals_print.referral_slip(house_db, str(referral.id))
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    text = _text(pdf)
    assert f"НАПРАВЛЕНИЕ № {referral.number}" in text
    assert "Къща на семейството – Крън" in text
    assert "Елена Иванова" in text and "14.05.2019" in text and "KRN-0001" in text
    assert "Петя Стоянова, социален работник" in text
    assert "☒ спешно" in text
    assert EGN_GIRL not in text and "ЕГН" not in text
    assert "Не е дадено" in text


@pytest.mark.parametrize("key", ["not-an-id", "00000000-0000-0000-0000-000000000000"])
def test_an_unknown_referral_is_a_bulgarian_not_found(house_db, key):
    with pytest.raises(NotFoundError) as err:
        referrals_print.referral_slip(house_db, key)
    assert "Няма направление" in err.value.message
