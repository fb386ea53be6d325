"""Subject access (GDPR art. 15): the PDF holds everything the house keeps about a person."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from bgfuture_desk.db.models import Consent
from bgfuture_desk.errors import NotFoundError
from bgfuture_desk.services.families import subject_access
from bgfuture_desk.services.referrals import service as referrals
from bgfuture_desk.services.referrals.service import ReferralInput
from bgfuture_desk.services.visits import service as visits
from tests.unit.families_data import CHILD, EGN_GIRL, MOTHER, new_family
from tests.unit.referrals.test_referral_slip_pdf import A4_POINTS, fonts_embedded


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.fixture
def person(house_db, admin):
    """A child with a visit, a consent signed by her mother and a referral."""
    family = new_family(house_db, admin, MOTHER, CHILD)
    child = next(m for m in family.members if m.role == "child")
    mother = next(m for m in family.members if m.role == "mother")
    moment = dt.datetime.combine(dt.date.today() - dt.timedelta(days=2), dt.time(10, 15))
    visits.check_in(
        house_db,
        admin,
        family_id=family.id,
        person_ids=[child.id, mother.id],
        purposes=["play"],
        at=moment,
        checked_out_at=moment + dt.timedelta(hours=1),
    )
    with house_db.unit(admin, "record_consents") as uow:
        uow.session.add(
            Consent(
                house_id=uow.house().id,
                person_id=child.id,
                signed_by_id=mother.id,
                family_id=family.id,
                kind="personal_data",
                version=1,
                purposes=["registration", "referrals"],
                method="signed",
                given_on=dt.date(2026, 3, 12),
            )
        )
        uow.commit()
    ozd = next(i for i in referrals.list_institutions(house_db) if "ОЗД" in i.name)
    referrals.create_referral(
        house_db,
        admin,
        ReferralInput(
            person_id=child.id,
            family_id=None,
            institution_id=ozd.id,
            specialist_id=None,
            reason="Нужда от подкрепа за детска градина",
            urgency="routine",
            steps_taken="",
            consent_to_share=True,
            issued_on=dt.date.today(),
        ),
    )
    return child


def test_the_report_holds_everything_about_the_person(house_db, person):
    pdf = subject_access.subject_access(house_db, str(person.id))
    reader = PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == (
        A4_POINTS
    )
    assert all("DejaVuSans" in n for n in fonts_embedded(page))
    text = _text(pdf)
    for part in (
        "СПРАВКА ЗА ЛИЧНИТЕ ДАННИ",
        "чл. 15 от Регламент (ЕС) 2016/679",
        "Къща на семейството – Крън",
        "Администратор на личните данни",
        "КЗЛД",
        "Елена Иванова",
        EGN_GIRL,  # the person's own ЕГН: she asked for her data
        "14.05.2019",
        "KRN-0001",
        "Мария Петрова Иванова",  # the family's members
        "1. Регистрационни данни",
        "Посещения",
        "игра",
        "11:15",
        "Групи",
        "Лицето не е участвало в групи.",
        "Заети играчки от семейството",
        "Съгласия",
        "лични данни, версия 1",
        "12.03.2026",
        "подписал(а): Мария Петрова Иванова",
        "Направления",
        f"KRN-N-{dt.date.today().year}-0001",
        "Нужда от подкрепа за детска градина",
        "издадено",
        "Дневник на промените",
        "лични данни",
        "въведен",
    ):
        assert part in text, part
    assert "отпечатано на" in text and " г." in text  # the Bulgarian long date in the footer


def test_long_histories_break_across_pages_with_repeated_headers(house_db, admin, person):
    start = dt.datetime.combine(dt.date.today() - dt.timedelta(days=200), dt.time(9, 0))
    for n in range(60):
        moment = start + dt.timedelta(days=3 * n)
        visits.check_in(
            house_db,
            admin,
            family_id=person.family_id,
            person_ids=[person.id],
            purposes=["consultation"],
            at=moment,
            checked_out_at=moment + dt.timedelta(minutes=30),
        )
    pages = [
        p.extract_text()
        for p in PdfReader(io.BytesIO(subject_access.subject_access(house_db, person.id))).pages
    ]
    assert len(pages) >= 3
    with_header = [p for p in pages if "Дата\nЧас\nЦели" in p]
    assert len(with_header) >= 2  # the visits' table header repeats on the next page
    assert all(f"от {len(pages)}" in p for p in pages)


@pytest.mark.parametrize("key", ["KRN-0001", "00000000-0000-0000-0000-000000000000"])
def test_an_unknown_person_is_a_bulgarian_not_found(house_db, key):
    with pytest.raises(NotFoundError) as err:
        subject_access.subject_access(house_db, key)
    assert "Няма лице" in err.value.message
