"""Shared fixtures: a fresh house file, its administrator, and Qt kept off any screen."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Off any screen, on one of the house PCs' size: 1366×768 at 96 dpi.
HOUSE_SCREEN = Path(__file__).with_name("house_screen.json")
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={HOUSE_SCREEN}")

ADMIN_PASSWORD = "parola-123"

# Keys of the house files the tests make go to a key file store of the run's own, never to
# the user's real store (set before any fixture makes a house; ``new_machine`` empties it).
KEY_DIR = Path(tempfile.mkdtemp(prefix="bgf-test-keys-"))
os.environ["BGF_KEY_STORE"] = "file"
os.environ["BGF_KEY_DIR"] = str(KEY_DIR)


def pytest_configure(config):
    from bgfuture_desk.services.house import keys

    keys.install()


def pytest_unconfigure(config):
    shutil.rmtree(KEY_DIR, ignore_errors=True)


@pytest.fixture(autouse=True)
def quick_key_wrap(monkeypatch):
    """Wrapping the file key by a password at the export's Argon2 cost takes ~0.2 s."""
    from bgfuture_desk.services.exchange.export_file import KdfParams
    from bgfuture_desk.services.house import key_wrap

    monkeypatch.setattr(key_wrap, "KDF", KdfParams(1, 64, 1))


@pytest.fixture
def new_machine(go_to_new_machine) -> Path:
    """An empty key store, as on another PC or for another user; its folder."""
    return go_to_new_machine()


@pytest.fixture
def go_to_new_machine(tmp_path_factory, monkeypatch):
    """Call it to switch to an empty key store half way through a test."""

    def switch() -> Path:
        folder = tmp_path_factory.mktemp("other-keys")
        monkeypatch.setenv("BGF_KEY_STORE", "file")
        monkeypatch.setenv("BGF_KEY_DIR", str(folder))
        return folder

    return switch


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "house.sqlite"


def quick_hasher():
    """Argon2 at its real cost takes ~0.1 s per hash; most tests need the rules, not the cost."""
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(scope="session")
def house_template(tmp_path_factory) -> Path:
    """The Kran house as set-up makes it, made once per run: migrating a file and hashing the
    administrator's password is most of a service test's set-up time."""
    from bgfuture_desk.services.exchange.export_file import KdfParams
    from bgfuture_desk.services.house import key_wrap, setup
    from bgfuture_desk.services.users import service as users

    path = tmp_path_factory.mktemp("template") / "house.sqlite"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(users, "_hasher", quick_hasher())
        patch.setattr(key_wrap, "KDF", KdfParams(1, 64, 1))
        setup.initialise(
            path,
            setup.preset_input("kran"),
            setup.AdminInput("admin", "Мария Петрова", ADMIN_PASSWORD),
        ).dispose()
    assert not path.with_name(path.name + "-wal").exists()  # everything is in the one file
    return path


@pytest.fixture
def house_db(db_path: Path, house_template: Path):
    """An initialised Kran house with one administrator (admin / parola-123): a copy of the
    template, opened as the app opens a house file."""
    from bgfuture_desk.services.house.database import open_database

    shutil.copyfile(house_template, db_path)
    db = open_database(db_path).db
    yield db
    db.dispose()


@pytest.fixture
def admin(house_db):
    from bgfuture_desk.services.users import service as users

    return users.actor_of(users.authenticate(house_db, "admin", ADMIN_PASSWORD))
