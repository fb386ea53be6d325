"""Consolidation (coordinator side): any number of house exports into one database.

The target is a file path (SQLite, created with the schema when missing) or any SQLAlchemy
URL (PostgreSQL in particular; migrated like a house file). Every file is decrypted and
checked completely before the target is touched, and the target is checked read-only
first, so a refusal leaves it exactly as it was (a missing SQLite target is not even
created). Each file is then imported in one transaction, table by table in foreign-key
order, each record keeping its house (``consolidate_import``; the merge rule is in
``consolidate_rows``).
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, select
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from bgfuture_desk.db import migrate
from bgfuture_desk.db.engine import check_sqlite_file, is_url, sqlite_url
from bgfuture_desk.db.models import House
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.consolidate_import import (
    ConsolidationError,
    FileImport,
    build_new_file,
    import_file,
)
from bgfuture_desk.services.database import open_database
from bgfuture_desk.services.export import Progress, no_progress
from bgfuture_desk.services.export_read import ExportContents, read_export
from bgfuture_desk.services.export_snapshot import local_house_id, snapshot_engine


@dataclass(frozen=True)
class ConsolidationResult:
    target: str
    created: bool  # the target did not exist before (SQLite) or had no schema yet
    files: list[FileImport]
    seconds: float

    @property
    def inserted(self) -> int:
        return sum(f.inserted for f in self.files)

    @property
    def updated(self) -> int:
        return sum(f.updated for f in self.files)

    @property
    def unchanged(self) -> int:
        return sum(f.unchanged for f in self.files)


# ---- the files --------------------------------------------------------------------------


def _size(path: str | Path) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0  # read_export will say what is wrong with it


def _prepared(path: Path, passphrase: str, tick) -> ExportContents:
    """A verified export whose snapshot copy is brought to this program's schema."""
    contents = read_export(path, passphrase, tick)
    try:
        if contents.manifest.schema_revision != migrate.head_revision():
            with snapshot_engine(contents.snapshot) as engine:
                migrate.upgrade(engine)
    except UserError:
        contents.close()
        raise
    except Exception:
        contents.close()
        raise ConsolidationError(
            _("The file {name} could not be brought up to this version of the program.").format(
                name=Path(path).name
            )
        ) from None
    return contents


def _verify_all(files: list[Path], passphrase: str, report: Progress) -> list[ExportContents]:
    """Every file decrypted and checked, several at once (decryption, hashing and SQLite
    leave the interpreter free); the first refusal in the order of ``files`` is raised."""
    total = sum(_size(path) for path in files)
    done = 0
    lock = threading.Lock()

    def check(path: Path) -> ExportContents:
        message = _("Checking {name}…").format(name=path.name)

        def tick(n: int) -> None:
            nonlocal done
            with lock:
                done += n
                report(done, total, message)

        tick(0)
        return _prepared(path, passphrase, tick)

    workers = max(1, min(len(files), os.cpu_count() or 1, 4))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="bgf-check") as pool:
        futures = [pool.submit(check, path) for path in files]
        wait(futures)
    contents = [f.result() for f in futures if f.exception() is None]
    for future in futures:
        if future.exception() is not None:
            for item in contents:
                item.close()
            raise future.exception()  # type: ignore[misc]
    report(total, total, _("All files are in order."))
    return contents


def _refuse_clashes(houses: dict[uuid.UUID, str], contents: list[ExportContents]) -> None:
    """Two different houses with one code cannot live in one database."""
    by_code = {code: house_id for house_id, code in houses.items()}
    for item in contents:
        m = item.manifest
        other = by_code.setdefault(m.house_code, m.house_id)
        if other != m.house_id:
            raise ConsolidationError(
                _(
                    "The file {name} is of a house with the code „{code}“, but another house "
                    "with that code is already there; nothing was imported."
                ).format(name=item.path.name, code=m.house_code)
            )


# ---- the target -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    url: str | None  # a server database, or None for a file
    path: Path | None
    exists: bool  # has this program's schema (or is a file)
    houses: dict[uuid.UUID, str]  # id → code of the houses already there


def _target_of(target: str | Path) -> tuple[str | None, Path | None]:
    if isinstance(target, str) and is_url(target):
        url = make_url(target)
        if url.get_backend_name() == "sqlite" and url.database:
            return None, Path(url.database)
        return target, None
    return None, Path(target)


def target_label(target: str | Path) -> str:
    """The target as it may be shown: a URL without its password."""
    url, path = _target_of(target)
    return str(path) if url is None else make_url(url).render_as_string(hide_password=True)


def _look(engine: Engine, label: str) -> dict[uuid.UUID, str]:
    """Houses of an existing target, read without writing; a house's own file is refused."""
    with engine.connect() as conn:
        if local_house_id(conn) is not None:
            raise ConsolidationError(
                _(
                    "{target} is the database of a house, not a consolidated database; "
                    "choose another target."
                ).format(target=label)
            )
        return {row.id: row.code for row in conn.execute(select(House.id, House.code))}


def _inspect_target(target: str | Path) -> _Target:
    url, path = _target_of(target)
    if path is not None:
        if not path.exists():
            return _Target(None, path, False, {})
        check_sqlite_file(path)
        state = migrate.file_schema_state(path)
        engine = create_engine(sqlite_url(path), poolclass=NullPool)
        label = str(path)
    else:
        assert url is not None
        engine = create_engine(url, poolclass=NullPool)
        label = target_label(url)
        state = migrate.schema_state(engine)
    try:
        houses = _look(engine, label) if state.current is not None else {}
    finally:
        engine.dispose()
    return _Target(url, path, state.current is not None, houses)


def consolidate(
    target: str | Path, files: list[Path], passphrase: str, progress: Progress | None = None
) -> ConsolidationResult:
    """Import ``files`` into ``target``; the same files in any order give the same database.

    ``progress(done, total, message)`` reports first the bytes of the files read while they
    are checked (total = their size; files are checked in parallel, so calls come from
    worker threads), then the records imported (total = every record of every file, from
    the calling thread); a progress bar takes its range from each call. An exception raised
    by ``progress`` (a Cancel button) stops the work: while checking, nothing was touched;
    while importing into an existing database, the file being imported is rolled back
    (earlier files stay in); a new SQLite file is not created at all.
    """
    started = time.perf_counter()
    report = progress or no_progress
    if not files:
        raise UserError(_("Choose at least one export file."))
    contents: list[ExportContents] = []
    try:
        contents = _verify_all([Path(f) for f in files], passphrase, report)
        spec = _inspect_target(target)
        _refuse_clashes(spec.houses, contents)
        imports = _import_all(spec, contents, report)
    finally:
        for item in contents:
            item.close()
    return ConsolidationResult(
        target_label(target), not spec.exists, imports, round(time.perf_counter() - started, 3)
    )


def _import_all(spec: _Target, contents: list[ExportContents], report) -> list[FileImport]:
    total = sum(item.manifest.records + 1 for item in contents)
    state = {"done": 0, "message": ""}

    def say(message: str) -> None:
        state["message"] = message
        report(state["done"], total, message)

    def tick(n: int) -> None:
        state["done"] += n
        report(state["done"], total, state["message"])

    if spec.path is not None and not spec.exists:
        return build_new_file(spec.path, contents, tick, say)
    db = open_database(spec.url if spec.url is not None else spec.path).db
    try:
        return [import_file(db.engine, item, tick, say) for item in contents]
    finally:
        db.dispose()
