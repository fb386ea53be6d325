"""The command-line subcommands, one module per kind of work; ``cli.py`` parses and routes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sys
import tempfile
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bgfuture_desk.i18n import _, format_number, ngettext
from bgfuture_desk.services.unit import Database


def open_db(target: str | Path) -> Database:
    """Open a house file or database URL, telling the user when an upgrade made a backup."""
    from bgfuture_desk.services.house.database import open_database

    opened = open_database(target, progress=lambda text: print(text, file=sys.stderr))
    if opened.backup is not None:
        print(_("The database was upgraded to the new version; a copy of the old one: {path}")
              .format(path=opened.backup), file=sys.stderr)
    return opened.db


def plain(value: Any) -> Any:
    """A value as JSON shows it: ids as text, dates and times in ISO form."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def print_records(rows: Iterable[Any], as_json: bool) -> None:
    """Dataclass rows: one JSON object per line, or one readable line each and a count."""
    n = 0
    for row in rows:
        record = {k: plain(v) for k, v in dataclasses.asdict(row).items()}
        if as_json:
            print(json.dumps(record, ensure_ascii=False))
        else:
            print("  ".join(_readable(v) for v in record.values()))
        n += 1
    if not as_json:
        print(ngettext("{n} record", "{n} records", n).format(n=format_number(n)))


def _readable(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def write_atomically(path: Path, data: bytes) -> None:
    """Write next to the target and rename: a full disk or a pulled stick leaves no half file."""
    from bgfuture_desk.errors import UserError

    path = Path(path)
    if path.exists() and not path.is_file() or path.is_symlink():
        # a folder, a device, a pipe or a link: never replaced by a printout
        raise UserError(_("{path} is not an ordinary file; choose another name.").format(path=path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or Path("."))
    except OSError as err:
        raise UserError(_("Cannot write to the folder of {path}: {reason}").format(
            path=path, reason=err.strerror or err)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise UserError(_("Cannot write {path}: {reason}").format(
            path=path, reason=err.strerror or err)) from None
