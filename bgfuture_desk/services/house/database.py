"""Opening and creating house databases, migrating them safely on the way."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DatabaseError as SqlDatabaseError

from bgfuture_desk import errorlog
from bgfuture_desk.db import cipher, migrate
from bgfuture_desk.db.engine import (
    SQLITE_HEADER,
    check_sqlite_file,
    engine_for,
    is_url,
    sqlite_engine,
)
from bgfuture_desk.errors import DamagedFileError, DatabaseFileError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.house import encrypt_file, keys
from bgfuture_desk.services.unit import Database


@dataclass(frozen=True)
class Opened:
    db: Database
    backup: Path | None  # the copy taken before an upgrade, if there was one


def inspect_database(target: str | Path) -> Database:
    """Open a house file (or database URL) to look at it, as ``check`` does: never upgraded,
    so an older file stays exactly as it was; a newer, foreign or damaged one is refused."""
    if isinstance(target, str) and is_url(target):
        return Database(engine_for(target))
    keys.ensure_installed()
    path = Path(target)
    check_sqlite_file(path)
    try:
        migrate.file_schema_state(path)
    except SqlDatabaseError as err:
        damaged = DatabaseFileError(
            _("The file is damaged or is not a database of this program: {path}").format(
                path=path
            )
        )
        raise _busy_or(damaged, err) from None
    return Database(engine_for(path), path)


def writable(path: Path) -> bool:
    """Whether the program may write the house file and make its -wal/-shm beside it."""
    path = Path(path)
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def damaged_message(path: Path) -> str:
    return _(
        "The house file is damaged: {path}. Nothing was written to it. Restore the newest "
        "good backup (Settings → Backups, or bgfuture-desk restore)."
    ).format(path=path)


def refuse_damaged(path: Path, *, full: bool = False) -> None:
    """Raise ``DamagedFileError`` for a file that is not a database at all or is damaged;
    looked at read-only, so the damaged file stays as it was.

    Every opening makes the cheap check: the header, the schema and the first row of each
    table, which catches a zeroed, cut or overwritten file in milliseconds. The
    whole file (SQLite's ``quick_check``, 1.3 s on a ten-year house) is read with ``full``
    and by the daily backup, whose copy is checked in full (``backup.backup_to``)."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError:
        return  # missing or unreadable: ``check_sqlite_file`` says which
    if header != SQLITE_HEADER and not cipher.is_encrypted(path):
        # a zeroed or overwritten file, or another kind of file
        raise DamagedFileError(
            _("The file is not a database of this program: {path}").format(path=path)
        )
    try:
        # not mode=ro: a read-only connection to a WAL file leaves -wal and -shm beside it,
        # an ordinary one removes them on closing; query_only keeps it from writing
        conn = cipher.connect(path)
    except cipher.ERRORS:
        return
    try:
        conn.execute("PRAGMA query_only=ON")
        if full:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        else:
            rows = _first_pages_check(conn)
    except cipher.ERRORS as err:
        if errorlog.is_locked(err):
            raise DatabaseFileError(errorlog.busy_message()) from None
        raise DamagedFileError(damaged_message(path)) from None
    finally:
        conn.close()
    if rows != ["ok"]:
        raise DamagedFileError(damaged_message(path))


def _first_pages_check(conn: Any) -> list[str]:
    """Read the schema and the first row of every table (its root page): SQLite raises
    "database disk image is malformed" for a page it cannot read."""
    conn.execute("PRAGMA schema_version").fetchone()
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )]  # fmt: skip
    for table in tables:
        conn.execute(f'SELECT * FROM "{table}" LIMIT 1').fetchall()
    return ["ok"]


def open_database(target: str | Path, *, read_only: bool = False,
                  progress: Callable[[str], None] | None = None) -> Opened:
    """Open an existing house file (or database URL), upgrading an older schema after a backup.

    ``read_only`` (a read-only file or folder, or a file another window writes to) opens it
    with SQLite's ``mode=ro``: never upgraded, every writing action refused. Opened to
    write, a plaintext house file of an older version is encrypted first (``progress`` is
    told what happens)."""
    if isinstance(target, str) and is_url(target):
        engine = engine_for(target)
        if not migrate.schema_state(engine).up_to_date:
            migrate.upgrade(engine)
        return Opened(Database(engine), None)
    keys.ensure_installed()
    path = Path(target)
    if not read_only:
        encrypt_file.finish_interrupted(path)
    refuse_damaged(path)
    check_sqlite_file(path)
    damaged = DamagedFileError(damaged_message(path))
    try:
        state = migrate.file_schema_state(path)  # refuses a newer or foreign file before any write
    except SqlDatabaseError as err:
        raise _busy_or(damaged, err) from None
    if not read_only and state.current is not None and encrypt_file.is_plain_house_file(path):
        encrypt_file.encrypt_in_place(path, progress)
    if read_only:
        if not state.up_to_date:
            raise DatabaseFileError(
                _("The house file is from an older version of the program and must be "
                  "upgraded, but it is read-only: {path}").format(path=path)
            )
        return Opened(Database(sqlite_engine(path, read_only=True), path, read_only=True), None)
    engine = engine_for(path)
    try:
        backup = migrate.upgrade_file(engine, path)
    except SqlDatabaseError as err:
        engine.dispose()
        raise _busy_or(damaged, err) from None
    except DatabaseFileError:
        engine.dispose()
        raise
    return Opened(Database(engine, path), backup)


def _busy_or(damaged: DatabaseFileError, err: Exception) -> DatabaseFileError:
    """A file held by another program is busy, not damaged: say which."""
    return DatabaseFileError(errorlog.busy_message()) if errorlog.is_locked(err) else damaged


def create_database(path: Path, *, encrypted: bool = True) -> Database:
    """A new, empty house file with the newest schema; refuses to touch an existing file.

    ``encrypted``: the file gets a new random key, kept in this user's key store before the
    file is made (a file whose key was lost could never be opened)."""
    if path.exists():
        raise DatabaseFileError(
            _("A file already exists here and was left untouched: {path}").format(path=path)
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(exist_ok=False)
    except OSError as err:
        raise DatabaseFileError(
            _("Cannot create the database file {path}: {reason}").format(
                path=path, reason=err.strerror or err
            )
        ) from None
    key = None
    if encrypted:
        key = cipher.new_key()
        keys.remember(key)
    engine = sqlite_engine(path, key=key)
    try:
        migrate.upgrade(engine)
    except Exception:
        engine.dispose()
        path.unlink(missing_ok=True)
        raise
    return Database(engine, path)
