"""SQLCipher files through ``db/cipher.py``: unreadable without the key, the key id readable
without it, copies in and out of encryption with nothing lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bgfuture_desk.db import cipher
from bgfuture_desk.errors import LockedFileError


@pytest.fixture
def no_provider():
    previous = cipher.use_keys(None)
    yield
    cipher.use_keys(previous)


def _make(path: Path, key: cipher.FileKey | None) -> None:
    conn = cipher.connect(path, key=key)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE people (name TEXT, egn TEXT)")
    conn.execute("INSERT INTO people VALUES ('Мария Петрова', '7523169263')")
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()


def test_an_encrypted_file_is_not_a_database_for_plain_sqlite(tmp_path, no_provider):
    path, key = tmp_path / "house.sqlite", cipher.new_key()
    _make(path, key)
    assert cipher.is_encrypted(path)
    assert cipher.key_id_of(path) == key.id_hex
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(path).execute("SELECT * FROM people").fetchall()
    raw = path.read_bytes()
    assert "Мария".encode() not in raw and b"7523169263" not in raw
    assert key.key.hex() not in repr(key)  # never the key in a log or a traceback


def test_without_its_key_the_file_is_locked_with_a_bulgarian_message(tmp_path, no_provider):
    path = tmp_path / "house.sqlite"
    _make(path, cipher.new_key())
    with pytest.raises(LockedFileError) as caught:
        cipher.connect(path)
    assert "криптиран" in caught.value.message
    assert "bgfuture-desk unlock" in caught.value.message


def test_the_provider_gives_the_key_by_its_id(tmp_path, no_provider):
    path, key = tmp_path / "house.sqlite", cipher.new_key()
    _make(path, key)
    asked: list[str] = []
    cipher.use_keys(lambda key_id: asked.append(key_id) or key)
    rows = cipher.connect(path, read_only=True).execute("SELECT * FROM people").fetchall()
    assert rows == [("Мария Петрова", "7523169263")]
    assert asked == [key.id_hex]


def test_a_wrong_key_reads_as_not_a_database(tmp_path, no_provider, capfd):
    path = tmp_path / "house.sqlite"
    _make(path, cipher.new_key())
    conn = cipher.connect(path, key=cipher.new_key())
    with pytest.raises(cipher.ERRORS, match="file is not a database"):
        conn.execute("SELECT * FROM people").fetchall()
    assert "hmac" not in capfd.readouterr().err.lower()  # SQLCipher's own log is silenced


def test_plaintext_files_open_as_before(tmp_path, no_provider):
    path = tmp_path / "old.sqlite"
    _make(path, None)
    assert not cipher.is_encrypted(path)
    assert cipher.key_of(path) is None
    assert sqlite3.connect(path).execute("SELECT count(*) FROM people").fetchone() == (1,)


def test_export_out_of_and_into_encryption_keeps_rows_and_schema_version(tmp_path, no_provider):
    enc, plain, again = tmp_path / "e.sqlite", tmp_path / "p.sqlite", tmp_path / "e2.sqlite"
    key, other = cipher.new_key(), cipher.new_key()
    _make(enc, key)
    cipher.export_plain(cipher.connect(enc, key=key), plain)
    conn = sqlite3.connect(plain)
    assert conn.execute("SELECT * FROM people").fetchall() == [("Мария Петрова", "7523169263")]
    assert conn.execute("PRAGMA user_version").fetchone() == (7,)
    conn.close()
    cipher.export_encrypted(cipher.connect(plain), again, other)
    assert cipher.key_id_of(again) == other.id_hex
    conn = cipher.connect(again, key=other)
    assert conn.execute("SELECT egn FROM people").fetchall() == [("7523169263",)]
    assert conn.execute("PRAGMA user_version").fetchone() == (7,)


@pytest.mark.parametrize("content", [b"", b"\x00" * 8192, b"SQLite format 3\x00" + bytes(4080),
                                     b"x" * 5000])
def test_what_is_not_taken_for_an_encrypted_file(tmp_path, content):
    path = tmp_path / "f.sqlite"
    path.write_bytes(content)
    assert not cipher.is_encrypted(path)
    assert cipher.key_id_of(path) is None
