"""This user's key store: the operating system's store when there is one, else a key file
only the owner reads; never the user's real store in a test."""

from __future__ import annotations

import stat

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from bgfuture_desk.db import cipher
from bgfuture_desk.errors import LockedFileError
from bgfuture_desk.services.house import keys


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        self.secrets.pop((service, username), None)


@pytest.fixture
def memory_keyring(monkeypatch):
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    monkeypatch.delenv(keys.STORE_ENV, raising=False)
    yield backend
    keyring.set_keyring(previous)


def test_the_key_file_is_the_owners_only_and_gives_the_key_back(new_machine):
    key = cipher.new_key()
    store = keys.remember(key)
    assert store.kind == keys.FILE_STORE
    path = new_machine / f"{key.id_hex}.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(new_machine.stat().st_mode) == 0o700
    assert keys.lookup(key.id_hex) == key
    assert [p.name for p in new_machine.iterdir()] == [path.name]  # no temporary file left


def test_an_unknown_or_foreign_key_id_finds_nothing(new_machine):
    assert keys.lookup(cipher.new_key().id_hex) is None
    assert keys.file_store().get("../../etc/passwd") is None


def test_without_an_os_store_the_key_file_is_used(monkeypatch, new_machine):
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    monkeypatch.delenv(keys.STORE_ENV)
    try:
        assert not keys.os_store_available()
        assert keys.current_store().kind == keys.FILE_STORE
    finally:
        keyring.set_keyring(previous)


def test_with_an_os_store_the_key_goes_there(new_machine, memory_keyring):
    key = cipher.new_key()
    assert keys.remember(key).kind == keys.OS_STORE
    assert memory_keyring.secrets == {("bgfuture-desk", key.id_hex): key.key.hex()}
    assert list(new_machine.iterdir()) == []
    assert keys.lookup(key.id_hex) == key


def test_a_key_kept_in_the_file_is_found_when_the_os_store_appears(new_machine, memory_keyring):
    key = cipher.new_key()
    keys.file_store().put(key)
    assert keys.lookup(key.id_hex) == key


def test_the_store_is_the_key_provider_of_encrypted_files(tmp_path, new_machine):
    key = cipher.new_key()
    conn = cipher.connect(tmp_path / "h.sqlite", key=key)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(LockedFileError):
        cipher.connect(tmp_path / "h.sqlite")
    keys.remember(key)
    conn = cipher.connect(tmp_path / "h.sqlite")
    assert conn.execute("SELECT count(*) FROM t").fetchone() == (0,)
