"""The developers' log of unexpected errors, shared by the CLI and the GUI (no Qt here).

A traceback is appended to ``data_dir()/errors.log`` (mode 0600) with a time stamp. It holds
no personal data of families: SQL parameters are left out, and exception messages are kept
only for the exception types whose text comes from code, never from a row. The log is
rotated at about 1 MB, keeping one old file.
"""

from __future__ import annotations

import datetime as dt
import os
import traceback
from pathlib import Path

from bgfuture_desk.db.cipher import ERRORS as SQLITE_ERRORS
from bgfuture_desk.i18n import _

LOG_NAME = "errors.log"
MAX_BYTES = 1_000_000
REMOVED = "<message removed: may hold personal data>"

# Exception types whose message is written by code (names of attributes, modules, SQLite's
# own texts), never a value read from a row or typed at the desk.
_SAFE_MESSAGE_TYPES: tuple[type[BaseException], ...] = (
    AttributeError, NameError, ImportError, NotImplementedError, RecursionError,
    *SQLITE_ERRORS, OSError,
)

_LOCKED = ("database is locked", "database table is locked")
_DAMAGED = ("database disk image is malformed", "file is not a database")


def log_path() -> Path:
    from bgfuture_desk.paths import data_dir

    return data_dir() / LOG_NAME


def _scrubbed_message(exc: BaseException) -> str:
    try:
        from sqlalchemy.exc import StatementError
    except ImportError:  # pragma: no cover - SQLAlchemy is a dependency
        StatementError = ()  # type: ignore[assignment,misc]  # noqa: N806
    if isinstance(exc, StatementError) and exc.orig is not None:
        orig = exc.orig
        inner = f"{type(orig).__module__}.{type(orig).__qualname__}: {_scrubbed_message(orig)}"
        return f"({inner})\n[SQL: {exc.statement}]"
    if isinstance(exc, _SAFE_MESSAGE_TYPES):
        return str(exc)
    return REMOVED if str(exc) else ""


def format_scrubbed(exc: BaseException) -> str:
    """The traceback of ``exc`` and its causes: types and frames, no personal data."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    chain: list[BaseException] = []
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    for index, item in enumerate(reversed(chain)):
        if index:
            parts.append("\nThe above exception led to the following one:\n\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_tb(item.__traceback__))
        name = f"{type(item).__module__}.{type(item).__qualname__}"
        message = _scrubbed_message(item)
        parts.append(f"{name}: {message}\n" if message else f"{name}\n")
    return "".join(parts)


def _open_private(path: Path):
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    os.chmod(path, 0o600)  # an older log may have been made with the default mode
    return os.fdopen(fd, "a", encoding="utf-8")


def _rotate(path: Path) -> None:
    try:
        if path.stat().st_size >= MAX_BYTES:
            os.replace(path, path.with_name(path.name + ".1"))
    except FileNotFoundError:
        pass


def write(exc: BaseException, path: Path | None = None) -> Path | None:
    """Append the scrubbed traceback of ``exc``; the log's path, or None when it cannot be
    written (a log must never turn one error into two)."""
    log = path or log_path()
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        _rotate(log)
        with _open_private(log) as fh:
            fh.write(f"--- {dt.datetime.now().isoformat()}\n{format_scrubbed(exc)}\n")
        return log
    except OSError:
        return None


def _texts(exc: BaseException) -> list[str]:
    texts: list[str] = []
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        item = todo.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, SQLITE_ERRORS):
            texts.append(str(item).lower())
        todo.extend([getattr(item, "orig", None), item.__cause__, item.__context__])
    return texts


def is_locked(exc: BaseException) -> bool:
    """Another connection holds the file past the busy timeout."""
    return any(mark in text for text in _texts(exc) for mark in _LOCKED)


def busy_message() -> str:
    return _(
        "The database is busy: another program or window is using the file. Close it "
        "and try again."
    )


def database_problem(exc: BaseException) -> str | None:
    """One Bulgarian sentence when ``exc`` is a locked or a damaged database, else None."""
    texts = _texts(exc)
    if is_locked(exc):
        return busy_message()
    if any(mark in text for text in texts for mark in _DAMAGED):
        return _(
            "The database file is damaged. Restore it from a backup copy or call the "
            "coordinator."
        )
    return None


def user_message(exc: BaseException, log: Path | None) -> str:
    """What the assistant is told about ``exc``: the database's state, or where the details
    for the developers are."""
    known = database_problem(exc)
    if known is not None:
        return known
    if log is None:
        return _("An unexpected error occurred. The program can keep working.")
    return _(
        "An unexpected error occurred. The program can keep working. Details for the "
        "developers: {path}"
    ).format(path=log)
