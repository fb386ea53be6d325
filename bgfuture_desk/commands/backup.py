"""Commands that back a house file up and restore it: backup (reading), restore (writing)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bgfuture_desk.i18n import _, format_datetime, format_number
from bgfuture_desk.services.house import backup
from bgfuture_desk.services.house.health import kind_label
from bgfuture_desk.services.house.lock import writing

YES = {"д", "да", "y", "yes"}


def _counts_line(counts: backup.Counts | None) -> str:
    if counts is None:
        return _("cannot be read")
    return ", ".join(
        f"{kind_label(kind)}: {format_number(getattr(counts, kind))}" for kind in backup.COUNTED
    )


def _list_backups(db_path: Path, folder: Path | None) -> int:
    """The copies in the folder, newest first: when, how big, what each holds."""
    folder = folder if folder is not None else backup.default_folder(db_path)
    found = backup.list_backups(folder)
    if not found:
        print(_("No backups in {folder}.").format(folder=folder))
        return 0
    print(_("Backups in {folder}:").format(folder=folder))
    for info in found:
        print(f"{format_datetime(info.taken_at)}  {info.path.name}  "
              f"{_('{n} KB').format(n=format_number(round(info.size / 1024)))}  "
              f"{_counts_line(info.counts)}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    db_path = Path(args.db)
    if getattr(args, "list", False):
        return _list_backups(db_path, args.out)
    if args.out is None:
        made = backup.make_backup(db_path)
        thinned = backup.thin(made.path.parent, made.taken_at.date())
    elif args.out.is_dir():
        made = backup.make_backup(db_path, args.out)
        thinned = []
    else:
        made = backup.backup_to(db_path, args.out)
        thinned = []
    print(_("Backup made: {path}").format(path=made.path))
    print(_("It holds: {counts}").format(counts=_counts_line(made.counts)))
    if thinned:
        print(_("Old copies removed by the thinning: {n}").format(n=format_number(len(thinned))))
    return 0


def _ask(question: str) -> bool:
    print(question, end=" ", flush=True)
    answer = sys.stdin.readline()
    return answer.strip().lower() in YES


def cmd_restore(args: argparse.Namespace) -> int:
    db_path = Path(args.db)
    with writing(db_path):
        seen = backup.preview(db_path, args.file)
        if seen.backup_taken_at is not None:
            print(_("Copy of {moment}: {path}").format(
                moment=seen.backup_taken_at.strftime("%d.%m.%Y %H:%M:%S"), path=args.file))
        else:
            print(_("Copy: {path}").format(path=args.file))
        print(_("  in the copy:  {counts}").format(counts=_counts_line(seen.backup)))
        print(_("  in the house file now:  {counts}").format(counts=_counts_line(seen.current)))
        if not args.yes and not _ask(_("Restore it? [y/N]")):
            print(_("Cancelled; the house file was not changed."))
            return 1
        restored = backup.restore(db_path, args.file)
    print(_("Restored {path} from the copy.").format(path=db_path))
    if restored.safety_backup is not None:
        print(_("The file as it was before is kept in {path}").format(
            path=restored.safety_backup))
    return 0
