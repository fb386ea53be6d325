"""Importing verified exports into the target: one transaction per file.

Into an existing database every file is merged with all indexes and foreign-key checks on.
A new SQLite file is built faster: under a temporary name, without its secondary indexes and
without foreign-key checks (SQLite would otherwise search the child tables for every parent
row an INSERT … SELECT adds). That is safe because every snapshot was checked to hold all
the records its records point to (``export_read``), and records never point across houses.
The indexes are built once at the end, and only then is the file renamed into place: a
failure or a cancel never leaves a half-built target behind.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, Table
from sqlalchemy.exc import IntegrityError

from bgfuture_desk.db.models import TRAVELLING_MODELS, House
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.consolidate_rows import TableStats, merge_attached, merge_table
from bgfuture_desk.services.database import create_database
from bgfuture_desk.services.export_read import ExportContents
from bgfuture_desk.services.export_snapshot import snapshot_engine
from bgfuture_desk.services.health import kind_label

_ATTACHED = "incoming_db"

Tick = Callable[[int], None]
Say = Callable[[str], None]


class ConsolidationError(UserError):
    """The target or the set of files cannot be consolidated (nothing was changed)."""


@dataclass(frozen=True)
class FileImport:
    """What one export brought into the target."""

    path: Path
    house_code: str
    house_name: str
    month: str
    inserted: int
    updated: int
    unchanged: int
    tables: dict[str, TableStats] = field(default_factory=dict)


def tables() -> list[Table]:
    """Every table that is imported, parents before children."""
    return [House.__table__, *(model.__table__ for model in TRAVELLING_MODELS)]


def _kind(table: Table) -> str:
    return _("the house") if table.name == "houses" else kind_label(table.name)


def _say_table(say: Say, item: ExportContents, table: Table) -> None:
    say(_("Importing {house}: {kind}…").format(house=item.manifest.house_name, kind=_kind(table)))


def _merge_rows(conn: Connection, item: ExportContents, tick: Tick, say: Say, _fresh: bool) -> dict:
    """Any target: rows move through Python in chunks."""
    out: dict[str, TableStats] = {}
    with snapshot_engine(item.snapshot) as source, source.connect() as src, conn.begin():
        for table in tables():
            _say_table(say, item, table)
            out[table.name] = merge_table(src, conn, table, tick)
    return out


def _merge_attached(
    conn: Connection, item: ExportContents, tick: Tick, say: Say, fresh: bool
) -> dict:
    """An SQLite target: the snapshot is attached and merged set-based."""
    out: dict[str, TableStats] = {}
    conn.exec_driver_sql(f"ATTACH DATABASE ? AS {_ATTACHED}", (str(item.snapshot),))
    conn.commit()
    try:
        with conn.begin():
            for table in tables():
                _say_table(say, item, table)
                stats = out[table.name] = merge_attached(conn, table, _ATTACHED, fresh)
                tick(stats.inserted + stats.updated + stats.unchanged)
    finally:
        conn.exec_driver_sql(f"DETACH DATABASE {_ATTACHED}")
        conn.commit()
    return out


def import_file(
    engine: Engine,
    item: ExportContents,
    tick: Tick,
    say: Say,
    *,
    building: bool = False,
    fresh: bool = False,
) -> FileImport:
    """One export into the target, in one transaction. ``building``: a new file without
    foreign-key checks (see ``build_new_file``); ``fresh``: nothing of its house there yet."""
    sqlite = engine.dialect.name == "sqlite"
    merge = _merge_attached if sqlite and sqlite3.sqlite_version_info >= (3, 33) else _merge_rows
    try:
        with engine.connect() as conn:
            if building and sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys = OFF")  # outside any transaction
                conn.commit()
            try:
                stats = merge(conn, item, tick, say, fresh)
            finally:
                if building and sqlite:
                    conn.exec_driver_sql("PRAGMA foreign_keys = ON")
                    conn.commit()
    except IntegrityError as err:
        raise ConsolidationError(
            _(
                "The records of {name} clash with records already in the consolidated "
                "database ({detail}); nothing of this file was imported."
            ).format(name=item.path.name, detail=str(err.orig).splitlines()[0])
        ) from None
    total = TableStats()
    for table_stats in stats.values():
        total.add(table_stats)
    m = item.manifest
    return FileImport(
        item.path,
        m.house_code,
        m.house_name,
        m.month,
        total.inserted,
        total.updated,
        total.unchanged,
        stats,
    )


def remove_database_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def build_new_file(
    path: Path, contents: list[ExportContents], tick: Tick, say: Say
) -> list[FileImport]:
    """A new SQLite target from ``contents``: complete and checked, or not there at all."""
    building = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        db = create_database(building)
        try:
            indexes = [index for table in tables() for index in table.indexes]
            with db.engine.begin() as conn:
                for index in indexes:
                    index.drop(conn)
            imports, seen = [], set()
            for item in contents:
                fresh = item.manifest.house_id not in seen
                seen.add(item.manifest.house_id)
                imports.append(import_file(db.engine, item, tick, say, building=True, fresh=fresh))
            say(_("Building the indexes…"))
            with db.engine.begin() as conn:
                for index in indexes:
                    index.create(conn)
        finally:
            db.dispose()
        os.replace(building, path)
    except BaseException:
        remove_database_file(building)
        raise
    return imports
