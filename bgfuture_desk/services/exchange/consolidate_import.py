"""Importing verified exports into the target: one transaction per file.

Into an existing database every file is merged with all indexes and foreign-key checks on.
A new SQLite file is built faster: under a temporary name, without its secondary indexes and
without foreign-key checks (SQLite would otherwise search the child tables for every parent
row an INSERT … SELECT adds). That is safe because every snapshot was checked to hold all
the records its records point to (``export_read``), and records never point across houses.
The indexes are built once at the end, and only then is the file renamed into place: a
failure or a cancel never leaves a half-built target behind. Because the half-built file is
thrown away on any failure, it is written without a journal and without waiting for the
disk (SQLite's ``journal_mode=OFF``, ``synchronous=OFF``: every page is written once, not
into the WAL and again into the file); durability comes from one fsync of the finished file
before the rename, and of its folder after it. The finished file is switched to WAL like
every other database of the program. Into PostgreSQL (psycopg 3) the rows are COPYed into
a temporary table and merged by one upsert per table (``consolidate_rows.merge_copied``).
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, Table, event, insert
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import NullPool

from bgfuture_desk.db import cipher
from bgfuture_desk.db.base import Base
from bgfuture_desk.db.engine import file_engine
from bgfuture_desk.db.models import TRAVELLING_MODELS, House, ImportLog
from bgfuture_desk.domain.clock import SYSTEM_CLOCK, Clock
from bgfuture_desk.errors import UserError
from bgfuture_desk.files import fsync_folder
from bgfuture_desk.i18n import _
from bgfuture_desk.services.exchange.consolidate_rows import (
    TableStats,
    merge_attached,
    merge_copied,
    merge_table,
)
from bgfuture_desk.services.exchange.export_read import ExportContents
from bgfuture_desk.services.exchange.snapshot import snapshot_engine
from bgfuture_desk.services.house.database import create_database
from bgfuture_desk.services.house.health import kind_label

_ATTACHED = "incoming_db"
# Alembic keeps the migration being run in module globals: one migration at a time, while
# files are checked (and old snapshots migrated) in threads beside a new file being built.
MIGRATING = threading.Lock()

Tick = Callable[[int], None]
Say = Callable[[str], None]
# Writes the import log's row, inside the import's transaction.
Record = Callable[[Connection, dict[str, "TableStats"]], None]
# Moves one export's rows into the target: (connection, export, tick, say, fresh, record).
Merger = Callable[[Connection, ExportContents, Tick, Say, bool, Record], dict[str, TableStats]]


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
    # The metadata's own Table objects: ``Model.__table__`` is typed only as a FromClause.
    tables = Base.metadata.tables
    return [tables[House.__tablename__], *(tables[m.__tablename__] for m in TRAVELLING_MODELS)]


def _kind(table: Table) -> str:
    return _("the house") if table.name == "houses" else kind_label(table.name)


def _say_table(say: Say, item: ExportContents, table: Table) -> None:
    say(_("Importing {house}: {kind}…").format(house=item.manifest.house_name, kind=_kind(table)))


def _merge_rows(
    conn: Connection, item: ExportContents, tick: Tick, say: Say, _fresh: bool, record: Record
) -> dict[str, TableStats]:
    """Any target: rows move through Python in chunks."""
    out: dict[str, TableStats] = {}
    with snapshot_engine(item.snapshot) as source, source.connect() as src, conn.begin():
        for table in tables():
            _say_table(say, item, table)
            out[table.name] = merge_table(src, conn, table, tick)
        record(conn, out)
    return out


def _merge_copied(
    conn: Connection, item: ExportContents, tick: Tick, say: Say, _fresh: bool, record: Record
) -> dict[str, TableStats]:
    """PostgreSQL through psycopg 3: the rows are COPYed in and merged set-based."""
    out: dict[str, TableStats] = {}
    src = cipher.connect(item.snapshot, read_only=True)
    try:
        with conn.begin():
            for table in tables():
                _say_table(say, item, table)
                out[table.name] = merge_copied(conn, src, table, tick)
            record(conn, out)
    finally:
        src.close()
    return out


def _merger(engine: Engine) -> Merger:
    """How rows reach this kind of target (the quickest way it offers)."""
    if engine.dialect.name == "sqlite" and cipher.dbapi.sqlite_version_info >= (3, 33):
        return _merge_attached
    if engine.dialect.name == "postgresql" and engine.dialect.driver == "psycopg":
        return _merge_copied
    return _merge_rows


def _merge_attached(
    conn: Connection, item: ExportContents, tick: Tick, say: Say, fresh: bool, record: Record
) -> dict[str, TableStats]:
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
            record(conn, out)
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
    clock: Clock = SYSTEM_CLOCK,
) -> FileImport:
    """One export into the target, in one transaction. ``building``: a new file without
    foreign-key checks (see ``build_new_file``); ``fresh``: nothing of its house there yet."""
    sqlite = engine.dialect.name == "sqlite"
    merge = _merger(engine)

    def record(conn: Connection, stats: dict[str, TableStats]) -> None:
        _record_import(conn, item, clock.now(), stats)

    try:
        with engine.connect() as conn:
            if building and sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys = OFF")  # outside any transaction
                conn.commit()
            try:
                stats = merge(conn, item, tick, say, fresh, record)
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


def _record_import(
    conn: Connection, item: ExportContents, at: dt.datetime, stats: dict[str, TableStats]
) -> None:
    """The import log's row of one export (``ImportLog``): the house, its month, when."""
    m = item.manifest
    changed = sum(s.inserted + s.updated for s in stats.values())
    conn.execute(
        insert(ImportLog).values(
            id=uuid.uuid4(), house_id=m.house_id, house_code=m.house_code, month=m.month,
            file_name=item.path.name[:255], exported_at=m.created_at, imported_at=at,
            records=changed,
        )
    )  # fmt: skip


def remove_database_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# Memory for SQLite's page cache and index sorter while a new file is built (KiB).
BUILD_CACHE_KIB = 256 * 1024
# Pages of a consolidated file: larger than a house file's 4 KiB, a tenth quicker to fill
# and to index, and a consolidated database is read in bulk (reports), not row by row.
BUILD_PAGE_BYTES = 16384


def _on_build_connect(dbapi_connection: DBAPIConnection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=OFF")
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.execute("PRAGMA foreign_keys=OFF")  # see the module's docstring
    # an older export's rows replaced by a newer one's (an erasure) leave no bytes behind
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute(f"PRAGMA cache_size=-{BUILD_CACHE_KIB}")
    cursor.execute(f"PRAGMA threads={min(4, os.cpu_count() or 1)}")  # index sorting
    cursor.close()


def _build_engine(path: Path) -> Engine:
    """An engine for a file that is thrown away unless it is completed (see above)."""
    engine = file_engine(path, poolclass=NullPool)
    event.listen(engine, "connect", _on_build_connect)
    return engine


def _set_page_size(path: Path) -> None:
    """Give the new file (still only its schema) bigger pages; VACUUM rewrites it."""
    conn = cipher.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")  # the page size cannot change in WAL
        conn.execute(f"PRAGMA page_size={BUILD_PAGE_BYTES}")
        conn.execute("VACUUM")
    finally:
        conn.close()


def _finish_file(path: Path) -> None:
    """Switch the built file to WAL and flush it to the disk before it is renamed."""
    conn = cipher.connect(path)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def build_new_file(
    path: Path,
    contents: Iterable[ExportContents],
    tick: Tick,
    say: Say,
    clock: Clock = SYSTEM_CLOCK,
) -> list[FileImport]:
    """A new SQLite target from ``contents``: complete and checked, or not there at all.

    ``contents`` may be a generator that checks each file as it is asked for; whatever it
    raises removes the half-built file."""
    building = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    made_folders = [p for p in [path.parent, *path.parent.parents] if not p.exists()]
    try:
        with MIGRATING:
            # the schema, through the migrations; the consolidated file is not encrypted (yet)
            create_database(building, encrypted=False).dispose()
        _set_page_size(building)
        engine = _build_engine(building)
        try:
            indexes = [index for table in tables() for index in table.indexes]
            with engine.begin() as conn:
                for index in indexes:
                    index.drop(conn)
            imports, seen = [], set()
            for item in contents:
                fresh = item.manifest.house_id not in seen
                seen.add(item.manifest.house_id)
                imports.append(
                    import_file(engine, item, tick, say, building=True, fresh=fresh, clock=clock)
                )
            say(_("Building the indexes…"))
            with engine.begin() as conn:
                for index in indexes:
                    index.create(conn)
        finally:
            engine.dispose()
        _finish_file(building)
        os.replace(building, path)
        fsync_folder(path.parent)
    except BaseException:
        remove_database_file(building)
        for folder in made_folders:  # deepest first; only the ones made here, if empty
            try:
                folder.rmdir()
            except OSError:
                break
        raise
    return imports
