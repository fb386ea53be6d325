"""Opening and creating house databases, migrating them safely on the way."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import DatabaseError as SqlDatabaseError

from bgfuture_desk import errorlog
from bgfuture_desk.db import migrate
from bgfuture_desk.db.engine import check_sqlite_file, engine_for, is_url
from bgfuture_desk.errors import DatabaseFileError
from bgfuture_desk.i18n import _
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


def open_database(target: str | Path) -> Opened:
    """Open an existing house file (or database URL), upgrading an older schema after a backup."""
    if isinstance(target, str) and is_url(target):
        engine = engine_for(target)
        if not migrate.schema_state(engine).up_to_date:
            migrate.upgrade(engine)
        return Opened(Database(engine), None)
    path = Path(target)
    check_sqlite_file(path)
    damaged = DatabaseFileError(
        _("The file is damaged or is not a database of this program: {path}").format(path=path)
    )
    try:
        migrate.file_schema_state(path)  # refuses a newer or foreign file before any write
    except SqlDatabaseError as err:
        raise _busy_or(damaged, err) from None
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


def create_database(path: Path) -> Database:
    """A new, empty house file with the newest schema; refuses to touch an existing file."""
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
    engine = engine_for(path)
    try:
        migrate.upgrade(engine)
    except Exception:
        engine.dispose()
        path.unlink(missing_ok=True)
        raise
    return Database(engine, path)
