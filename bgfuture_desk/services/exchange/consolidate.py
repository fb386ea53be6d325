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
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError as SqlOperationalError
from sqlalchemy.pool import NullPool

from bgfuture_desk.db import migrate
from bgfuture_desk.db.engine import check_sqlite_file, file_engine, is_url, wipe_free_space
from bgfuture_desk.db.models import AuditEvent, House
from bgfuture_desk.domain.clock import SYSTEM_CLOCK, Clock
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.exchange.consolidate_import import (
    MIGRATING,
    ConsolidationError,
    FileImport,
    build_new_file,
    import_file,
)
from bgfuture_desk.services.exchange.export import Progress, no_progress
from bgfuture_desk.services.exchange.export_read import ExportContents, read_export
from bgfuture_desk.services.exchange.manifest import ExportManifest
from bgfuture_desk.services.exchange.snapshot import local_house_id, snapshot_engine
from bgfuture_desk.services.house.database import open_database
from bgfuture_desk.services.unit import Actor, Database, guarded


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


def _prepared(path: Path, passphrase: str, tick: Callable[[int], None]) -> ExportContents:
    """A verified export whose snapshot copy is brought to this program's schema."""
    contents = read_export(path, passphrase, tick)
    try:
        if contents.manifest.schema_revision != migrate.head_revision():
            with MIGRATING, snapshot_engine(contents.snapshot) as engine:
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


class _Checks:
    """Every file decrypted and checked in worker threads (decryption, hashing and SQLite
    leave the interpreter free), reported as one phase: bytes read of all the files."""

    def __init__(
        self, files: list[Path], passphrase: str, report: Progress, spare_cpus: int = 0
    ) -> None:
        self.report = report
        self.total = sum(_size(path) for path in files)
        self.done = 0
        self.lock = threading.Lock()
        self.announced = False
        workers = max(1, min(len(files), (os.cpu_count() or 1) - spare_cpus, 4))
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="bgf-check")
        self.futures = [self.pool.submit(self._check, path, passphrase) for path in files]

    def _check(self, path: Path, passphrase: str) -> ExportContents:
        message = _("Checking {name}…").format(name=path.name)

        def tick(n: int) -> None:
            with self.lock:
                self.done += n
                self.report(self.done, self.total, message)

        tick(0)
        return _prepared(path, passphrase, tick)

    def one(self, index: int) -> ExportContents:
        """The ``index``-th file, once checked; its refusal is raised."""
        return self.futures[index].result()

    def finished(self) -> bool:
        """Whether every file is checked and in order (said once, closing the phase)."""
        if not self.announced and all(
            f.done() and f.exception() is None for f in self.futures
        ):
            self.announced = True
            self.report(self.total, self.total, _("All files are in order."))
        return self.announced

    def all(self) -> list[ExportContents]:
        """Every file checked; the first refusal in the order of the files is raised."""
        wait(self.futures)
        for future in self.futures:
            if future.exception() is not None:
                raise future.exception()  # type: ignore[misc]
        self.finished()
        return [future.result() for future in self.futures]

    def close(self) -> None:
        """Stop the checks not yet begun, wait for the others, remove every copy."""
        self.pool.shutdown(wait=True, cancel_futures=True)
        for future in self.futures:
            if not future.cancelled() and future.exception() is None:
                future.result().close()


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
        engine = file_engine(path, poolclass=NullPool)
        label = str(path)
    else:
        assert url is not None
        engine = create_engine(url, poolclass=NullPool)
        label = target_label(url)
        state = _reachable_state(engine, url)
    try:
        houses = _look(engine, label) if state.current is not None else {}
    finally:
        engine.dispose()
    return _Target(url, path, state.current is not None, houses)


def _reachable_state(engine: Engine, url: str) -> migrate.SchemaState:
    """The schema of a database server's target, or a Bulgarian refusal naming the server
    and the reason when it cannot be reached (wrong host, port, password, database)."""
    try:
        return migrate.schema_state(engine)
    except SqlOperationalError as err:
        engine.dispose()
        parsed = make_url(url)
        reason = str(getattr(err, "orig", err) or err).strip().splitlines()
        raise ConsolidationError(
            _("The database server {host}:{port} cannot be reached: {reason}").format(
                host=parsed.host or "localhost",
                port=parsed.port or "",
                reason=reason[0] if reason else type(err).__name__,
            )
        ) from None


@guarded(Permission.CONSOLIDATE)
def consolidate(
    target: str | Path,
    files: list[Path],
    passphrase: str,
    progress: Progress | None = None,
    *,
    db: Database | None = None,
    actor: Actor | None = None,
    clock: Clock | None = None,
) -> ConsolidationResult:
    """Import ``files`` into ``target``; the same files in any order give the same database.

    From the app, ``actor`` is the user logged in on the house ``db`` and needs the
    permission to consolidate; the command line consolidates as the program itself.

    ``progress(done, total, message)`` reports first the bytes of the files read while they
    are checked (total = their size; files are checked in parallel, so calls come from
    worker threads), then the records imported (total = every record of every file, from
    the calling thread); a progress bar takes its range from each call. An exception raised
    by ``progress`` (a Cancel button) stops the work: while checking, nothing was touched;
    while importing into an existing database, the file being imported is rolled back
    (earlier files stay in); a new SQLite file is not created at all.

    A new SQLite file is built under a temporary name while the later files are still
    being checked (it is thrown away on any refusal, so the target is untouched just the
    same); into an existing database nothing is written before every file is in order.

    Each file imported is written in the target's import log (``ImportLog``) with the time
    of ``clock`` (the house's clock from the app, the computer's on the command line).
    """
    started = time.perf_counter()
    report = progress or no_progress
    clock = clock or (db.clock if db is not None else SYSTEM_CLOCK)
    if not files:
        raise UserError(_("Choose at least one export file."))
    url, path = _target_of(target)
    building = url is None and path is not None and not path.exists()
    # A file being built keeps one processor busy beside the checks.
    checks = _Checks([Path(f) for f in files], passphrase, report, spare_cpus=int(building))
    try:
        if building:
            assert path is not None
            spec = _Target(None, path, False, {})
            imports = _build_while_checking(path, checks, report, clock)
        else:
            contents = checks.all()
            spec = _inspect_target(target)
            _refuse_clashes(spec.houses, contents)
            imports = _import_all(spec, contents, report, clock)
    finally:
        checks.close()
    return ConsolidationResult(
        target_label(target), not spec.exists, imports, round(time.perf_counter() - started, 3)
    )


class _ImportProgress:
    """The import phase of the progress: records done of every file's records (``total()``,
    asked once the files are checked); quiet while files are still being checked, as that
    phase is reported until it ends."""

    def __init__(self, report: Progress, total: Callable[[], int], ready: Callable[[], bool]):
        self.report, self.ready, self._total = report, ready, total
        self.total: int | None = None
        self.done, self.message = 0, ""

    def _report(self) -> None:
        if self.ready():
            if self.total is None:
                self.total = self._total()
            self.report(self.done, self.total, self.message)

    def say(self, message: str) -> None:
        self.message = message
        self._report()

    def tick(self, n: int) -> None:
        self.done += n
        self._report()


def _records(contents: list[ExportContents]) -> int:
    return sum(item.manifest.records + 1 for item in contents)


def _build_while_checking(
    path: Path, checks: _Checks, report: Progress, clock: Clock
) -> list[FileImport]:
    """A new SQLite file, each export imported as soon as it is checked (in file order)."""
    manifests: list[ExportManifest] = []

    def verified() -> Iterator[ExportContents]:
        for index in range(len(checks.futures)):
            item = checks.one(index)
            try:
                _refuse_clashes({m.house_id: m.house_code for m in manifests}, [item])
            except ConsolidationError:
                checks.all()  # a refusal of any file comes first, as when all are checked first
                raise
            manifests.append(item.manifest)
            yield item

    progress = _ImportProgress(report, lambda: _records(checks.all()), checks.finished)
    return build_new_file(path, verified(), progress.tick, progress.say, clock)


def _import_all(
    spec: _Target, contents: list[ExportContents], report: Progress, clock: Clock
) -> list[FileImport]:
    total = _records(contents)
    done, last_message = 0, ""

    def say(message: str) -> None:
        nonlocal last_message
        last_message = message
        report(done, total, message)

    def tick(n: int) -> None:
        nonlocal done
        done += n
        report(done, total, last_message)

    if spec.path is not None and not spec.exists:
        return build_new_file(spec.path, contents, tick, say, clock)
    location = spec.url if spec.url is not None else spec.path
    assert location is not None  # _target_of gives a url or a path
    db = open_database(location).db
    try:
        erasures = _erasures(db.engine)
        imports = [import_file(db.engine, item, tick, say, clock=clock) for item in contents]
        if _erasures(db.engine) != erasures:
            wipe_free_space(db.engine)  # the erased values leave the file's free pages too
        return imports
    finally:
        db.dispose()


def _erasures(engine: Engine) -> int:
    """How many erasures on request the target has received (``services.families.erasure``)."""
    with engine.connect() as conn:
        query = select(func.count()).where(AuditEvent.operation == "erase")
        return conn.scalar(query) or 0
