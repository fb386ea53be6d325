"""One writer per house file: the app, or a writing command, holds a lock beside the file.

The lock is an operating-system lock on ``house.sqlite.lock`` (``filelock``: ``flock`` on
Linux, ``LockFileEx`` on Windows). The system drops it when its process ends, so a crashed or
killed app leaves no stale lock: the next start simply takes it. A second app on the same
file, or a writing command while the app is open, is refused with a Bulgarian message; the
reading commands (list, find, print, check, export, backup) do not take the lock.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _


class HouseInUse(UserError):
    """Another window of the program, or a writing command, has the house file open."""


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class HouseLock:
    """Held while this process may write to the house file."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self._lock = FileLock(lock_path(self.db_path), timeout=0, mode=0o600)

    def acquire(self) -> HouseLock:
        """Take the lock or raise ``HouseInUse``; never waits."""
        try:
            self._lock.acquire()
        except Timeout:
            raise HouseInUse(in_use_message(self.db_path)) from None
        return self

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()

    @property
    def held(self) -> bool:
        return self._lock.is_locked


def in_use_message(db_path: Path) -> str:
    return _(
        "The house file {path} is open in another window of the program (or a command is "
        "writing to it). Close that window and try again; only one may write to the file."
    ).format(path=db_path)


@contextmanager
def writing(db_path: Path) -> Iterator[HouseLock]:
    """The lock for a writing command, for as long as the command runs."""
    lock = HouseLock(db_path).acquire()
    try:
        yield lock
    finally:
        lock.release()
