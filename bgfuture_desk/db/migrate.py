"""Schema versions: Alembic migrations applied automatically, a backup taken first.

A file from a newer version of the program (a revision this program does not know) is
refused and never touched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from bgfuture_desk.db.engine import backup_sqlite
from bgfuture_desk.errors import DatabaseFileError
from bgfuture_desk.i18n import _

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


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


def upgrade(engine: Engine, revision: str = "head") -> None:
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def backup_path(db_path: Path, revision: str | None) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return db_path.with_name(f"{db_path.stem}.before-upgrade-{revision or 'empty'}-{stamp}.sqlite")


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
    upgrade(engine)
    return backup
