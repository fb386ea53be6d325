"""A plaintext house file of the previous version is encrypted when this version opens it:
nothing lost (every row of every table compared), no plaintext left behind."""

from __future__ import annotations

import os
import sqlite3

import pytest

from bgfuture_desk.cli import main
from bgfuture_desk.db import cipher
from bgfuture_desk.services.demo import generate_demo
from bgfuture_desk.services.house import backup, encrypt_file
from bgfuture_desk.services.house.database import open_database


def every_row(conn) -> dict[str, list[tuple]]:
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"'))) for t in tables}


@pytest.fixture
def plain_house(house_db, admin, db_path, tmp_path):
    """The demo house as the previous version kept it: a plaintext SQLite file."""
    generate_demo(house_db, families=8, seed=5)
    house_db.dispose()
    plain = tmp_path / "old" / "house.sqlite"
    plain.parent.mkdir()
    cipher.export_plain(cipher.connect(db_path), plain)
    conn = sqlite3.connect(plain)
    conn.execute("PRAGMA journal_mode=WAL")
    rows = every_row(conn)
    conn.close()
    assert rows["people"] and rows["visits"]
    return plain, rows


def test_a_plaintext_file_is_encrypted_with_nothing_lost(plain_house, capsys):
    path, rows = plain_house
    assert main(["list", "families", "--db", str(path)]) == 0
    captured = capsys.readouterr()
    assert "8 записа" in captured.out
    assert "криптира" in captured.err  # the progress lines
    assert cipher.is_encrypted(path)
    assert every_row(cipher.connect(path)) == rows
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT count(*) FROM people").fetchone()
    left = sorted(p.name for p in path.parent.iterdir())
    assert left == ["backups", "house.sqlite", "house.sqlite-shm", "house.sqlite-wal"] or \
        left == ["backups", "house.sqlite"]
    copies = list((path.parent / "backups").iterdir())
    assert len(copies) == 1 and cipher.is_encrypted(copies[0])  # the plaintext copy is wiped
    assert backup.counts_of(copies[0]) is not None


def test_a_file_opened_read_only_is_not_converted(plain_house):
    path, rows = plain_house
    before = path.read_bytes()
    open_database(path, read_only=True).db.dispose()
    assert path.read_bytes() == before and not cipher.is_encrypted(path)


def test_a_conversion_stopped_after_the_renames_is_finished(plain_house):
    path, rows = plain_house
    key = cipher.new_key()
    from bgfuture_desk.services.house import keys

    keys.remember(key)
    encrypting = path.with_name("house.sqlite.encrypting")
    conn = cipher.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    cipher.export_encrypted(conn, encrypting, key)
    conn.close()
    os.replace(path, path.with_name("house.sqlite.plaintext"))  # stopped here
    db = open_database(path).db
    db.dispose()
    assert cipher.key_id_of(path) == key.id_hex
    assert not path.with_name("house.sqlite.plaintext").exists()
    assert every_row(cipher.connect(path)) == rows


def test_a_conversion_stopped_before_the_copy_was_checked_starts_again(plain_house):
    path, rows = plain_house
    path.with_name("house.sqlite.encrypting").write_bytes(b"half a copy")
    os.replace(path, path.with_name("house.sqlite.plaintext"))
    encrypt_file.finish_interrupted(path)
    assert path.exists() and not cipher.is_encrypted(path)
    db = open_database(path).db
    db.dispose()
    assert cipher.is_encrypted(path)
    assert every_row(cipher.connect(path)) == rows
    assert sorted(p.name for p in path.parent.iterdir() if "sqlite." in p.name) == []
