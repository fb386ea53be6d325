"""Exports, crafted files and dumps the export and consolidation tests share.

The fixtures are in ``tests/exchange_fixtures.py``.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from bgfuture_desk.db import cipher
from bgfuture_desk.db.engine import engine_for, file_engine, is_url
from bgfuture_desk.db.models import Base
from bgfuture_desk.services.exchange import export_file
from bgfuture_desk.services.exchange.export import export_month
from bgfuture_desk.services.exchange.export_read import read_export
from bgfuture_desk.services.house.database import open_database
from bgfuture_desk.services.unit import Actor

PASSPHRASE = "тайна-парола-1"
MONTH, NEXT_MONTH = "2025-01", "2025-02"
DEMO_DAY = dt.date(2025, 1, 20)


@dataclass
class Houses:
    kran: Path
    razhena: Path


def export(house: Path, out: Path, month: str = MONTH, passphrase: str = PASSPHRASE) -> Path:
    """Export a house file the way the assistant does; returns the file written."""
    db = open_database(house).db
    try:
        return export_month(db, Actor.system(), month=month, out=out, passphrase=passphrase).path
    finally:
        db.dispose()


def open_house(path: Path):
    return open_database(path).db


def _engine(target: str | Path):
    if isinstance(target, Path) or not is_url(str(target)):
        return file_engine(Path(target), poolclass=NullPool)
    return engine_for(str(target))


# Stay where they are: each house's settings, the consolidated database's import log.
NOT_TRAVELLING = ("settings", "import_logs")


def dump(target: str | Path) -> dict[str, dict[tuple[Any, ...], tuple[Any, ...]]]:
    """Every row of every table of a database as Python values, by primary key."""
    engine = _engine(target)
    try:
        with engine.connect() as conn:
            out = {}
            for table in Base.metadata.sorted_tables:
                keys = list(table.primary_key.columns)
                rows = conn.execute(select(*keys, table))
                out[table.name] = {tuple(row[: len(keys)]): tuple(row[len(keys) :]) for row in rows}
            return out
    finally:
        engine.dispose()


def scalars(target: str | Path, query) -> list[Any]:
    """Query a database the tests look into (ORM objects come back detached)."""
    engine = _engine(target)
    try:
        with Session(engine) as session:
            return list(session.scalars(query))
    finally:
        engine.dispose()


def travelling_rows(*houses: Path) -> dict[str, dict[tuple[Any, ...], tuple[Any, ...]]]:
    """What a consolidation of ``houses`` must hold: their rows, table by table."""
    out: dict[str, dict[tuple[Any, ...], tuple[Any, ...]]] = {}
    for house in houses:
        for name, rows in dump(house).items():
            if name not in NOT_TRAVELLING:
                out.setdefault(name, {}).update(rows)
    return out


def sorted_dump(target: str | Path) -> dict[str, dict[tuple[Any, ...], tuple[Any, ...]]]:
    """The dump without what does not travel (``NOT_TRAVELLING``)."""
    return {name: rows for name, rows in dump(target).items() if name not in NOT_TRAVELLING}


def snapshot_of(export_path: Path, into: Path, passphrase: str = PASSPHRASE) -> dict:
    """Decrypt an export into ``into``; returns its manifest as stored (JSON)."""
    with read_export(export_path, passphrase) as contents:
        shutil.copy(contents.snapshot, into)
        return contents.manifest.to_json()


def craft(
    out: Path,
    snapshot: Path,
    manifest: dict,
    passphrase: str = PASSPHRASE,
    label: export_file.ExportLabel | None = None,
) -> Path:
    """Pack a (possibly doctored) snapshot and manifest as an export file."""
    label = label or export_file.ExportLabel(manifest["house"]["code"], manifest["month"])

    def finish(sha256: str, size: int) -> dict:
        return {**manifest, "snapshot": {"sha256": sha256, "bytes": size}}

    buf = io.BytesIO()
    with open(snapshot, "rb") as snap:
        export_file.pack(buf, snap, finish, passphrase, label=label)
    out.write_bytes(buf.getvalue())
    return out


def run_sql(path: Path, *statements: str) -> None:
    conn = cipher.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def pg_reset(url: str) -> None:
    """An empty public schema: each PostgreSQL test starts from nothing."""
    engine = engine_for(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


def state(target: str) -> Any:
    """What must not change on a refusal: the bytes of a file, the content of a server."""
    if is_url(target):
        return dump(target)
    path = Path(target)
    return {
        suffix: Path(f"{path}{suffix}").read_bytes()
        for suffix in ("", "-wal", "-shm")
        if Path(f"{path}{suffix}").exists()
    }
