"""Fixtures of the export and consolidation tests: houses, targets, PostgreSQL.

Load with ``pytest_plugins = ["tests.exchange_fixtures"]`` and mark the module with
``pytestmark = pytest.mark.usefixtures("cheap_kdf")`` (Argon2 at its real cost would make
every export take a fifth of a second for nothing the tests look at).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bgfuture_desk.services.demo import generate_demo
from bgfuture_desk.services.exchange import export_file
from bgfuture_desk.services.house import setup
from tests.exchange_data import DEMO_DAY, Houses, pg_reset


@pytest.fixture
def cheap_kdf(monkeypatch):
    monkeypatch.setattr(export_file, "KDF", export_file.KdfParams(1, 64, 1))


@pytest.fixture(scope="session")
def house_templates(tmp_path_factory) -> dict[str, Path]:
    """Two small demo houses (Крън, Ръжена), made once and copied for each test."""
    folder = tmp_path_factory.mktemp("houses")
    out = {}
    for code, families, seed in (("kran", 6, 1), ("razhena", 5, 2)):
        path = folder / f"{code}.sqlite"
        db = setup.initialise(path, setup.preset_input(code), None)
        generate_demo(db, families=families, seed=seed, today=DEMO_DAY)
        db.dispose()
        out[code] = path
    return out


@pytest.fixture
def houses(house_templates, tmp_path) -> Houses:
    copies = {}
    for code, path in house_templates.items():
        copies[code] = tmp_path / path.name
        shutil.copy(path, copies[code])
    return Houses(**copies)


@pytest.fixture
def pg_url():
    """The test PostgreSQL (``make test`` starts one); skipped without it, failed under CI."""
    url = os.environ.get("BGF_TEST_PG_URL")
    if not url:
        reason = (
            "PostgreSQL is not available: set BGF_TEST_PG_URL "
            "(`make test` starts a server with tools/postgres-test.sh)"
        )
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(reason + " - required under CI")
        pytest.skip(reason)
    pg_reset(url)
    yield url
    pg_reset(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, tmp_path) -> str:
    """A consolidated database that does not exist yet: a file path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "consolidated" / "all.sqlite")
    return request.getfixturevalue("pg_url")
