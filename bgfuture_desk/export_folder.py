"""Where the export wizard proposes to save the month: the USB stick when one is in, else the
folder used last time, else Documents.

The assistant carries the export to the coordinator on a stick, so a mounted removable drive
comes first (the folder used last, when it is on that drive). What is mounted is passed in as
plain ``Mount`` rows, so the choice is tested without Qt and without a real stick.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath, PurePosixPath, PureWindowsPath

DRIVE_REMOVABLE = 2  # GetDriveTypeW


@dataclass(frozen=True)
class Mount:
    """A mounted volume as the system lists it (``removable`` only where it can tell)."""

    root: str
    ready: bool = True
    read_only: bool = False
    removable: bool = False


def user_name() -> str:
    return os.environ.get("USER") or os.environ.get("USERNAME") or ""


def _media_dirs(user: str) -> tuple[PurePosixPath, ...]:
    """Where Linux desktops mount a stick for ``user`` (udisks2: Debian, Ubuntu, Fedora)."""
    if not user:
        return ()
    return PurePosixPath("/media", user), PurePosixPath("/run/media", user)


def is_removable(mount: Mount, *, platform: str, user: str) -> bool:
    """A stick or card the assistant can write to: on Windows a drive the system calls
    removable, elsewhere a volume mounted under the user's media folder."""
    if not mount.ready or mount.read_only:
        return False
    if platform == "win32":
        return mount.removable
    root = PurePosixPath(mount.root)
    return any(root.parent == media for media in _media_dirs(user))


def removable_roots(mounts: Iterable[Mount], *, platform: str, user: str) -> list[PurePath]:
    pure = PureWindowsPath if platform == "win32" else PurePosixPath
    roots = [pure(m.root) for m in mounts if is_removable(m, platform=platform, user=user)]
    return sorted(roots, key=str)


def _inside(path: PurePath, root: PurePath) -> bool:
    return path == root or root in path.parents


def proposed_folder(
    *,
    last: PurePath | None,
    last_exists: bool,
    mounts: Iterable[Mount],
    documents: PurePath,
    platform: str = sys.platform,
    user: str | None = None,
) -> PurePath:
    """The stick (the folder used last if it is on it), else the last folder, else Documents."""
    sticks = removable_roots(mounts, platform=platform, user=user_name() if user is None else user)
    if last is not None and last_exists and any(_inside(last, s) for s in sticks):
        return last
    if sticks:
        return sticks[0]
    if last is not None and last_exists:
        return last
    return documents


def windows_removable(root: str) -> bool:
    """Whether Windows calls the drive at ``root`` (e.g. ``E:\\``) removable."""
    if sys.platform != "win32":
        return False
    return ctypes.windll.kernel32.GetDriveTypeW(root) == DRIVE_REMOVABLE  # type: ignore[attr-defined, unused-ignore]  # windll: Windows only
