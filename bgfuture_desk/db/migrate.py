"""Schema versions: Alembic migrations applied automatically, a backup taken first.

A file from a newer version of the program (a revision this program does not know) is
refused and never touched.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect
from sqlalchemy.pool import NullPool

from bgfuture_desk.db import cipher
from bgfuture_desk.db.engine import BEGIN_OPTION, BEGIN_READ, NO_BEGIN, backup_sqlite, file_engine
from bgfuture_desk.errors import DatabaseFileError
from bgfuture_desk.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    from alembic.config import Config  # Alembic is loaded only when a file is upgraded

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


@cache
def _revisions() -> tuple[str, ...]:
    """The revisions in order, read from the names of the migration files: they are
    numbered one after another, each revising the one before (a test holds Alembic's own
    reading of the scripts to this), so opening an up-to-date file needs no Alembic."""
    names = (p.name for p in (MIGRATIONS_DIR / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
    return tuple(sorted(name[:4] for name in names))


def head_revision() -> str:
    return _revisions()[-1]


def known_revisions() -> set[str]:
    return set(_revisions())


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


@dataclass(frozen=True)
class SchemaState:
    current: str | None
    head: str

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def schema_state(engine: Engine) -> SchemaState:
    current = current_revision(engine)
    if current is not None and current not in known_revisions():
        raise DatabaseFileError(
            _(
                "The database comes from a newer version of the program ({revision}). "
                "Update the program; the file was not changed."
            ).format(revision=current)
        )
    if current is None and inspect(engine).get_table_names():
        raise DatabaseFileError(_("The file is a database, but not one of this program."))
    return SchemaState(current=current, head=head_revision())


def file_schema_state(path: Path) -> SchemaState:
    """The schema of a house file, looked at without the house engine's pragmas.

    Switching a file to WAL is a write; a file that is refused (newer, foreign) must stay
    exactly as it was, so the first look is a plain connection that only reads.
    """
    engine = file_engine(path, poolclass=NullPool)
    try:
        return schema_state(engine)
    finally:
        engine.dispose()


def _run(engine: Engine, step: Callable[[Config, str], None], revision: str) -> None:
    """Run Alembic with foreign keys off on SQLite: batch migrations drop and rebuild tables
    that other rows point to, which SQLite would otherwise refuse (or cascade)."""
    cfg = _config()
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            _pragma(conn, "PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                step(cfg, revision)
        finally:
            if sqlite:
                _pragma(conn, "PRAGMA foreign_keys=ON")


def _pragma(conn: Connection, statement: str) -> None:
    """A PRAGMA outside any transaction (SQLite ignores foreign_keys inside one)."""
    conn.execution_options(**{BEGIN_OPTION: NO_BEGIN})
    conn.exec_driver_sql(statement)
    conn.commit()
    conn.execution_options(**{BEGIN_OPTION: BEGIN_READ})


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    _run(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    _run(engine, command.downgrade, revision)


def backup_path(db_path: Path, revision: str | None) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return db_path.with_name(f"{db_path.stem}.before-upgrade-{revision or 'empty'}-{stamp}.sqlite")


def _verify_copy(copy: Path) -> None:
    """The copy taken before an upgrade is the way back: owner-only, and checked with
    ``integrity_check`` before anything changes the file (a bad copy stops the upgrade)."""
    os.chmod(copy, 0o600)
    try:
        conn = cipher.connect(copy)
        try:
            sound = [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
        finally:
            conn.close()
    except cipher.ERRORS:
        sound = False
    if not sound:
        copy.unlink(missing_ok=True)
        raise DatabaseFileError(
            _("The copy taken before the upgrade failed the integrity check; the file was not "
              "upgraded (see bgfuture-desk check).")
        )


def upgrade_file(engine: Engine, db_path: Path) -> Path | None:
    """Bring a house file to the newest schema; return the backup made, if one was needed."""
    state = schema_state(engine)
    if state.up_to_date:
        return None
    backup = None
    if state.current is not None:
        backup = backup_path(db_path, state.current)
        engine.dispose()
        backup_sqlite(db_path, backup)
        _verify_copy(backup)
    try:
        upgrade(engine)
    except Exception as err:
        if backup is None:
            raise
        # SQLite runs DDL outside the transaction: put the whole file back as it was.
        engine.dispose()
        backup_sqlite(backup, db_path)
        raise DatabaseFileError(
            _(
                "The database could not be brought up to date and was left as it was "
                "(a copy is in {backup})."
            ).format(backup=backup)
        ) from err
    return backup
