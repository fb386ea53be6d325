"""Backups of a house file and restoring one: consistent, verified, atomic, owner-only.

A backup is SQLite's online backup of the file (safe while the desk works), written under a
temporary name in the backup folder, checked with ``PRAGMA integrity_check`` and only then
renamed to ``<house-file-stem>-YYYY-MM-DD-HHMMSS.sqlite`` with mode 0600. The default folder
is ``backups/`` beside the house file.

Restoring refuses a damaged copy and a file that is not a house file of this program, and
leaves the current file as it was; otherwise it first backs the current file up, then puts
the copy in its place atomically. The caller holds the house's write lock (no connection to
the file may be open), as ``bgfuture-desk restore`` does.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from bgfuture_desk.db import cipher
from bgfuture_desk.db.engine import backup_sqlite, check_sqlite_file
from bgfuture_desk.domain.backups import backups_to_keep
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.errors import UserError
from bgfuture_desk.files import fsync_folder
from bgfuture_desk.i18n import _
from bgfuture_desk.services.house import key_wrap
from bgfuture_desk.services.unit import Actor, Database, guarded

BACKUP_FOLDER = "backups"
FILE_MODE = 0o600
STAMP_FORMAT = "%Y-%m-%d-%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{4}-\d{2}-\d{2}-\d{6})(?:-\d+)?\.sqlite$")
COUNTED = ("families", "people", "visits", "loans")


class BackupError(UserError):
    """A backup could not be made, or a copy cannot be restored."""


class DamagedCopyError(BackupError):
    """The copy just made failed the full integrity check: the house file itself is likely
    damaged (the daily backup is the full check that the opening leaves out)."""


@dataclass(frozen=True)
class Counts:
    families: int
    people: int
    visits: int
    loans: int


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    size: int  # bytes
    counts: Counts | None  # None: the copy cannot be read


@dataclass(frozen=True)
class Preview:
    backup: Counts
    current: Counts | None  # None: there is no current file, or it cannot be read
    backup_taken_at: dt.datetime | None  # from the copy's name, when it has our form


@dataclass(frozen=True)
class Restored:
    safety_backup: Path | None  # the copy of the file as it was before the restore


def default_folder(db_path: Path) -> Path:
    return Path(db_path).parent / BACKUP_FOLDER


def backup_name(db_path: Path, moment: dt.datetime) -> str:
    return f"{Path(db_path).stem}-{moment.strftime(STAMP_FORMAT)}.sqlite"


def taken_at(path: Path) -> dt.datetime | None:
    """The moment in a backup's name, or None for a name of another form."""
    match = _NAME.match(Path(path).name)
    if match is None:
        return None
    try:
        return dt.datetime.strptime(match["stamp"], STAMP_FORMAT)
    except ValueError:
        return None


# --- reading a file without changing it ------------------------------------------------


@contextmanager
def _read_only(path: Path) -> Iterator[cipher.Connection]:
    conn = cipher.connect(path, read_only=True)
    try:
        yield conn
    finally:
        conn.close()


@contextmanager
def _reading_house_file(path: Path) -> Iterator[cipher.Connection]:
    """The current house file, only read. A read-only connection to a WAL file would leave
    -wal and -shm beside it; an ordinary one removes them when it closes."""
    conn = cipher.connect(path)
    try:
        conn.execute("PRAGMA query_only=ON")
        yield conn
    finally:
        conn.close()


def _integrity_ok(conn: cipher.Connection) -> bool:
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    return rows == ["ok"]


def _counts(conn: cipher.Connection) -> Counts:
    values = [
        conn.execute(f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[0]
        for table in COUNTED
    ]
    return Counts(*values)


def counts_of(path: Path, *, current: bool = False) -> Counts | None:
    """Live families, people, visits and loans of a house file, or None if it cannot be read;
    ``current`` for the house file itself (a WAL file), not a copy."""
    try:
        with (_reading_house_file(path) if current else _read_only(path)) as conn:
            return _counts(conn)
    except cipher.ERRORS:
        return None


def _house_id(conn: cipher.Connection) -> str | None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not {"houses", "settings", *COUNTED} <= tables:
        return None
    row = conn.execute("SELECT value FROM settings WHERE key = 'house_id'").fetchone()
    return row[0] if row else None


def _check_house_copy(path: Path) -> Counts:
    """Refuse a damaged copy or one that is not a house file of this program."""
    try:
        check_sqlite_file(path)
    except UserError as err:
        raise BackupError(
            _("The copy cannot be restored: {reason}").format(reason=err.message)
        ) from None
    damaged = BackupError(
        _("The copy {path} is damaged (the integrity check failed); it cannot be restored. "
          "Choose an older copy.").format(path=path)
    )
    try:
        with _read_only(path) as conn:
            if not _integrity_ok(conn):
                raise damaged
            if _house_id(conn) is None:
                raise BackupError(
                    _("The file {path} is not a house file of this program; it cannot be "
                      "restored.").format(path=path)
                )
            return _counts(conn)
    except cipher.ERRORS:
        raise damaged from None


def _current_house_id(db_path: Path) -> str | None:
    try:
        with _reading_house_file(db_path) as conn:
            return _house_id(conn)
    except cipher.ERRORS:
        return None


# --- writing files safely --------------------------------------------------------------


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _new_private_file(folder: Path, name: str) -> Path:
    """An empty file only the owner may read, under a temporary name in ``folder``."""
    tmp = folder / f".{name}.{uuid.uuid4().hex[:8]}.tmp"
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    os.close(fd)
    return tmp


def _free_name(folder: Path, name: str) -> Path:
    target = folder / name
    n = 2
    while target.exists():
        target = folder / name.replace(".sqlite", f"-{n}.sqlite")
        n += 1
    return target


def _write_failed(path: Path, err: OSError) -> BackupError:
    return BackupError(
        _("The backup could not be written to {path}: {reason}").format(
            path=path, reason=err.strerror or err
        )
    )


def make_backup(db_path: Path, folder: Path | None = None, *,
                now: dt.datetime | None = None) -> BackupInfo:
    """A verified copy of the house file in ``folder`` (default: ``backups/`` beside it)."""
    db_path = Path(db_path)
    folder = Path(folder) if folder is not None else default_folder(db_path)
    moment = (now or dt.datetime.now()).replace(microsecond=0)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise _write_failed(folder, err) from None
    return backup_to(db_path, _free_name(folder, backup_name(db_path, moment)), moment)


def backup_to(db_path: Path, target: Path, moment: dt.datetime | None = None) -> BackupInfo:
    """A verified copy of the house file at exactly ``target`` (renamed into place)."""
    db_path, target = Path(db_path), Path(target)
    check_sqlite_file(db_path)
    if target.resolve() == db_path.resolve():
        raise BackupError(_("The backup cannot be written over the house file itself."))
    try:
        tmp = _new_private_file(target.parent, target.name)
    except OSError as err:
        raise _write_failed(target, err) from None
    try:
        try:
            backup_sqlite(db_path, tmp)
            with closing(cipher.connect(tmp)) as conn:
                # A copy stands alone: no -wal/-shm beside it, readable read-only as it is.
                conn.execute("PRAGMA journal_mode=DELETE")
                sound = _integrity_ok(conn)
        except cipher.ERRORS:
            sound = False
        if not sound:
            raise DamagedCopyError(
                _("The copy of {path} failed the integrity check and was deleted; the house "
                  "file may be damaged (see bgfuture-desk check).").format(path=db_path)
            )
        os.chmod(tmp, FILE_MODE)
        _fsync_file(tmp)
        os.replace(tmp, target)
        fsync_folder(target.parent)
        key_wrap.copy_beside(db_path, target.parent)  # staff logins open the copy on a new PC
    except OSError as err:
        raise _write_failed(target, err) from None
    finally:
        tmp.unlink(missing_ok=True)
    return BackupInfo(target, moment or taken_at(target) or dt.datetime.now(),
                      target.stat().st_size, counts_of(target))


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder``, newest first, with what each holds."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        moment = taken_at(path)
        if moment is None or not path.is_file():
            continue
        found.append(BackupInfo(path, moment, path.stat().st_size, counts_of(path)))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def thin(folder: Path, today: dt.date) -> list[Path]:
    """Delete the backups the thinning rule lets go (per house file); return the deleted."""
    by_stem: dict[str, list[BackupInfo]] = {}
    for info in list_backups(folder):
        match = _NAME.match(info.path.name)
        assert match is not None  # list_backups only lists names of our form
        by_stem.setdefault(match["stem"], []).append(info)
    deleted = []
    for infos in by_stem.values():
        # one copy per moment takes part in the rule; several of one second stay together
        keep = backups_to_keep({i.taken_at for i in infos}, today)
        newest_of_moment: dict[dt.datetime, BackupInfo] = {}
        for info in infos:  # newest first, so the first of a moment is its newest name
            newest_of_moment.setdefault(info.taken_at, info)
        for info in infos:
            if info.taken_at not in keep or newest_of_moment[info.taken_at] is not info:
                info.path.unlink(missing_ok=True)
                deleted.append(info.path)
    return deleted


# --- restoring -------------------------------------------------------------------------


def preview(db_path: Path, backup_file: Path) -> Preview:
    """What the copy holds against the current file; refuses a copy restore would refuse."""
    backup_counts = _check_house_copy(Path(backup_file))
    current = counts_of(Path(db_path), current=True) if Path(db_path).is_file() else None
    return Preview(backup_counts, current, taken_at(Path(backup_file)))


def _keep_current(db_path: Path, now: dt.datetime) -> Path | None:
    """The safety copy of the current file before it is replaced."""
    if not db_path.exists():
        return None
    try:
        return make_backup(db_path, now=now).path
    except UserError:
        pass
    # A damaged current file (often the very reason to restore) is kept byte for byte,
    # under a name the thinning does not touch.
    folder = default_folder(db_path)
    target = folder / f"{db_path.name}.damaged-{now.strftime(STAMP_FORMAT)}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(db_path, target)
        os.chmod(target, FILE_MODE)
    except OSError as err:
        raise _write_failed(target, err) from None
    return target


@guarded(Permission.RESTORE)
def restore(
    db_path: Path,
    backup_file: Path,
    *,
    now: dt.datetime | None = None,
    db: Database | None = None,
    actor: Actor | None = None,
) -> Restored:
    """Put the copy in place of the house file; the caller holds the write lock.

    From the app, ``actor`` is the user logged in on the house ``db`` and must be an
    administrator; the command line restores as the program itself.
    """
    db_path, backup_file = Path(db_path), Path(backup_file)
    _check_house_copy(backup_file)
    if db_path.resolve() == backup_file.resolve():
        raise BackupError(_("The copy to restore is the house file itself."))
    current_id = _current_house_id(db_path) if db_path.exists() else None
    with _read_only(backup_file) as conn:
        backup_id = _house_id(conn)
    if current_id is not None and current_id != backup_id:
        raise BackupError(
            _("The copy {path} belongs to another house; it cannot replace this house's "
              "file.").format(path=backup_file)
        )
    moment = (now or dt.datetime.now()).replace(microsecond=0)
    safety = _keep_current(db_path, moment)
    mode = db_path.stat().st_mode & 0o777 if db_path.exists() else FILE_MODE
    try:
        tmp = _new_private_file(db_path.parent, db_path.name)
    except OSError as err:
        raise _write_failed(db_path, err) from None
    try:
        shutil.copyfile(backup_file, tmp)
        os.chmod(tmp, mode)
        _fsync_file(tmp)
        # The old file's WAL and shared memory describe the old file: with no connection
        # open they are stale, and left beside the new file SQLite would replay them into it.
        for suffix in ("-wal", "-shm"):
            db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
        os.replace(tmp, db_path)
        fsync_folder(db_path.parent)
    except OSError as err:
        raise BackupError(
            _("The copy could not be put in place of {path}: {reason}").format(
                path=db_path, reason=err.strerror or err)
        ) from None
    finally:
        tmp.unlink(missing_ok=True)
    return Restored(safety)
