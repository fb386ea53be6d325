"""The monthly export (house side): one encrypted file per house and month.

``export_month`` writes the whole house file (the month is the label and the manifest's
period: corrections to older months travel with the next export) as one encrypted file,
``<house>-<YYYY-MM>.bgfx`` (format in ``export_file``), written under a temporary name and
renamed only when complete, and records it in the export log. ``export_status`` tells the
wizard which month to preselect and whether to remind. Long steps report
``progress(done, total, message)``; ``total == 0`` means "busy, length unknown".
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import select

from bgfuture_desk import __version__
from bgfuture_desk.db.models import ExportLog, User, utcnow
from bgfuture_desk.domain.months import Month, MonthError
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.errors import UserError, ValidationError
from bgfuture_desk.files import fsync_folder
from bgfuture_desk.i18n import _
from bgfuture_desk.services.exchange import export_file
from bgfuture_desk.services.exchange.manifest import ExportManifest
from bgfuture_desk.services.exchange.snapshot import (
    SnapshotFacts,
    snapshot_engine,
    snapshot_facts,
    take_snapshot,
)
from bgfuture_desk.services.unit import Actor, Database, guarded, needs

Progress = Callable[[int, int, str], None]
MIN_PASSPHRASE = 8
# Bigger houses travel on a USB stick anyway, and zlib would cost seconds per 100 MB.
COMPRESS_UP_TO = 64 * 1024 * 1024


def no_progress(_done: int, _total: int, _message: str) -> None:
    """The progress callback when nobody watches."""


# ---- input ------------------------------------------------------------------------------


def parse_month(text: str, today: dt.date) -> dt.date:
    """The first day of a month written YYYY-MM; refuses other forms and future months."""
    try:
        first = Month.parse(text).first_day
    except MonthError as err:
        raise ValidationError({"month": str(err)}) from None
    if first > today:
        raise ValidationError(
            {"month": _("The month {month} has not begun yet.").format(month=text.strip())}
        )
    return first


def previous_month(today: dt.date) -> str:
    """The month an export is normally for: the one before today's."""
    return str(Month.of(today).previous())


def month_label(month: str) -> str:
    """„октомври 2026 г.“"""
    return Month.parse(month).label()


def validate_passphrase(passphrase: str, repeat: str | None = None) -> dict[str, str]:
    """Field → message; ``repeat`` is the second entry of a new passphrase (wizard, CLI)."""
    if len(passphrase) < MIN_PASSPHRASE:
        return {
            "passphrase": _("The passphrase must have at least {n} characters.").format(
                n=MIN_PASSPHRASE
            )
        }
    if repeat is not None and repeat != passphrase:
        return {"repeat": _("The two passphrases differ.")}
    return {}


def default_file_name(house_code: str, month: str) -> str:
    return f"{house_code}-{month}{export_file.EXTENSION}"


# ---- results ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportResult:
    path: Path
    house_code: str
    house_name: str
    month: str
    sha256: str  # of the database inside: the manifest's and the export log's checksum
    file_bytes: int
    counts: dict[str, dict[str, int]]
    seconds: float


# ---- writing ----------------------------------------------------------------------------


class _CountingWriter:
    """Counts what goes to the file (the export's size, without an extra look at the disk)."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh, self.size = fh, 0

    def write(self, data: bytes) -> int:
        self.fh.write(data)
        self.size += len(data)
        return len(data)

    def writelines(self, parts: Iterable[bytes]) -> None:
        for data in parts:
            self.write(data)


def write_atomically(path: Path, fill: Callable[[BinaryIO], None]) -> int:
    """Temporary name in the target folder, fsync, rename: never a half-written export.

    Returns the file's size. On any failure the temporary file is removed.
    """
    for leftover in path.parent.glob(f".{path.name}.*.part"):  # of a killed export
        leftover.unlink(missing_ok=True)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as err:
        raise UserError(
            _("Cannot write to the folder {folder}: {reason}").format(
                folder=path.parent, reason=err.strerror or err
            )
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            writer = _CountingWriter(fh)
            fill(writer)  # type: ignore[arg-type]
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        fsync_folder(path.parent)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise UserError(
            _("The export could not be written to {path}: {reason}").format(
                path=path, reason=err.strerror or err
            )
        ) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return writer.size


def _target_path(out: Path, house_code: str, month: str) -> Path:
    out = Path(out)
    return out / default_file_name(house_code, month) if out.is_dir() else out


def _checked_input(db: Database, month: str, passphrase: str) -> str:
    first = parse_month(month, db.clock.today())
    errors = validate_passphrase(passphrase)
    if errors:
        raise ValidationError(errors)
    if db.path is None:
        raise UserError(_("Only a house's own database file can be exported."))
    return f"{first:%Y-%m}"


def _write_export(
    snap: Path,
    facts: SnapshotFacts,
    month: str,
    target: Path,
    passphrase: str,
    report: Progress,
) -> tuple[ExportManifest, int]:
    """Stream the snapshot into the encrypted file; (its manifest, the file's size)."""
    total = snap.stat().st_size
    made: list[ExportManifest] = []
    done = [0]

    def finish(sha256: str, size: int) -> dict[str, Any]:
        made.append(
            ExportManifest(
                house_id=facts.house_id,
                house_code=facts.house_code,
                house_name=facts.house_name,
                month=month,
                app_version=__version__,
                schema_revision=facts.revision,
                created_at=utcnow(),
                snapshot_sha256=sha256,
                snapshot_bytes=size,
                counts=facts.counts,
            )
        )
        return made[0].to_json()

    def tick(n: int) -> None:
        done[0] += n
        report(done[0], total, _("Encrypting and writing {name}…").format(name=target.name))

    label = export_file.ExportLabel(facts.house_code, month)
    with open(snap, "rb") as snapshot:
        file_bytes = write_atomically(
            target,
            lambda fh: export_file.pack(
                fh,
                snapshot,
                finish,
                passphrase,
                tick=tick,
                compress=total <= COMPRESS_UP_TO,
                label=label,
            ),
        )
    return made[0], file_bytes


@guarded(Permission.EXPORT)
def export_month(
    db: Database,
    actor: Actor,
    *,
    month: str,
    out: Path,
    passphrase: str,
    progress: Progress | None = None,
) -> ExportResult:
    """Export the house file for ``month`` into ``out`` (a file, or a folder for the default
    name); an existing file of that name is replaced only once the new one is complete.

    Progress: first ``(0, 0, message)`` (busy, no known length), then bytes done of the
    snapshot's size. An exception raised by ``progress`` (a Cancel button) stops the
    export and leaves no file.
    """
    started = time.perf_counter()
    report = progress or no_progress
    month = _checked_input(db, month, passphrase)
    assert db.path is not None
    report(0, 0, _("Taking a snapshot of the database…"))
    remove_leftovers(db.path)
    with _snapshot_folder(db.path) as folder:
        snap = folder / "house.sqlite"
        take_snapshot(db.path, snap)
        with snapshot_engine(snap) as engine:
            facts = snapshot_facts(engine)
        if facts is None:
            raise UserError(_("A consolidated database is not exported; export each house."))
        target = _target_path(out, facts.house_code, month)
        manifest, file_bytes = _write_export(snap, facts, month, target, passphrase, report)
    _log_export(db, actor, facts.house_id, month, target, manifest.snapshot_sha256, facts.counts)
    report(manifest.snapshot_bytes, manifest.snapshot_bytes, _("Done."))
    return ExportResult(
        path=target,
        house_code=facts.house_code,
        house_name=facts.house_name,
        month=month,
        sha256=manifest.snapshot_sha256,
        file_bytes=file_bytes,
        counts=facts.counts,
        seconds=round(time.perf_counter() - started, 3),
    )


SNAPSHOT_MARK = ".export-"


@contextmanager
def _snapshot_folder(db_path: Path) -> Iterator[Path]:
    """Where the plain copy of the house lives while it is packed: beside the house file (so
    on the same disk, with the same owner, never in a shared temporary folder and never on the
    stick), owner only, removed on every way out; a killed export's is removed next time."""
    folder = db_path.with_name(f".{db_path.name}{SNAPSHOT_MARK}{uuid.uuid4().hex[:8]}")
    folder.mkdir(mode=0o700)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def remove_leftovers(db_path: Path) -> list[Path]:
    """Snapshots left by an export that was killed (power cut, task manager): removed."""
    gone = sorted(db_path.parent.glob(f".{db_path.name}{SNAPSHOT_MARK}*"))
    for folder in gone:
        shutil.rmtree(folder, ignore_errors=True)
    return gone


def _log_export(
    db: Database,
    actor: Actor,
    house_id: uuid.UUID,
    month: str,
    path: Path,
    sha256: str,
    counts: dict[str, dict[str, int]],
) -> None:
    with db.unit(actor, "export_month") as uow:
        uow.session.add(
            ExportLog(
                house_id=house_id,
                month=month,
                exported_at=utcnow(),
                user_id=actor.user_id,
                path=str(path.resolve()),
                sha256=sha256,
                counts=counts,
            )
        )
        uow.commit()


# ---- the wizard's reminder --------------------------------------------------------------


@dataclass(frozen=True)
class ExportStatus:
    suggested_month: str  # the month to preselect: the one before today's
    suggested_exported: bool  # whether that month has an export already
    remind: bool  # early in a month whose previous month is not exported yet
    last_month: str | None  # the latest month exported
    last_at: dt.datetime | None  # when (UTC)
    last_path: str | None


REMIND_DAYS = 10


@needs(Permission.EXPORT)
def export_status(db: Database, today: dt.date) -> ExportStatus:
    """What the export wizard preselects, and whether to remind the assistant."""
    suggested = previous_month(today)
    with db.read() as session:
        logs = session.execute(
            select(ExportLog.month, ExportLog.exported_at, ExportLog.path)
            .where(ExportLog.deleted_at.is_(None))
            .order_by(ExportLog.month.desc(), ExportLog.exported_at.desc())
        ).all()
    done = {row.month for row in logs}
    last = logs[0] if logs else None
    return ExportStatus(
        suggested_month=suggested,
        suggested_exported=suggested in done,
        remind=today.day <= REMIND_DAYS and suggested not in done,
        last_month=last.month if last else None,
        last_at=last.exported_at if last else None,
        last_path=last.path if last else None,
    )


# ---- the export log, as the reports page shows it ---------------------------------------


@dataclass(frozen=True)
class ExportLogRow:
    month: str
    exported_at: dt.datetime  # local time of this computer
    user_name: str  # who exported („the system“ for the command line)
    path: str
    sha256: str
    records: int  # live records of every kind in the export


def local_time(utc: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) moment as the clock on this computer showed it."""
    return utc.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


@needs(Permission.EXPORT)
def export_log(db: Database) -> list[ExportLogRow]:
    """Every export made from this house file, the newest first."""
    with db.read() as session:
        rows = session.execute(
            select(ExportLog, User.full_name)
            .outerjoin(User, User.id == ExportLog.user_id)
            .where(ExportLog.deleted_at.is_(None))
            .order_by(ExportLog.exported_at.desc())
        ).all()
    return [
        ExportLogRow(
            month=log.month,
            exported_at=local_time(log.exported_at),
            user_name=name or _("the system"),
            path=log.path,
            sha256=log.sha256,
            records=sum(kind.get("live", 0) for kind in (log.counts or {}).values()),
        )
        for log, name in rows
    ]
