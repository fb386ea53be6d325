"""Consolidation as the coordinator does it, into a new SQLite file and into PostgreSQL.

Two houses are exported and consolidated; the result must hold exactly the rows of both,
each with its house, whatever the order and however often the files are imported.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.pool import NullPool

from bgfuture_desk.cli import main
from bgfuture_desk.db import cipher, migrate
from bgfuture_desk.db.engine import sqlite_url
from bgfuture_desk.db.models import House, Person, Visit, VisitPerson
from bgfuture_desk.errors import UserError
from bgfuture_desk.services.exchange.consolidate import ConsolidationError, consolidate
from bgfuture_desk.services.exchange.consolidate_import import BUILD_PAGE_BYTES
from bgfuture_desk.services.exchange.consolidate_import import tables as import_tables
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.forms import PersonInput
from bgfuture_desk.services.house import settings
from bgfuture_desk.services.unit import Actor
from bgfuture_desk.services.visits import service as visits
from tests.exchange_data import (
    MONTH,
    NEXT_MONTH,
    PASSPHRASE,
    craft,
    export,
    open_house,
    scalars,
    snapshot_of,
    sorted_dump,
    travelling_rows,
)
from tests.unit.families_data import MOTHER, new_family

pytest_plugins = ["tests.exchange_fixtures"]
pytestmark = pytest.mark.usefixtures("cheap_kdf")


def json_lines(capsys, *argv: str) -> list[dict]:
    assert main(list(argv)) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_two_houses_consolidated_equal_the_sum_of_both(target, houses, tmp_path, capsys):
    expected = travelling_rows(houses.kran, houses.razhena)  # what the snapshots will hold
    files = [export(houses.kran, tmp_path), export(houses.razhena, tmp_path)]

    result = consolidate(target, files, PASSPHRASE)

    assert result.created
    assert [f.house_code for f in result.files] == ["kran", "razhena"]
    assert result.updated == 0 and result.unchanged == 0
    assert result.inserted == sum(len(rows) for rows in expected.values())
    assert sorted_dump(target) == expected  # every row, every value, audit trail included
    people = json_lines(capsys, "list", "people", "--db", target, "--json")
    kran_people = json_lines(capsys, "list", "people", "--db", str(houses.kran), "--json")
    assert {p["house"] for p in people} == {"kran", "razhena"}
    assert [p for p in people if p["house"] == "kran"] == kran_people
    listed = json_lines(capsys, "list", "visits", "--db", target, "--json")
    assert {v["house"] for v in listed} == {"kran", "razhena"}
    rows = json_lines(capsys, "list", "families", "--db", target, "--json")
    assert {f["code"][:3] for f in rows if f["house"] == "razhena"} == {"RZH"}


def test_consolidating_again_in_any_order_changes_no_row(target, houses, tmp_path):
    files = [export(houses.kran, tmp_path), export(houses.razhena, tmp_path)]
    consolidate(target, files, PASSPHRASE)
    before = sorted_dump(target)

    again = consolidate(target, files[::-1] + files, PASSPHRASE)

    assert not again.created
    assert again.inserted == 0 and again.updated == 0
    assert again.unchanged == sum(f.unchanged for f in again.files) > 0
    assert sorted_dump(target) == before


def _change_and_delete(house: Path) -> tuple[Person, Visit]:
    """The assistant corrects a name, cancels a visit and the admin renames the house."""
    db = open_house(house)
    try:
        with db.read() as session:
            person = session.scalars(select(Person).order_by(Person.id)).first()
            visit = session.scalars(
                select(Visit).where(Visit.deleted_at.is_(None)).order_by(Visit.id)
            ).first()
        data = PersonInput(
            role=person.role,
            first_name="Радостина",
            middle_name=person.middle_name,
            last_name=person.last_name,
            birth_date=person.birth_date,
            sex=person.sex,
        )
        families.update_person(db, Actor.system(), person.id, data)
        visits.cancel_visit(db, Actor.system(), visit.id)
        details = settings.house_details(db)
        settings.update_house(
            db,
            Actor.system(),
            name="Къща на семейството – Крън (нова)",
            settlement=details.settlement,
            address=details.address,
            phone=details.phone,
        )
    finally:
        db.dispose()
    return person, visit


def test_a_change_and_a_deletion_arrive_with_the_next_export(target, houses, tmp_path, capsys):
    razhena = travelling_rows(houses.razhena)  # as its export will hold it
    first = [export(houses.kran, tmp_path / "m1.bgfx"), export(houses.razhena, tmp_path)]
    consolidate(target, first, PASSPHRASE)
    person, visit = _change_and_delete(houses.kran)
    expected = travelling_rows(houses.kran)  # with the first export's log: it travels now
    for name, rows in razhena.items():
        expected[name].update(rows)
    second = export(houses.kran, tmp_path, month=NEXT_MONTH)

    result = consolidate(target, [second], PASSPHRASE)

    assert result.files[0].updated >= 4  # the person, the visit and its rows, the house
    assert sorted_dump(target) == expected
    people = json_lines(capsys, "list", "people", "--db", target, "--json")
    assert [p["first_name"] for p in people if p["id"] == str(person.id)] == ["Радостина"]
    listed = json_lines(capsys, "list", "visits", "--db", target, "--json")
    assert str(visit.id) not in {v["id"] for v in listed}
    tombstones = scalars(
        target, select(VisitPerson.deleted_at).where(VisitPerson.visit_id == visit.id)
    )
    assert tombstones and all(tombstones), "the tombstones stay in the consolidated database"
    assert scalars(target, select(House.name).where(House.code == "kran")) == [
        "Къща на семейството – Крън (нова)"
    ]


def test_an_older_export_after_a_newer_changes_nothing(target, houses, tmp_path):
    older = export(houses.kran, tmp_path / "old.bgfx")
    _change_and_delete(houses.kran)
    newer = export(houses.kran, tmp_path / "new.bgfx", month=NEXT_MONTH)
    consolidate(target, [newer], PASSPHRASE)
    after_newer = sorted_dump(target)

    result = consolidate(target, [older], PASSPHRASE)

    assert result.inserted == 0 and result.updated == 0
    assert sorted_dump(target) == after_newer
    other = tmp_path / "other.sqlite"
    consolidate(other, [older, newer], PASSPHRASE)  # the other order, into another target
    assert sorted_dump(other) == after_newer


def test_the_import_leaves_no_audit_of_its_own(target, houses, tmp_path):
    """Audit events travel as records; the import itself must not add any."""
    expected = travelling_rows(houses.kran)["audit_events"]
    file = export(houses.kran, tmp_path)
    consolidate(target, [file], PASSPHRASE)
    consolidate(target, [file], PASSPHRASE)
    assert sorted_dump(target)["audit_events"] == expected


def test_cyrillic_audit_fields_arrive_as_letters(target, houses, tmp_path):
    """The audit trail's Cyrillic travels as UTF-8 letters (not ``\\uXXXX``) and unchanged."""
    expected = travelling_rows(houses.kran)["audit_events"]
    consolidate(target, [export(houses.kran, tmp_path)], PASSPHRASE)

    assert sorted_dump(target)["audit_events"] == expected
    engine = create_engine(
        sqlite_url(Path(target)) if "://" not in target else target, poolclass=NullPool
    )
    try:
        with engine.connect() as conn:
            fields = conn.exec_driver_sql(
                "SELECT CAST(fields AS TEXT) FROM audit_events WHERE entity = 'people'"
            ).scalars().all()
    finally:
        engine.dispose()
    assert fields and all("\\u" not in text for text in fields)
    assert any(re.search("[а-яА-Я]", text) for text in fields)


def test_a_new_file_is_built_whole_in_wal_with_large_pages(houses, tmp_path):
    files = [export(houses.kran, tmp_path), export(houses.razhena, tmp_path)]
    target = tmp_path / "all.sqlite"
    consolidate(target, files, PASSPHRASE)

    conn = cipher.connect(target)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert conn.execute("PRAGMA page_size").fetchone() == (BUILD_PAGE_BYTES,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    finally:
        conn.close()
    assert {i.name for t in import_tables() for i in t.indexes} <= indexes
    assert sorted(p.name for p in tmp_path.iterdir() if "all.sqlite" in p.name) == ["all.sqlite"]


def test_a_later_bad_file_leaves_no_new_file_though_building_began(houses, tmp_path):
    """A new file is built while the later files are still checked; a refusal of one of
    them throws the half-built file away."""
    good = export(houses.kran, tmp_path)
    bad = export(houses.razhena, tmp_path / "bad.bgfx")
    bad.write_bytes(bad.read_bytes()[:-100])  # cut short
    target = tmp_path / "new" / "all.sqlite"
    with pytest.raises(UserError, match="bad.bgfx"):
        consolidate(target, [good, bad], PASSPHRASE)
    assert not target.parent.exists()
    assert not [p for p in tmp_path.rglob("*") if "all.sqlite" in p.name]


def test_progress_runs_to_the_end_for_a_progress_bar(houses, tmp_path):
    files = [export(houses.kran, tmp_path), export(houses.razhena, tmp_path)]
    calls: list[tuple[int, int, str]] = []
    consolidate(tmp_path / "all.sqlite", files, PASSPHRASE, lambda *a: calls.append(a))

    size = sum(f.stat().st_size for f in files)
    checking = [c for c in calls if c[1] == size]
    importing = [c for c in calls if c[1] != size]
    assert checking[0][:2] == (0, size) and checking[-1] == (size, size, "Всички файлове са наред.")
    assert {c[2] for c in checking[:-1]} == {
        "Проверка на kran-2025-01.bgfx…",
        "Проверка на razhena-2025-01.bgfx…",
    }
    for phase in (checking, importing):
        assert [c[0] for c in phase] == sorted(c[0] for c in phase)  # never backwards
    assert importing[-1][0] == importing[-1][1]  # the bar ends full
    # Which tables are named depends on when the checks finish (the bar waits for its
    # total); whatever is shown names the house and what is being imported.
    said = {c[2] for c in importing if c[2].startswith("Внасяне")}
    assert said and all(re.fullmatch(r"Внасяне на Къща на семейството – .+: .+…", m) for m in said)


class Cancelled(Exception):
    pass


def test_a_cancel_while_importing_rolls_the_file_back(houses, tmp_path):
    files = [export(houses.kran, tmp_path), export(houses.razhena, tmp_path)]
    target = tmp_path / "all.sqlite"
    consolidate(target, files[:1], PASSPHRASE)
    before = sorted_dump(target)

    def cancel(_done, _total, message):
        if "Ръжена: посещения" in message:
            raise Cancelled

    with pytest.raises(Cancelled):
        consolidate(target, files[1:], PASSPHRASE, cancel)
    assert sorted_dump(target) == before
    fresh = tmp_path / "fresh.sqlite"
    with pytest.raises(Cancelled):
        consolidate(fresh, files[1:], PASSPHRASE, cancel)
    assert not fresh.exists()


def test_a_cancel_while_copying_into_postgresql_rolls_the_file_back(pg_url, houses, tmp_path):
    files = [export(houses.kran, tmp_path), export(houses.razhena, tmp_path)]
    consolidate(pg_url, files[:1], PASSPHRASE)
    before = sorted_dump(pg_url)

    def cancel(_done, _total, message):
        if "Ръжена: посещения" in message:
            raise Cancelled

    with pytest.raises(Cancelled):
        consolidate(pg_url, files[1:], PASSPHRASE, cancel)
    assert sorted_dump(pg_url) == before
    result = consolidate(pg_url, files[1:], PASSPHRASE)  # the connection was left usable
    assert result.inserted and not result.updated


def test_the_result_is_plain_data_for_the_wizard(houses, tmp_path):
    file = export(houses.razhena, tmp_path)
    result = consolidate(tmp_path / "all.sqlite", [file], PASSPHRASE)
    plain = dataclasses.asdict(result)
    assert plain["files"][0]["house_code"] == "razhena"
    assert plain["files"][0]["month"] == MONTH
    assert plain["files"][0]["tables"]["people"]["inserted"] > 0


def test_check_reports_the_consolidated_database(target, houses, tmp_path, capsys):
    files = [export(houses.kran, tmp_path), export(houses.razhena, tmp_path)]
    consolidate(target, files, PASSPHRASE)

    assert main(["check", "--db", target]) == 0

    out = capsys.readouterr().out
    assert "Къща: обединена база данни на 2 къщи (kran, razhena)" in out
    assert "Цялост: наред" in out and "актуална" in out
    people = len(travelling_rows(houses.kran, houses.razhena)["people"])
    assert f"  хора: {people}" in out


def test_an_export_from_an_older_version_is_brought_up_to_date(target, houses, tmp_path):
    """A house that has not updated the program yet: its snapshot is migrated on the way in."""
    expected = travelling_rows(houses.kran)
    snap = tmp_path / "old.sqlite"
    manifest = snapshot_of(export(houses.kran, tmp_path), snap)
    engine = create_engine(sqlite_url(snap), poolclass=NullPool)
    migrate.downgrade(engine, "0001")
    engine.dispose()
    old = craft(tmp_path / "old.bgfx", snap, {**manifest, "schema_revision": "0001"})

    result = consolidate(target, [old], PASSPHRASE)

    assert result.inserted == sum(len(rows) for rows in expected.values())
    assert sorted_dump(target) == expected  # search keys rebuilt as the house has them


def test_records_that_clash_with_the_target_are_refused_whole(target, houses, tmp_path):
    """A house restored an old backup and gave a used family code to a new family."""
    restored = tmp_path / "restored" / "kran.sqlite"
    restored.parent.mkdir()
    shutil.copy(houses.kran, restored)
    for house in (houses.kran, restored):
        db = open_house(house)
        try:
            new_family(db, Actor.system(), MOTHER)  # the same next code in both copies
        finally:
            db.dispose()
    consolidate(target, [export(houses.kran, tmp_path)], PASSPHRASE)
    before = sorted_dump(target)

    with pytest.raises(ConsolidationError) as refused:
        consolidate(target, [export(restored, restored.parent)], PASSPHRASE)

    assert "противоречат на записи" in str(refused.value)
    assert "kran-2025-01.bgfx" in str(refused.value)
    assert sorted_dump(target) == before
