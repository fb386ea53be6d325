"""When backups are made from the app, and when the desk is warned that they are not.

The first start of each day makes a verified backup into the house's backup folder and thins
the old ones (``backup.thin``); the status bar warns when the newest good copy is older than
``WARN_AFTER_DAYS`` or the folder is missing (a USB stick not plugged in). "Today" is the
database's clock, never the computer's directly, so tests fix it with a ``FixedClock``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _, format_date
from bgfuture_desk.services.house import backup
from bgfuture_desk.services.unit import Actor, Database, guarded, needs

WARN_AFTER_DAYS = 7


@dataclass(frozen=True)
class DailyBackup:
    made: backup.BackupInfo | None  # None: one was made today already, or it failed
    thinned: list[Path] = field(default_factory=list)
    error: str | None = None  # why the copy could not be made (a Bulgarian sentence)
    damaged: bool = False  # the copy failed the full check: the house file seems damaged


def _house_path(db: Database) -> Path:
    if db.path is None:
        raise UserError(_("Backups are made of house files only."))
    return Path(db.path)


def _of_house(db_path: Path, infos: Iterable[backup.BackupInfo]) -> list[backup.BackupInfo]:
    """The copies of this house file (a folder on a USB stick may hold other houses' too)."""
    name = re.compile(re.escape(db_path.stem) + r"-\d{4}-\d{2}-\d{2}-\d{6}(?:-\d+)?\.sqlite")
    return [info for info in infos if name.fullmatch(info.path.name)]


def due(taken: Iterable[dt.datetime], today: dt.date) -> bool:
    """A backup is due when none was taken today."""
    return all(moment.date() != today for moment in taken)


def stale(newest_good: dt.datetime | None, today: dt.date) -> bool:
    """The newest good copy is older than the warning allows (or there is none)."""
    return newest_good is None or (today - newest_good.date()).days > WARN_AFTER_DAYS


@needs(Permission.BACKUP)
def house_backups(db: Database, folder: Path | None = None) -> list[backup.BackupInfo]:
    """This house's backups in ``folder`` (default: ``backups/`` beside the file), newest first."""
    db_path = _house_path(db)
    folder = Path(folder) if folder is not None else backup.default_folder(db_path)
    return _of_house(db_path, backup.list_backups(folder))


@guarded(Permission.BACKUP)
def backup_now(
    db: Database, actor: Actor | None = None, folder: Path | None = None
) -> backup.BackupInfo:
    """A verified copy now (the settings' „Направи копие сега“), timed by the house clock."""
    db_path = _house_path(db)
    return backup.make_backup(db_path, folder, now=db.clock.now())


@guarded(Permission.BACKUP)
def daily_backup(
    db: Database, actor: Actor | None = None, folder: Path | None = None
) -> DailyBackup:
    """The first opening of the day makes a copy and thins the old ones; later ones nothing.

    A copy that cannot be made (folder missing, disk full) does not stop the desk: the reason
    is returned, and the status bar's warning says what matters."""
    if db.read_only:
        return DailyBackup(None)
    db_path = _house_path(db)
    folder = Path(folder) if folder is not None else backup.default_folder(db_path)
    now = db.clock.now()
    existing = _of_house(db_path, backup.list_backups(folder))
    if not due((info.taken_at for info in existing), now.date()):
        return DailyBackup(None)
    try:
        made = backup.make_backup(db_path, folder, now=now)
    except backup.DamagedCopyError as err:
        return DailyBackup(None, error=err.message, damaged=True)
    except UserError as err:
        return DailyBackup(None, error=err.message)
    return DailyBackup(made, backup.thin(folder, now.date()))


@needs(Permission.BACKUP)
def warning(db: Database, folder: Path | None = None) -> str | None:
    """The status bar's warning about backups, or None when all is well."""
    db_path = _house_path(db)
    folder = Path(folder) if folder is not None else backup.default_folder(db_path)
    if not folder.is_dir():
        return _("The backup folder is missing: {folder}. No backup can be made.").format(
            folder=folder
        )
    good = [info for info in house_backups(db, folder) if info.counts is not None]
    newest = good[0].taken_at if good else None
    if not stale(newest, db.clock.today()):
        return None
    if newest is None:
        return _("There is no good backup of the house file yet.")
    return _("The last good backup is from {date}, more than {n} days ago.").format(
        date=format_date(newest.date()), n=WARN_AFTER_DAYS
    )


@needs(Permission.BACKUP)
def newest_good_backup(db_path: Path, db: Database | None = None) -> backup.BackupInfo | None:
    """The newest copy in the default folder that a restore would accept (for a damaged
    file: the app offers it before anything opens the file)."""
    db_path = Path(db_path)
    for info in _of_house(db_path, backup.list_backups(backup.default_folder(db_path))):
        if info.counts is None:
            continue
        try:
            backup.preview(db_path, info.path)
        except UserError:
            continue
        return info
    return None


@guarded(Permission.RESTORE)
def restore_backup(db: Database, actor: Actor, backup_file: Path) -> backup.Restored:
    """Put ``backup_file`` in place of the open house file: the app closes afterwards.

    The database's connections are closed first (the restore replaces the file under them);
    the app holds the house lock, so no other writer is on the file."""
    db_path = _house_path(db)
    if db.read_only:
        raise UserError(_("A file opened read-only cannot be restored from here."))
    now = db.clock.now()
    db.dispose()
    return backup.restore(db_path, Path(backup_file), now=now)
