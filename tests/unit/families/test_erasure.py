"""Erasure on request: what the desk shows afterwards, what the month still counts, and what
is left in the raw bytes of the house file."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from bgfuture_desk.db.models import AuditEvent, Consent, Person, Referral, Visit, VisitPerson
from bgfuture_desk.domain.clock import FixedClock
from bgfuture_desk.domain.erasure import erased_birth_date
from bgfuture_desk.domain.people import age_band
from bgfuture_desk.errors import PermissionDeniedError
from bgfuture_desk.services.consents import service as consents
from bgfuture_desk.services.consents.service import ConsentInput
from bgfuture_desk.services.families import erasure
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.queries import get_family, get_person
from bgfuture_desk.services.families.service import FamilyInput, PersonInput
from bgfuture_desk.services.referrals import service as referrals
from bgfuture_desk.services.referrals.service import ReferralInput
from bgfuture_desk.services.reports.indicators import count
from bgfuture_desk.services.reports.period import Period
from bgfuture_desk.services.users import service as users
from bgfuture_desk.services.visits import service as visits
from tests.cipher_pages import file_bytes

TODAY = dt.date(2026, 5, 25)
EGN = "1945140251"  # 14.05.2019, female: seven years old on 14 May 2026
NAME, LAST = "Радостина", "Кърджиева"
MOTHER_NAME = "Севдалина"
ADDRESS = "ул. „Незабравка“ 17"
PHONE = "0899 765 432"
REASON = "Детето е на улицата вечер"


@pytest.fixture(autouse=True)
def fixed_today(house_db):
    house_db.clock = FixedClock(TODAY)


@dataclasses.dataclass
class Home:
    family_id: object
    code: str
    mother_id: object
    child_id: object


@pytest.fixture
def home(house_db, admin) -> Home:
    family = families.create_family(
        house_db,
        admin,
        FamilyInput(settlement="гр. Крън", address=ADDRESS, phone=PHONE, notes="Бележка"),
        [
            PersonInput(role="mother", first_name=MOTHER_NAME, last_name=LAST,
                        birth_date=dt.date(1994, 9, 3), sex="female", phone="0877 111 222"),
            PersonInput(role="child", first_name=NAME, last_name=LAST, egn=EGN,
                        notes="Алергия към ягоди"),
        ],
        force=True,
    )
    mother = next(m for m in family.members if m.role == "mother")
    child = next(m for m in family.members if m.role == "child")
    # the child is six on 10 May and seven on 20 May: the band changes inside the month
    for day in (dt.date(2026, 5, 10), dt.date(2026, 5, 20)):
        visits.check_in(house_db, admin, family_id=family.id, person_ids=[mother.id, child.id],
                        purposes=["play"], at=dt.datetime.combine(day, dt.time(10)),
                        checked_out_at=dt.datetime.combine(day, dt.time(11)),
                        notes=f"Дойде с {NAME}")
    families.update_person(house_db, admin, child.id, dataclasses.replace(
        PersonInput(role="child", first_name=NAME, last_name=LAST, egn=EGN),
        notes="Поправено"))
    consents.record_consents(house_db, admin, ConsentInput(
        kind="personal_data", version=1, person_ids=(child.id,), signed_by_id=mother.id,
        purposes=("registration",), given_on=dt.date(2026, 5, 10)))
    institution = next(i for i in referrals.list_institutions(house_db))
    referrals.create_referral(house_db, admin, ReferralInput(
        person_id=child.id, family_id=None, institution_id=institution.id, specialist_id=None,
        reason=REASON, urgency="soon", steps_taken=f"Разговор с {MOTHER_NAME}",
        consent_to_share=True, issued_on=dt.date(2026, 5, 20)))
    return Home(family.id, family.code, mother.id, child.id)


def month_counts(db, first=dt.date(2026, 5, 1), last=dt.date(2026, 5, 31)):
    """What a monthly report counts: visits, and people by age band and sex on the day."""
    with db.read() as session:
        rows = session.execute(
            select(Visit.checked_in_at, Person.birth_date, Person.sex, Person.role)
            .join(VisitPerson, VisitPerson.visit_id == Visit.id)
            .join(Person, Person.id == VisitPerson.person_id)
            .where(Visit.checked_in_at >= first, Visit.checked_in_at <= last)
        ).all()
        visits_n = len(set(session.scalars(select(Visit.id).where(Visit.deleted_at.is_(None)))))
        referrals_n = len(session.scalars(select(Referral.id)).all())
        consents_n = len(session.scalars(select(Consent.id)).all())
    bands = Counter((age_band(born, at.date()), sex, role) for at, born, sex, role in rows)
    # the reports take the age on the last day of the period
    at_end = Counter((age_band(born, last), sex) for _at, born, sex, _role in rows)
    return visits_n, bands, at_end, referrals_n, consents_n


def raw_bytes(path: Path) -> bytes:
    """The file and its WAL as a grep sees them once decrypted: an erasure must leave no trace
    in the pages, free space included, even for whoever holds the key."""
    return file_bytes(path)


def monthly_report(db) -> list[dict]:
    """The report the coordinator sends (``services.reports``), figures and splits."""
    periods = [Period.parse("2026-05"), Period.parse("2026-01", "2026-12")]
    return [[(f.key, f.values, f.by_sex_age) for f in count(db, p).figures] for p in periods]


def test_an_erased_person_is_anonymised_and_the_months_counts_stay(house_db, admin, home):
    before = month_counts(house_db)
    report_before = monthly_report(house_db)
    may = {key: values for key, values, _split in report_before[0]}
    assert may["children_reached"]["total"] >= 1  # the child erased below is counted in May
    assert NAME.encode() in raw_bytes(house_db.path)  # the grep below can find it

    result = erasure.erase_person(house_db, admin, home.child_id)

    assert (result.family_code, result.people, result.file_clean) == (home.code, 1, True)
    person = get_person(house_db, home.child_id)
    assert person.full_name == "Изтрито лице"
    assert (person.egn, person.phone, person.notes, person.last_name) == (None, "", "", "")
    assert person.birth_date is not None and person.birth_date.year == 2019
    assert person.sex == "female"
    family = get_family(house_db, home.family_id)
    assert family.address == ADDRESS  # the rest of the family stays as it was
    assert month_counts(house_db) == before
    assert monthly_report(house_db) == report_before
    with house_db.read() as session:
        referral = session.scalars(select(Referral)).one()
    assert (referral.reason, referral.steps_taken, referral.status) == ("", "", "issued")
    data = raw_bytes(house_db.path)
    for trace in (NAME, EGN, "Алергия", REASON, "adostina"):
        assert trace.encode() not in data, trace
    assert MOTHER_NAME.encode() in data  # the mother was not erased


def test_the_audit_keeps_who_erased_whom_and_when_without_the_data(house_db, admin, home):
    erasure.erase_person(house_db, admin, home.child_id)

    with house_db.read() as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.entity_id == str(home.child_id))
        ).all()
    erased = [e for e in events if e.operation == "erase"]
    assert len(erased) == 1
    assert erased[0].user_id == admin.user_id and erased[0].action == "erase_person"
    assert erased[0].fields == {"on_request": True, "people": 1}
    assert {e.operation for e in events} >= {"insert", "update", "erase"}
    text = repr([e.fields for e in events])
    assert NAME not in text and LAST not in text and "Алергия" not in text


def test_a_whole_family_is_erased_and_archived(house_db, admin, home):
    before = month_counts(house_db)

    result = erasure.erase_family(house_db, admin, home.family_id)

    assert result.people == 2
    family = get_family(house_db, home.family_id)
    assert family.archived
    assert (family.address, family.phone, family.notes) == ("", "", "")
    assert [m.full_name for m in family.members] == ["Изтрито лице", "Изтрито лице"]
    assert month_counts(house_db) == before
    data = raw_bytes(house_db.path)
    for trace in (NAME, MOTHER_NAME, LAST, EGN, ADDRESS, "765 432", "0899765432", REASON):
        assert trace.encode() not in data, trace


def test_the_confirmation_names_whom_the_erasure_reaches(house_db, home):
    assert erasure.person_preview(house_db, home.child_id).names == (f"{NAME} {LAST}",)
    preview = erasure.family_preview(house_db, home.family_id)
    assert preview.family_code == home.code
    assert sorted(preview.names) == sorted([f"{NAME} {LAST}", f"{MOTHER_NAME} {LAST}"])


def test_an_assistant_may_not_erase(house_db, admin, home):
    users.create_user(house_db, admin, username="gergana", full_name="Гергана Колева",
                      role="assistant", password="parola-456")
    assistant = users.actor_of(users.authenticate(house_db, "gergana", "parola-456"))

    with pytest.raises(PermissionDeniedError, match="администратор"):
        erasure.erase_person(house_db, assistant, home.child_id)

    assert get_person(house_db, home.child_id).egn == EGN


def test_the_birth_date_keeps_only_the_year_and_every_band():
    born = dt.date(2019, 5, 14)
    assert erased_birth_date(born, [dt.date(2025, 10, 3)]) == dt.date(2019, 1, 1)
    assert erased_birth_date(born, [dt.date(2022, 1, 20)]) == dt.date(2019, 7, 1)  # still 2
    tight = erased_birth_date(born, [dt.date(2026, 5, 10), dt.date(2026, 5, 20)])
    assert tight is not None and dt.date(2019, 5, 11) <= tight <= dt.date(2019, 5, 20)
    # a report over the year takes the age on 31 December: still the same band
    later = erased_birth_date(born, [dt.date(2025, 10, 3)], until=dt.date(2026, 12, 7))
    assert later is not None and later.year == 2019
    assert age_band(later, dt.date(2026, 4, 30)) == age_band(born, dt.date(2026, 4, 30))
    assert age_band(later, dt.date(2026, 5, 31)) == age_band(born, dt.date(2026, 5, 31))
    assert erased_birth_date(None, []) is None
