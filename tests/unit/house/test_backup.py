"""Backups and restoring: a restore gives back exactly the house of the backup's moment, a
damaged or foreign file is refused and the house file left byte for byte as it was, copies
are for the owner's eyes only, and thinning deletes what the rule lets go."""

from __future__ import annotations

import datetime as dt
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bgfuture_desk.db import cipher
from bgfuture_desk.services.demo import generate_demo
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.service import FamilyInput, PersonInput
from bgfuture_desk.services.house import backup
from bgfuture_desk.services.house.backup import BackupError
from bgfuture_desk.services.house.database import open_database
from bgfuture_desk.services.visits import service as visits


def all_rows(path: Path) -> dict[str, list[tuple]]:
    """Every table of a file, its rows sorted: two equal snapshots hold the same data."""
    with cipher.connect(path) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
                for t in tables}


def file_state(path: Path) -> tuple[bytes, bool]:
    return path.read_bytes(), path.with_name(path.name + "-wal").exists()


@pytest.fixture
def demo_house(house_db, admin, db_path):
    generate_demo(house_db, families=12, seed=3)
    return house_db


def add_family_and_check_in(db, admin) -> None:
    family = families.create_family(
        db, admin, FamilyInput(settlement="гр. Крън", phone="0888 555 111"),
        [PersonInput(role="mother", first_name="Росица", last_name="Танева")], force=True)
    visits.check_in(db, admin, family_id=family.id, person_ids=[family.members[0].id],
                    purposes=["toy_library"])


def test_a_restore_gives_back_exactly_the_data_of_the_backups_moment(demo_house, admin, db_path):
    made = backup.make_backup(db_path, now=dt.datetime(2026, 12, 7, 9, 30, 5))
    at_backup = all_rows(db_path)
    assert made.path == db_path.parent / "backups" / "house-2026-12-07-093005.sqlite"
    assert made.counts == backup.Counts(families=12, people=made.counts.people,
                                        visits=made.counts.visits, loans=made.counts.loans)

    add_family_and_check_in(demo_house, admin)
    changed = all_rows(db_path)
    assert len(changed["families"]) == len(at_backup["families"]) + 1
    assert len(changed["visits"]) == len(at_backup["visits"]) + 1

    seen = backup.preview(db_path, made.path)
    assert seen.backup == made.counts
    assert seen.current.families == 13
    assert seen.current.visits == made.counts.visits + 1

    demo_house.dispose()
    restored = backup.restore(db_path, made.path, now=dt.datetime(2026, 12, 7, 11, 0, 0))
    assert all_rows(db_path) == at_backup
    assert not db_path.with_name(db_path.name + "-wal").exists()
    # the file as it was before the restore was kept first
    assert restored.safety_backup == db_path.parent / "backups" / "house-2026-12-07-110000.sqlite"
    assert all_rows(restored.safety_backup) == changed
    # and the app opens the restored file as a house file
    db = open_database(db_path).db
    db.dispose()


def test_backups_are_for_the_owner_only_and_listed_with_what_they_hold(demo_house, db_path):
    first = backup.make_backup(db_path, now=dt.datetime(2026, 12, 6, 18, 0, 0))
    second = backup.make_backup(db_path, now=dt.datetime(2026, 12, 7, 18, 0, 0))
    for made in (first, second):
        assert stat.S_IMODE(made.path.stat().st_mode) == 0o600
    folder = backup.default_folder(db_path)
    assert sorted(p.name for p in folder.iterdir()) == [  # no temp files
        "house-2026-12-06-180000.sqlite", "house-2026-12-07-180000.sqlite",
        "house.sqlite.keys"]  # the staff's wrapped keys, shared by the copies
    assert stat.S_IMODE((folder / "house.sqlite.keys").stat().st_mode) == 0o600
    listed = backup.list_backups(folder)
    assert [b.path for b in listed] == [second.path, first.path]
    assert listed[0].taken_at == dt.datetime(2026, 12, 7, 18, 0, 0)
    assert listed[0].size == second.path.stat().st_size > 0
    assert listed[0].counts.families == 12


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 8192] = b"\x5a" * 8192
    path.write_bytes(bytes(data))


def test_a_damaged_copy_is_refused_and_the_house_file_stays_as_it_was(demo_house, db_path):
    made = backup.make_backup(db_path)
    _damage(made.path)
    demo_house.dispose()
    before = file_state(db_path)
    with pytest.raises(BackupError, match="е повреден"):
        backup.preview(db_path, made.path)
    with pytest.raises(BackupError, match="е повреден"):
        backup.restore(db_path, made.path)
    assert file_state(db_path) == before
    assert [b.path for b in backup.list_backups(made.path.parent)] == [made.path]  # no safety copy


@pytest.mark.parametrize("kind", ["other-sqlite", "text"])
def test_a_foreign_file_is_refused_and_the_house_file_stays_as_it_was(
    house_db, db_path, tmp_path, kind
):
    foreign = tmp_path / "other.sqlite"
    if kind == "text":
        foreign.write_text("Списък за пазаруване\n", encoding="utf-8")
    else:
        with cipher.connect(foreign) as conn:
            conn.execute("CREATE TABLE settings (key TEXT, value TEXT)")
            conn.execute("CREATE TABLE notes (body TEXT)")
    house_db.dispose()
    before = file_state(db_path)
    with pytest.raises(BackupError, match="не е|не може"):
        backup.restore(db_path, foreign)
    assert file_state(db_path) == before
    assert not backup.default_folder(db_path).exists()


def test_a_copy_of_another_house_does_not_replace_this_one(house_db, db_path, tmp_path):
    other = tmp_path / "other" / "house.sqlite"
    other.parent.mkdir()
    shutil.copyfile(db_path, other)
    with cipher.connect(other) as conn:
        conn.execute("UPDATE settings SET value = '00000000-0000-0000-0000-000000000001' "
                     "WHERE key = 'house_id'")
    house_db.dispose()
    before = file_state(db_path)
    with pytest.raises(BackupError, match="друга къща"):
        backup.restore(db_path, other)
    assert file_state(db_path) == before


def test_a_damaged_house_file_is_refused_as_a_backup_source_and_no_copy_is_left(
    demo_house, db_path
):
    demo_house.dispose()
    _damage(db_path)
    with pytest.raises(BackupError, match="проверката за цялост"):
        backup.make_backup(db_path)
    assert list(backup.default_folder(db_path).iterdir()) == []


def test_thinning_deletes_the_copies_the_rule_lets_go(house_db, db_path):
    house_db.dispose()
    folder = backup.default_folder(db_path)
    base = backup.make_backup(db_path, now=dt.datetime(2026, 12, 7, 18, 0, 0)).path
    for stamp in ("2026-12-07-090000", "2026-12-01-120000", "2026-10-12-100000",
                  "2026-10-14-100000", "2024-12-31-230000"):
        shutil.copyfile(base, folder / f"house-{stamp}.sqlite")
    other = folder / "notes.txt"
    other.write_text("бележка", encoding="utf-8")
    deleted = backup.thin(folder, dt.date(2026, 12, 7))
    assert sorted(p.name for p in deleted) == [
        "house-2024-12-31-230000.sqlite", "house-2026-10-12-100000.sqlite",
        "house-2026-12-07-090000.sqlite"]
    assert sorted(p.name for p in folder.iterdir()) == [
        "house-2026-10-14-100000.sqlite", "house-2026-12-01-120000.sqlite",
        "house-2026-12-07-180000.sqlite", "notes.txt"]


CRASH = (
    "import os, sys\n"
    "from bgfuture_desk.db import cipher\n"
    "from bgfuture_desk.services.house import keys\n"
    "keys.install()\n"
    "conn = cipher.connect(sys.argv[1])\n"
    "conn.execute('PRAGMA journal_mode=WAL')\n"
    "conn.execute(\"UPDATE families SET phone = '0899 000 000'\")\n"
    "conn.commit()\n"
    "os._exit(0)  # as a killed app: the WAL stays beside the file, not checkpointed\n"
)


def test_a_stale_wal_of_the_old_file_is_not_replayed_into_the_restored_one(
    demo_house, db_path
):
    made = backup.make_backup(db_path)
    at_backup = all_rows(db_path)
    demo_house.dispose()
    subprocess.run([sys.executable, "-c", CRASH, str(db_path)], check=True)
    assert db_path.with_name(db_path.name + "-wal").stat().st_size > 0
    restored = backup.restore(db_path, made.path)
    assert all_rows(db_path) == at_backup
    # the crashed app's last change is in the safety copy, not lost
    phones = {r[0] for r in cipher.connect(restored.safety_backup).execute(
        "SELECT phone FROM families")}
    assert phones == {"0899 000 000"}


def test_a_damaged_house_file_is_kept_byte_for_byte_before_a_restore(demo_house, db_path):
    made = backup.make_backup(db_path)
    at_backup = all_rows(made.path)
    demo_house.dispose()
    _damage(db_path)
    damaged = db_path.read_bytes()
    restored = backup.restore(db_path, made.path, now=dt.datetime(2026, 12, 7, 12, 0, 0))
    assert restored.safety_backup.name == "house.sqlite.damaged-2026-12-07-120000"
    assert restored.safety_backup.read_bytes() == damaged
    assert stat.S_IMODE(restored.safety_backup.stat().st_mode) == 0o600
    assert all_rows(db_path) == at_backup
