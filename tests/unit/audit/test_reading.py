"""Reading a person's full record leaves a trace: who looked at whom, when; nothing more."""

from __future__ import annotations

from sqlalchemy import select

from bgfuture_desk.db.models import AuditEvent
from bgfuture_desk.services.audit import browse
from bgfuture_desk.services.consents import printout
from bgfuture_desk.services.families import subject_access
from bgfuture_desk.services.unit import Actor
from tests.unit.families_data import CHILD, MOTHER, new_family


def _reads(db) -> list[AuditEvent]:
    with db.read() as session:
        query = select(AuditEvent).where(AuditEvent.operation == "read").order_by(AuditEvent.at)
        return list(session.scalars(query))


def test_the_art_15_report_records_who_read_whom(house_db, admin):
    family = new_family(house_db, admin, MOTHER, CHILD)
    child = next(m for m in family.members if m.role == "child")
    subject_access.subject_access(house_db, str(child.id))
    [event] = _reads(house_db)
    assert (event.action, event.entity, event.entity_id) == (
        "view_subject_access", "people", str(child.id)
    )
    assert event.user_id == admin.user_id
    assert event.fields == {}  # the id of the record, no personal data
    # the administrator sees it in the browser, in Bulgarian
    page = browse.browse_audit(house_db, admin, browse.AuditFilters(action="view_subject_access"))
    [row] = page.rows
    assert row.action_label == "Справка за данните на лице (чл. 15)"
    assert row.operation_label == "прегледан"
    assert row.record == f"лице {family.code}"


def test_the_consent_forms_record_the_signer_and_the_children(house_db, admin):
    family = new_family(house_db, admin, MOTHER, CHILD)
    printout.consent_forms(house_db, family.code)
    events = _reads(house_db)
    assert {e.action for e in events} == {"view_consent_forms"}
    assert {e.entity_id for e in events} == {str(m.id) for m in family.members}
    assert all(e.fields == {} and e.user_id == admin.user_id for e in events)


def test_the_command_line_reads_as_the_program(house_db, admin):
    family = new_family(house_db, admin, MOTHER, CHILD)
    house_db.signed_in = None
    printout.consent_forms(house_db, family.code)
    assert {e.user_id for e in _reads(house_db)} == {None}
    assert Actor.system().user_id is None


def test_the_next_report_shows_the_earlier_reading(house_db, admin):
    family = new_family(house_db, admin, MOTHER, CHILD)
    child = next(m for m in family.members if m.role == "child")
    subject_access.subject_access_data(house_db, str(child.id))
    data = subject_access.subject_access_data(house_db, str(child.id))
    changes = data.sections[-1]
    assert any(row[3] == "прегледан" for row in changes.rows)
    assert len(_reads(house_db)) == 2
