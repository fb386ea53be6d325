"""The administrator's audit browser: filtered, paged, in Bulgarian, never the values."""

from __future__ import annotations

import datetime as dt
import io
import uuid

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from bgfuture_desk.db.models import AuditEvent
from bgfuture_desk.errors import PermissionDeniedError, ValidationError
from bgfuture_desk.services.audit import browse, export, labels
from bgfuture_desk.services.families import erasure
from bgfuture_desk.services.users import service as users
from tests.unit.families_data import CHILD, EGN_GIRL, MOTHER, new_family


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.fixture
def assistant(house_db, admin):
    row = users.create_user(house_db, admin, username="anna", full_name="Анна Иванова",
                            role="assistant", password="pomosht-1234")  # fmt: skip
    return users.actor_of(row)


def test_newest_first_with_bulgarian_labels_and_the_family_code(house_db, admin):
    family = new_family(house_db, admin, MOTHER, CHILD)
    page = browse.browse_audit(house_db, admin, browse.AuditFilters(), limit=50)
    assert not page.more
    ats = [r.at for r in page.rows]
    assert ats == sorted(ats, reverse=True)
    created = [r for r in page.rows if r.action == "create_family" and r.entity == "families"]
    assert [r.record for r in created] == [f"семейство {family.code}"]
    assert created[0].action_label == "Регистрирано семейство"
    assert created[0].user == "Мария Петрова"
    people = [r for r in page.rows if r.action == "create_family" and r.entity == "people"]
    assert {r.record for r in people} == {f"лице {family.code}"}
    text = " ".join(f"{r.record} {r.action_label} {r.operation_label}" for r in page.rows)
    assert "Елена" not in text and EGN_GIRL not in text  # codes, never names or values


def test_filters_by_user_action_dates_and_record(house_db, admin, assistant):
    first = new_family(house_db, admin, MOTHER)
    second = new_family(house_db, assistant, CHILD)
    everything = browse.AuditFilters()
    by_anna = browse.browse_audit(house_db, admin, browse.AuditFilters(user_id=assistant.user_id))
    assert by_anna.rows and {r.user for r in by_anna.rows} == {"Анна Иванова"}
    logins = browse.browse_audit(house_db, admin, browse.AuditFilters(action="login"))
    assert logins.rows and {r.action for r in logins.rows} == {"login"}
    by_code = browse.browse_audit(house_db, admin, browse.AuditFilters(record=second.code.lower()))
    assert by_code.rows and {r.record.split()[-1] for r in by_code.rows} == {second.code}
    prefix = str(first.id)[:8]
    by_id = browse.browse_audit(house_db, admin, browse.AuditFilters(record=prefix))
    assert {r.entity_id for r in by_id.rows} == {str(first.id)}
    nothing = browse.browse_audit(house_db, admin, browse.AuditFilters(record="няма такова"))
    assert nothing.rows == []
    today = house_db.clock.today()
    in_range = browse.AuditFilters(date_from=today, date_to=today)
    assert len(browse.browse_audit(house_db, admin, in_range).rows) == len(
        browse.browse_audit(house_db, admin, everything).rows
    )
    tomorrow = today + dt.timedelta(days=1)
    later = browse.AuditFilters(date_from=tomorrow)
    assert browse.browse_audit(house_db, admin, later).rows == []
    with pytest.raises(ValidationError) as err:
        browse.browse_audit(house_db, admin, browse.AuditFilters(date_from=tomorrow, date_to=today))
    assert err.value.errors == {"date_to": "Краят на периода е преди началото му."}


def test_pages_follow_one_another_without_gaps(house_db, admin):
    for _ in range(3):
        new_family(house_db, admin, MOTHER, CHILD)
    whole = browse.browse_audit(house_db, admin, browse.AuditFilters(), limit=1000).rows
    seen = []
    offset = 0
    while True:
        page = browse.browse_audit(house_db, admin, browse.AuditFilters(), limit=4, offset=offset)
        seen += page.rows
        offset += 4
        if not page.more:
            break
    assert [r.event_id for r in seen] == [r.event_id for r in whole]


def test_only_an_administrator_browses_or_exports(house_db, admin, assistant):
    with pytest.raises(PermissionDeniedError):
        browse.browse_audit(house_db, assistant, browse.AuditFilters())
    with pytest.raises(PermissionDeniedError):
        export.audit_pdf(house_db, assistant, browse.AuditFilters())


def test_an_erased_person_shows_no_values(house_db, admin):
    family = new_family(house_db, admin, MOTHER, CHILD)
    child = next(m for m in family.members if m.role == "child")
    erasure.erase_person(house_db, admin, child.id)
    page = browse.browse_audit(house_db, admin, browse.AuditFilters(record=str(child.id)))
    assert page.rows
    assert "Лице, изтрито по искане" in {r.action_label for r in page.rows}
    shown = " ".join(str(vars(r)) for r in page.rows)
    assert "Елена" not in shown and EGN_GIRL not in shown


def test_every_action_of_the_program_has_a_bulgarian_label():
    for code, label in labels.action_choices():
        assert label != labels.ACTIONS[code], code  # translated
        assert any("а" <= ch.lower() <= "я" for ch in label), code


def test_the_pdf_names_the_choice_and_lists_the_events(house_db, admin, assistant):
    family = new_family(house_db, assistant, MOTHER, CHILD)
    filters = browse.AuditFilters(user_id=assistant.user_id, date_from=house_db.clock.today())
    pdf = export.audit_pdf(house_db, admin, filters)
    text = _text(pdf)
    assert "Одитна следа" in text
    assert "Потребител: Анна Иванова" in text
    assert family.code in text and "Регистрирано семейство" in text
    assert "Страница 1 от 1" in text
    assert EGN_GIRL not in text and "Елена" not in text
    with house_db.read() as session:
        [event] = session.scalars(select(AuditEvent).where(AuditEvent.action == "export_audit"))
    # the family and its two members
    assert event.user_id == admin.user_id and event.fields == {"events": 3}


def test_a_long_trail_is_cut_at_the_limit_and_says_so(house_db, admin):
    for _ in range(3):
        new_family(house_db, admin, MOTHER, CHILD)
    pdf = export.audit_pdf(house_db, admin, browse.AuditFilters(), limit=5)
    text = _text(pdf)
    assert "Показани са първите 5 събития" in text


def test_an_unknown_user_filter_reads_nothing(house_db, admin):
    page = browse.browse_audit(house_db, admin, browse.AuditFilters(user_id=uuid.uuid4()))
    assert page.rows == [] and not page.more


def test_a_family_code_finds_its_visits_too_named_by_the_code(house_db, admin):
    from bgfuture_desk.services.visits import service as visits

    family = new_family(house_db, admin, MOTHER, CHILD)
    new_family(house_db, admin, MOTHER)
    visits.check_in(house_db, admin, family_id=family.id,
                    person_ids=[m.id for m in family.members], purposes=["play"])  # fmt: skip
    page = browse.browse_audit(house_db, admin, browse.AuditFilters(record=family.code))
    records = {r.record for r in page.rows}
    assert f"посещение {family.code}" in records
    assert {r.record.split()[-1] for r in page.rows} == {family.code}
    assert "Отбелязано посещение" in {r.action_label for r in page.rows}
