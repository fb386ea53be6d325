"""An erasure travels: the export made after it, consolidated over a database that held the
person, leaves neither the name nor the ЕГН in the consolidated SQLite file's raw bytes, nor
in PostgreSQL's rows (the audit events included)."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from bgfuture_desk.db.models import AuditEvent, Family, Person
from bgfuture_desk.services.exchange.consolidate import consolidate
from bgfuture_desk.services.families import erasure
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.forms import FamilyInput, PersonInput
from bgfuture_desk.services.unit import Actor
from tests.cipher_pages import file_bytes
from tests.exchange_data import NEXT_MONTH, PASSPHRASE, export, open_house, scalars

pytest_plugins = ["tests.exchange_fixtures"]
pytestmark = pytest.mark.usefixtures("cheap_kdf")

NAME, LAST, EGN = "Светломира", "Бончева-Дракова", "1945140251"
ADDRESS = "ул. „Кукуряк“ 93"


def _register(house: Path) -> tuple[uuid.UUID, uuid.UUID]:
    db = open_house(house)
    try:
        family = families.create_family(
            db, Actor.system(), FamilyInput(settlement="гр. Крън", address=ADDRESS),
            [PersonInput(role="child", first_name=NAME, last_name=LAST, egn=EGN)], force=True,
        )
        families.update_person(db, Actor.system(), family.members[0].id, PersonInput(
            role="child", first_name=NAME, last_name=LAST, egn=EGN, notes="поправка"))
        return family.id, family.members[0].id
    finally:
        db.dispose()


def _raw(path: Path) -> bytes:
    """The file and its WAL as a grep sees them (an encrypted house file decrypted first)."""
    return file_bytes(path)


def test_the_erasure_leaves_the_consolidated_database_too(houses, target, tmp_path):
    family_id, person_id = _register(houses.kran)
    first = export(houses.kran, tmp_path / "before.bgfx")
    consolidate(target, [first, export(houses.razhena, tmp_path)], PASSPHRASE)
    if not target.startswith("postgresql"):
        assert NAME.encode() in _raw(Path(target))  # the grep below can find it

    db = open_house(houses.kran)
    try:
        erasure.erase_family(db, Actor.system(), family_id)
    finally:
        db.dispose()
    after = export(houses.kran, tmp_path / "after.bgfx", month=NEXT_MONTH)
    assert NAME.encode() not in _raw(houses.kran)
    consolidate(target, [after], PASSPHRASE)

    person = scalars(target, select(Person).where(Person.id == person_id))[0]
    assert (person.full_name, person.egn) == ("Изтрито лице", None)
    assert person.birth_date == dt.date(2019, 1, 1)  # the year of the ЕГН's date is kept
    family = scalars(target, select(Family).where(Family.id == family_id))[0]
    assert (family.address, family.archived_at is not None) == ("", True)
    assert scalars(target, select(Person.id).where(Person.first_name == NAME)) == []
    assert scalars(target, select(Person.id).where(Person.egn == EGN)) == []
    events = scalars(target, select(AuditEvent).where(AuditEvent.entity_id == str(person_id)))
    assert "erase" not in {e.operation for e in events}  # the family's event says it
    assert all(NAME not in repr(e.fields) and LAST not in repr(e.fields) for e in events)
    erased = scalars(target, select(AuditEvent).where(AuditEvent.operation == "erase"))
    assert [(e.entity, e.entity_id, e.fields) for e in erased] == [
        ("families", str(family_id), {"on_request": True, "people": 1})
    ]
    if not target.startswith("postgresql"):
        data = _raw(Path(target))
        for trace in (NAME, LAST, EGN, ADDRESS):
            assert trace.encode() not in data, trace


def test_a_new_file_built_from_the_exports_before_and_after_is_clean(houses, tmp_path):
    family_id, _person_id = _register(houses.kran)
    before = export(houses.kran, tmp_path / "before.bgfx")
    db = open_house(houses.kran)
    try:
        erasure.erase_family(db, Actor.system(), family_id)
    finally:
        db.dispose()
    after = export(houses.kran, tmp_path / "after.bgfx", month=NEXT_MONTH)
    target = tmp_path / "new" / "all.sqlite"

    consolidate(target, [before, after], PASSPHRASE)

    assert scalars(target, select(Family.address).where(Family.id == family_id)) == [""]
    data = _raw(target)
    for trace in (NAME, LAST, EGN, ADDRESS):
        assert trace.encode() not in data, trace
