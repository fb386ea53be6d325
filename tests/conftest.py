"""Shared fixtures: a fresh house file, its administrator, and Qt kept off any screen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Off any screen, on one of the house PCs' size: 1366×768 at 96 dpi.
HOUSE_SCREEN = Path(__file__).with_name("house_screen.json")
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={HOUSE_SCREEN}")

ADMIN_PASSWORD = "parola-123"


def pytest_collection_modifyitems(config, items):
    ui_dir = Path(__file__).parent / "ui"
    for item in items:
        if ui_dir in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "house.sqlite"


@pytest.fixture
def house_db(db_path: Path):
    """An initialised Kran house with one administrator (admin / parola-123)."""
    from bgfuture_desk.services.house import setup

    db = setup.initialise(
        db_path,
        setup.preset_input("kran"),
        setup.AdminInput("admin", "Мария Петрова", ADMIN_PASSWORD),
    )
    yield db
    db.dispose()


@pytest.fixture
def admin(house_db):
    from bgfuture_desk.services.users import service as users

    return users.actor_of(users.authenticate(house_db, "admin", ADMIN_PASSWORD))
