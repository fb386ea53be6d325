"""Every change is attributable: the audit trail is written with the change, or not at all."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bgfuture_desk.db.models import AuditEvent, Family, Person, Setting, User
from bgfuture_desk.errors import ValidationError
from bgfuture_desk.services.house import settings
from bgfuture_desk.services.users import service as users


def _events(db, **where) -> list[AuditEvent]:
    with db.read() as session:
        query = select(AuditEvent).order_by(AuditEvent.at, AuditEvent.created_at)
        for column, value in where.items():
            query = query.where(getattr(AuditEvent, column) == value)
        return list(session.scalars(query))


def _count(db, model) -> int:
    with db.read() as session:
        return len(session.scalars(select(model)).all())


def _add_family(db, actor, action="register_family"):
    with db.unit(actor, action) as uow:
        house = uow.house()
        family = Family(house_id=house.id, code="KRN-0001", settlement="гр. Крън")
        uow.session.add(family)
        uow.session.flush()
        person = Person(
            house_id=house.id,
            family_id=family.id,
            role="mother",
            first_name="Мария",
            last_name="Иванова",
            egn="7523169263",
        )
        uow.session.add(person)
        uow.commit()
        return family.id, person.id


def test_create_user_is_recorded_with_actor_action_entity_and_fields(house_db, admin):
    row = users.create_user(
        house_db,
        admin,
        username="gergana",
        full_name="Гергана Иванова",
        role="assistant",
        password="parola-456",
    )
    [event] = _events(house_db, action="create_user")
    assert event.user_id == admin.user_id
    assert (event.entity, event.entity_id, event.operation) == ("users", str(row.id), "insert")
    assert event.fields["username"] == "gergana"
    assert event.fields["full_name"] == "Гергана Иванова"
    assert event.fields["role"] == "assistant"
    assert event.fields["password_hash"] == "***"  # never the hash itself
    assert event.house_id is not None


def test_set_password_is_recorded_masked(house_db, admin):
    users.set_password(house_db, admin, admin.user_id, "nova-parola", "nova-parola")
    [event] = _events(house_db, action="set_password")
    assert (event.user_id, event.entity_id, event.operation) == (
        admin.user_id,
        str(admin.user_id),
        "update",
    )
    assert event.fields == {"password_hash": "***"}


def test_update_user_records_only_the_changed_fields(house_db, admin):
    users.update_user(
        house_db, admin, admin.user_id, full_name="Мария Колева", role="admin", active=True
    )
    [event] = _events(house_db, action="update_user")
    assert event.fields == {"full_name": "Мария Колева"}


def test_login_is_recorded_as_the_user_who_logged_in(house_db, admin):
    events = _events(house_db, action="login")
    assert events and events[-1].user_id == admin.user_id
    assert set(events[-1].fields) == {"last_login_at"}


def test_records_of_one_action_share_its_audit_and_egn_is_masked(house_db, admin):
    family_id, person_id = _add_family(house_db, admin)
    events = _events(house_db, action="register_family")
    assert {(e.entity, e.entity_id, e.operation) for e in events} == {
        ("families", str(family_id), "insert"),
        ("people", str(person_id), "insert"),
    }
    assert all(e.user_id == admin.user_id for e in events)
    person_event = next(e for e in events if e.entity == "people")
    assert person_event.fields["first_name"] == "Мария"
    assert person_event.fields["egn"] == "***"


def test_settings_and_house_changes_are_recorded(house_db, admin):
    settings.update_settings(house_db, admin, {"loan_days": 21})
    settings.update_settings(house_db, admin, {"loan_days": 21, "loan_limit": 4})
    first, second = _events(house_db, action="update_settings")  # 21 → 21 is no change
    assert (first.user_id, first.entity, first.entity_id, first.operation) == (
        admin.user_id,
        "settings",
        "loan_days",
        "insert",
    )
    assert first.fields["value"] == "21"
    assert (second.entity_id, second.fields["value"]) == ("loan_limit", "4")
    details = settings.update_house(
        house_db,
        admin,
        name="Къща на семействата – Крън",
        settlement="гр. Крън",
        address="ул. „Освобождение“ 1",
        phone="",
    )
    [event] = _events(house_db, action="update_house")
    assert (event.entity, event.operation) == ("houses", "update")
    assert event.fields == {"name": details.name, "address": "ул. „Освобождение“ 1"}


def test_updated_at_moves_on_update_and_created_at_stays(house_db, admin):
    family_id, _person_id = _add_family(house_db, admin)
    with house_db.read() as session:
        before = session.get(Family, family_id)
    with house_db.unit(admin, "edit_family") as uow:
        family = uow.session.get(Family, family_id)
        family.phone = "0888 123 456"
        uow.commit()
    with house_db.read() as session:
        after = session.get(Family, family_id)
    assert after.updated_at > before.updated_at
    assert after.created_at == before.created_at
    [event] = _events(house_db, action="edit_family")
    assert (event.operation, event.fields) == ("update", {"phone": "0888 123 456"})


def test_unchanged_record_writes_no_event(house_db, admin):
    family_id, _person_id = _add_family(house_db, admin)
    with house_db.unit(admin, "edit_family") as uow:
        family = uow.session.get(Family, family_id)
        family.phone = family.phone
        uow.commit()
    assert _events(house_db, action="edit_family") == []


def test_tombstone_is_a_delete(house_db, admin):
    _family_id, person_id = _add_family(house_db, admin)
    with house_db.unit(admin, "remove_person") as uow:
        uow.tombstone(uow.session.get(Person, person_id))
        uow.commit()
    [event] = _events(house_db, action="remove_person")
    assert (event.entity, event.entity_id, event.operation) == ("people", str(person_id), "delete")
    assert "deleted_at" in event.fields
    with house_db.read() as session:
        person = session.get(Person, person_id)
        assert person is not None and person.deleted_at is not None  # kept, not erased


def test_validation_error_inside_the_unit_leaves_no_row_and_no_event(house_db, admin):
    users_before, events_before = _count(house_db, User), _count(house_db, AuditEvent)
    with pytest.raises(ValidationError):
        users.create_user(
            house_db, admin, username="ivan", full_name="", role="assistant", password="kratka"
        )
    assert (_count(house_db, User), _count(house_db, AuditEvent)) == (users_before, events_before)


def test_exception_after_a_flushed_row_rolls_back_row_and_event(house_db, admin):
    events_before = _count(house_db, AuditEvent)
    with pytest.raises(RuntimeError), house_db.unit(admin, "register_family") as uow:
        uow.session.add(Family(house_id=uow.house().id, code="KRN-0009"))
        uow.session.flush()  # the row and its audit event reach the database …
        assert uow.session.scalars(select(AuditEvent)).all()
        raise RuntimeError("the printer caught fire")  # … and the action fails
    assert _count(house_db, Family) == 0
    assert _count(house_db, AuditEvent) == events_before


def test_leaving_a_unit_without_commit_saves_nothing(house_db, admin):
    with house_db.unit(admin, "register_family") as uow:
        uow.session.add(Family(house_id=uow.house().id, code="KRN-0010"))
    assert _count(house_db, Family) == 0
    assert _events(house_db, action="register_family") == []


def test_failed_settings_update_saves_nothing(house_db, admin):
    events_before = _count(house_db, AuditEvent)
    with pytest.raises(ValidationError):
        settings.update_settings(house_db, admin, {"loan_days": 21, "loan_limit": 0})
    assert _count(house_db, AuditEvent) == events_before
    with house_db.read() as session:
        assert session.get(Setting, "loan_days") is None


def test_event_times_are_utc_now(house_db, admin):
    _add_family(house_db, admin)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for event in _events(house_db, action="register_family"):
        assert abs(event.at - now) < dt.timedelta(minutes=1)


def test_cyrillic_fields_are_stored_as_letters_and_old_escaped_rows_still_read(house_db, admin):
    """Audit fields are stored as UTF-8 JSON (2 bytes a letter, not a 6-byte ``\\uXXXX``);
    rows written before, with escapes, read back the same."""
    _add_family(db=house_db, actor=admin)
    with house_db.engine.connect() as conn:
        raw = conn.exec_driver_sql(
            "SELECT fields FROM audit_events WHERE entity = 'people'"
        ).scalar_one()
        assert '"first_name":"Мария"' in raw and "\\u" not in raw
        conn.exec_driver_sql(
            "UPDATE audit_events SET fields = ? WHERE entity = 'people'",
            ('{"first_name": "\\u041c\\u0430\\u0440\\u0438\\u044f"}',),
        )
        conn.commit()
    (event,) = _events(house_db, entity="people")
    assert event.fields == {"first_name": "Мария"}
