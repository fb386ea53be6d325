"""Real SQLite files: migrations from every released schema, refusals that leave files untouched."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from bgfuture_desk.db import cipher, migrate
from bgfuture_desk.db.engine import BUSY_TIMEOUT_MS, engine_for
from bgfuture_desk.db.models import Base, Family, House, Person, Visit
from bgfuture_desk.errors import DamagedFileError, DatabaseFileError
from bgfuture_desk.services.house import health
from bgfuture_desk.services.house.database import create_database, open_database
from bgfuture_desk.services.unit import Actor

HOUSE = uuid.uuid4()
FAMILY = uuid.uuid4()
PEOPLE = {
    uuid.uuid4(): ("mother", "Мария", "Иванова", "Петрова"),
    uuid.uuid4(): ("child", "Чавдар", "", "Петров"),
    uuid.uuid4(): ("father", "Щерю", "Ангелов", "Шишков"),
}
VISIT = uuid.uuid4()
STAMP = "2026-10-01 08:30:00.000000"


def _fill_0001(conn) -> None:
    """A house with one family, its people and a visit, as the 0001 schema stored them."""
    conn.execute(
        text(
            "INSERT INTO houses (id, code, prefix, name, settlement, address, phone, "
            "created_at, updated_at) VALUES (:id, 'kran', 'KRN', 'Къща на семейството – Крън', "
            "'гр. Крън', '', '', :t, :t)"
        ),
        {"id": HOUSE.hex, "t": STAMP},
    )
    conn.execute(
        text("INSERT INTO settings (key, value, updated_at) VALUES ('house_id', :v, :t)"),
        {"v": str(HOUSE), "t": STAMP},
    )
    conn.execute(
        text(
            "INSERT INTO families (id, house_id, code, settlement, address, phone, phone2, notes, "
            "borrowing_blocked, created_at, updated_at) VALUES (:id, :h, 'KRN-0042', 'гр. Крън', "
            "'', '0888 123 456', '', '', 0, :t, :t)"
        ),
        {"id": FAMILY.hex, "h": HOUSE.hex, "t": STAMP},
    )
    for pid, (role, first, middle, last) in PEOPLE.items():
        conn.execute(
            text(
                "INSERT INTO people (id, house_id, family_id, role, first_name, middle_name, "
                "last_name, phone, notes, created_at, updated_at) VALUES (:id, :h, :f, :role, "
                ":first, :middle, :last, '', '', :t, :t)"
            ),
            {
                "id": pid.hex,
                "h": HOUSE.hex,
                "f": FAMILY.hex,
                "role": role,
                "first": first,
                "middle": middle,
                "last": last,
                "t": STAMP,
            },
        )
    conn.execute(
        text(
            "INSERT INTO visits (id, house_id, family_id, checked_in_at, anonymous_adults, "
            "anonymous_children, recorded_late, notes, created_at, updated_at) "
            "VALUES (:id, :h, :f, '2026-10-01 09:15:00.000000', 0, 0, 0, '', :t, :t)"
        ),
        {"id": VISIT.hex, "h": HOUSE.hex, "f": FAMILY.hex, "t": STAMP},
    )
    for pid in PEOPLE:
        conn.execute(
            text(
                "INSERT INTO visit_people (id, house_id, visit_id, person_id, created_at, "
                "updated_at) VALUES (:id, :h, :v, :p, :t, :t)"
            ),
            {"id": uuid.uuid4().hex, "h": HOUSE.hex, "v": VISIT.hex, "p": pid.hex, "t": STAMP},
        )


@pytest.fixture
def file_0001(tmp_path) -> Path:
    """A house file written by the first released version (schema 0001)."""
    path = tmp_path / "kran.sqlite"
    engine = engine_for(path)
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        _fill_0001(conn)
    engine.dispose()
    return path


def _revision_of(path: Path) -> str:
    conn = cipher.connect(path)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def _assert_data_intact(db) -> None:
    with db.read() as session:
        [family] = session.scalars(select(Family)).all()
        assert (family.id, family.code, family.phone) == (FAMILY, "KRN-0042", "0888 123 456")
        people = {p.id: p for p in session.scalars(select(Person))}
        assert set(people) == set(PEOPLE)
        for pid, (role, first, middle, last) in PEOPLE.items():
            person = people[pid]
            assert (person.role, person.first_name, person.middle_name, person.last_name) == (
                role,
                first,
                middle,
                last,
            )
            assert person.family_id == FAMILY
        assert people[next(iter(PEOPLE))].full_name == "Мария Иванова Петрова"
        [visit] = session.scalars(select(Visit)).all()
        assert visit.checked_in_at == dt.datetime(2026, 10, 1, 9, 15)
        assert len(visit.people) == len(PEOPLE)
        assert db.local_house(session).id == HOUSE


def _index_names(path: Path) -> set[str]:
    conn = cipher.connect(path)
    try:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()
        return {name for (name,) in rows}
    finally:
        conn.close()


def test_the_upgrade_drops_the_indexes_nobody_uses_and_keeps_the_rest(file_0001):
    before = _index_names(file_0001)
    assert {"ix_visits_house_id", "ix_visits_updated_at", "ix_people_family_id"} <= before

    opened = open_database(file_0001)
    try:
        _assert_data_intact(opened.db)
    finally:
        opened.db.dispose()

    after = _index_names(file_0001)
    assert not any(n.endswith(("_house_id", "_updated_at")) for n in after if n.startswith("ix_"))
    assert {"ix_people_family_id", "ix_visits_family_id", "ix_audit_events_entity_id"} <= after


def test_old_file_is_backed_up_then_upgraded(file_0001):
    opened = open_database(file_0001)
    try:
        assert migrate.current_revision(opened.db.engine) == migrate.head_revision()
        backup = opened.backup
        assert backup is not None and backup.is_file()
        assert backup.parent == file_0001.parent
        assert _revision_of(backup) == "0001"  # a true copy of the file before the upgrade
        conn = cipher.connect(backup)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert conn.execute("SELECT count(*) FROM people").fetchone() == (len(PEOPLE),)
        finally:
            conn.close()
        _assert_data_intact(opened.db)
        with opened.db.engine.connect() as conn:
            for table in ("people", "families"):  # the unused name keys are gone (0005)
                columns = {r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
                assert "search_key" not in columns and "id" in columns
        report = health.check_database(opened.db)
        assert report.integrity_ok and report.schema_up_to_date
        assert (report.counts["families"], report.counts["people"]) == (1, 3)
    finally:
        opened.db.dispose()


def test_failed_upgrade_puts_the_file_back_as_it_was(file_0001, monkeypatch):
    real_upgrade = migrate.upgrade

    def upgrade_then_fail(engine, revision="head"):
        real_upgrade(engine, revision)  # the schema changes land in the file …
        raise OSError("disk full")  # … and then the upgrade breaks down

    monkeypatch.setattr(migrate, "upgrade", upgrade_then_fail)
    with pytest.raises(DatabaseFileError) as err:
        open_database(file_0001)
    [backup] = file_0001.parent.glob("*.before-upgrade-0001-*.sqlite")
    assert str(err.value) == (
        f"Базата данни не можа да бъде обновена и е оставена както беше (копие има в {backup})."
    )
    assert _revision_of(file_0001) == "0001"
    monkeypatch.setattr(migrate, "upgrade", real_upgrade)
    opened = open_database(file_0001)  # a later start tries again, from the old schema
    try:
        assert migrate.current_revision(opened.db.engine) == migrate.head_revision()
        _assert_data_intact(opened.db)
    finally:
        opened.db.dispose()


def test_up_to_date_file_opens_without_a_backup(tmp_path):
    path = tmp_path / "new.sqlite"
    create_database(path).dispose()
    opened = open_database(path)
    opened.db.dispose()
    assert opened.backup is None
    assert sorted(p.name for p in tmp_path.iterdir() if "before-upgrade" in p.name) == []


def test_empty_sqlite_file_gets_the_whole_schema(tmp_path):
    path = tmp_path / "empty.sqlite"
    conn = cipher.connect(path)
    conn.execute("PRAGMA user_version = 0")
    conn.execute("VACUUM")
    conn.close()
    opened = open_database(path)
    try:
        assert opened.backup is None  # nothing to lose
        assert migrate.schema_state(opened.db.engine).up_to_date
    finally:
        opened.db.dispose()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_file_from_a_newer_program_is_refused_and_untouched(tmp_path, journal):
    path = tmp_path / "future.sqlite"
    create_database(path).dispose()
    conn = cipher.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.close()
    before = _files(tmp_path)
    with pytest.raises(DatabaseFileError) as err:
        open_database(path)
    assert str(err.value) == (
        "Базата данни е от по-нова версия на програмата (9999). "
        "Обновете програмата; файлът не е променен."
    )
    assert _files(tmp_path) == before  # byte for byte, and no backup or journal left behind


def test_database_of_another_program_is_refused_and_untouched(tmp_path):
    path = tmp_path / "contacts.sqlite"
    conn = cipher.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Иван')")
    conn.commit()
    conn.close()
    before = _files(tmp_path)
    with pytest.raises(DatabaseFileError) as err:
        open_database(path)
    assert str(err.value) == "Файлът е база данни, но не е на тази програма."
    assert _files(tmp_path) == before


def test_missing_file_is_refused(tmp_path):
    path = tmp_path / "nowhere.sqlite"
    with pytest.raises(DatabaseFileError) as err:
        open_database(path)
    assert str(err.value) == f"Файлът с базата данни не съществува: {path}"
    assert not path.exists()


def test_text_file_is_refused_and_untouched(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("Това е писмо, не база данни.", encoding="utf-8")
    with pytest.raises(DatabaseFileError) as err:
        open_database(path)
    assert str(err.value) == f"Файлът не е база данни на програмата: {path}"
    assert path.read_text(encoding="utf-8") == "Това е писмо, не база данни."


def test_directory_is_refused(tmp_path):
    with pytest.raises(DatabaseFileError) as err:
        open_database(tmp_path)
    assert str(err.value) == f"Това не е файл с база данни: {tmp_path}"


def test_damaged_file_is_refused(tmp_path):
    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)
    with pytest.raises(DamagedFileError) as err:
        open_database(path)
    assert str(err.value).startswith(f"Файлът на къщата е повреден: {path}. В него не е записано")


def test_models_match_the_migrations(tmp_path):
    engine = engine_for(tmp_path / "head.sqlite")
    try:
        migrate.upgrade(engine)
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_house_engine_uses_wal_foreign_keys_and_a_busy_timeout(tmp_path):
    engine = engine_for(tmp_path / "pragmas.sqlite")
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS > 0
    finally:
        engine.dispose()


def test_foreign_keys_are_enforced(tmp_path):
    db = create_database(tmp_path / "fk.sqlite")
    try:
        with pytest.raises(IntegrityError), db.unit(Actor.system(), "orphan") as uow:
            uow.session.add(Person(house_id=uuid.uuid4(), role="child", first_name="Никой"))
            uow.commit()
    finally:
        db.dispose()


def test_downgrade_to_0001_and_upgrade_again_keeps_the_data(file_0001):
    opened = open_database(file_0001)
    engine = opened.db.engine
    try:
        migrate.downgrade(engine, "0001")
        assert migrate.current_revision(engine) == "0001"
        with engine.connect() as conn:
            columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(people)")}
            assert "search_key" not in columns
            assert conn.exec_driver_sql("SELECT count(*) FROM visit_people").scalar() == 3
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == migrate.head_revision()
        _assert_data_intact(opened.db)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # back on
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        with opened.db.read() as session:
            assert session.scalar(select(House.code)) == "kran"
    finally:
        opened.db.dispose()


def test_check_looks_at_an_old_file_without_upgrading_it(file_0001, capsys):
    from bgfuture_desk.cli import main

    before = file_0001.read_bytes()
    assert main(["check", "--db", str(file_0001)]) == 0
    out = capsys.readouterr().out
    assert "Схема: 0001" in out
    assert _revision_of(file_0001) == "0001"
    assert file_0001.read_bytes() == before
    assert sorted(p.name for p in file_0001.parent.iterdir() if "before-upgrade" in p.name) == []


def test_users_of_an_older_file_keep_their_passwords_after_the_upgrade(tmp_path):
    """0006 asks for a password change only of passwords set from now on."""
    path = tmp_path / "kran.sqlite"
    engine = engine_for(path)
    migrate.upgrade(engine, "0004")
    with engine.begin() as conn:
        _fill_0001(conn)
        conn.execute(
            text(
                "INSERT INTO users (id, house_id, username, full_name, role, password_hash, "
                "active, created_at, updated_at) VALUES (:id, :h, 'mimi', 'Мими', 'assistant', "
                "'x', 1, :t, :t)"
            ),
            {"id": uuid.uuid4().hex, "h": HOUSE.hex, "t": STAMP},
        )
    engine.dispose()
    opened = open_database(path)
    try:
        assert _revision_of(path) == migrate.head_revision()
        with opened.db.read() as session:
            assert session.execute(text("SELECT must_change_password FROM users")).all() == [
                (0,)
            ]
    finally:
        opened.db.dispose()


def test_the_copy_before_an_upgrade_is_verified_and_owner_only(file_0001, monkeypatch):
    import stat

    opened = open_database(file_0001)
    opened.db.dispose()
    assert opened.backup is not None
    assert stat.S_IMODE(opened.backup.stat().st_mode) == 0o600


def test_a_copy_that_fails_its_check_stops_the_upgrade(file_0001, monkeypatch):
    def broken_copy(source, target):
        target.write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)

    monkeypatch.setattr(migrate, "backup_sqlite", broken_copy)
    with pytest.raises(DatabaseFileError) as err:
        open_database(file_0001)
    assert str(err.value).startswith("Копието, направено преди обновяването, не премина")
    assert _revision_of(file_0001) == "0001"
    assert [p for p in file_0001.parent.iterdir() if "before-upgrade" in p.name] == []


def test_the_revisions_read_from_the_file_names_are_alembics_own():
    """Opening a file reads the revisions from the migrations' names (no Alembic on the way
    to the desk); Alembic reading the scripts must see the same chain and the same head."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrate._config())
    chain = [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert tuple(chain) == migrate._revisions()
    assert scripts.get_current_head() == migrate.head_revision() == chain[-1]
    downs = [scripts.get_revision(r).down_revision for r in chain]
    assert downs == [None, *chain[:-1]]  # each revises the one before
