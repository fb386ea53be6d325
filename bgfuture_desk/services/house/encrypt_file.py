"""A plaintext house file of an older version, encrypted when this version first opens it.

The steps, each safe to stop after (the next open finishes or starts again):

1. the file is made one whole file (WAL checkpointed, rollback journal): this also proves
   that no other program has it open;
2. a verified backup of it is taken (the backups' own machinery);
3. a new key is kept in the user's store, and ``sqlcipher_export`` copies the file into
   ``house.sqlite.encrypting`` inside one transaction;
4. the copy is checked: ``integrity_check``, the same tables, every table's row count and the
   schema version equal to the original's;
5. ``house.sqlite`` → ``house.sqlite.plaintext``, the copy → ``house.sqlite``;
6. the plaintext is overwritten with zeros, flushed and deleted; the plaintext backup of
   step 2 is replaced by an encrypted one and wiped the same way.

A stop after 5 leaves ``house.sqlite`` missing or encrypted beside ``.plaintext``:
``finish_interrupted`` puts the verified copy in place, or the plaintext back, first.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from bgfuture_desk.db import cipher
from bgfuture_desk.errors import DatabaseFileError
from bgfuture_desk.files import fsync_folder
from bgfuture_desk.i18n import _
from bgfuture_desk.services.house import keys

PLAINTEXT = ".plaintext"
ENCRYPTING = ".encrypting"
Progress = Callable[[str], None]
_CHUNK = 1024 * 1024


def _beside(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def is_plain_house_file(path: Path) -> bool:
    """A plaintext SQLite file that holds a house (not a consolidated database)."""
    path = Path(path)
    if not path.is_file() or cipher.is_encrypted(path):
        return False
    try:
        with open(path, "rb") as fh:
            if fh.read(16) != cipher.SQLITE_HEADER:
                return False
    except OSError:
        return False
    try:
        conn = cipher.connect(path, read_only=True)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = 'house_id'").fetchone()
        finally:
            conn.close()
    except cipher.ERRORS:
        return False
    return row is not None


def wipe(path: Path) -> None:
    """Overwrite a file with zeros, flush it to the disk, delete it. On an SSD or a copy-on-
    write file system old blocks may survive; the file's name and bytes do not."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with open(path, "r+b") as fh:
        left = size
        while left > 0:
            n = min(_CHUNK, left)
            fh.write(bytes(n))
            left -= n
        fh.flush()
        os.fsync(fh.fileno())
    path.unlink()
    fsync_folder(path.parent)


def finish_interrupted(path: Path) -> None:
    """Bring back the state of a conversion stopped half way (see the module's docstring)."""
    path = Path(path)
    plain, encrypting = _beside(path, PLAINTEXT), _beside(path, ENCRYPTING)
    if not path.exists() and plain.exists():
        if encrypting.exists() and cipher.is_encrypted(encrypting):
            os.replace(encrypting, path)  # it was checked before the original was moved
        else:
            os.replace(plain, path)  # start again from the original
        fsync_folder(path.parent)
    if path.exists() and cipher.is_encrypted(path) and plain.exists():
        wipe(plain)
    if encrypting.exists() and path.exists() and not cipher.is_encrypted(path):
        encrypting.unlink()  # a copy that was never checked: made again


def _facts(conn: cipher.Connection) -> dict[str, int]:
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    facts = {f"table {t}": conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
             for t in tables}
    facts["user_version"] = conn.execute("PRAGMA user_version").fetchone()[0]
    return facts


def _alone(path: Path) -> cipher.Connection:
    """A connection to the plaintext file once it is one whole file; refused (busy) while
    another program has it open."""
    busy = DatabaseFileError(_(
        "The house file must be encrypted, but another program or window has it open: close "
        "it and try again: {path}").format(path=path))
    conn = cipher.connect(path, timeout=1.0)
    conn.isolation_level = None
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except cipher.ERRORS:
        conn.close()
        raise busy from None
    if str(mode).lower() != "delete":
        conn.close()
        raise busy
    return conn


def encrypt_in_place(path: Path, progress: Progress | None = None) -> None:
    """Encrypt the plaintext house file ``path`` with a new key (the caller may write it)."""
    from bgfuture_desk.services.house import backup

    say = progress or (lambda _text: None)
    path = Path(path)
    encrypting = _beside(path, ENCRYPTING)
    encrypting.unlink(missing_ok=True)
    say(_("The house file is being encrypted: a backup first …"))
    conn = _alone(path)
    try:
        before = _facts(conn)
        conn.close()
        safety = backup.make_backup(path)
        say(_("Encrypting {path} …").format(path=path))
        key = cipher.new_key()
        keys.remember(key)
        conn = _alone(path)
        cipher.export_encrypted(conn, encrypting, key, begin="BEGIN IMMEDIATE")
    finally:
        conn.close()
    _verify(encrypting, key, before)
    os.chmod(encrypting, 0o600)
    with open(encrypting, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(path, _beside(path, PLAINTEXT))
    os.replace(encrypting, path)
    fsync_folder(path.parent)
    wipe(_beside(path, PLAINTEXT))
    say(_("Encrypted; the plaintext file was overwritten and deleted."))
    backup.make_backup(path)  # the copy of the converted file, encrypted like it
    wipe(safety.path)


def _verify(copy: Path, key: cipher.FileKey, before: dict[str, int]) -> None:
    failed = DatabaseFileError(_(
        "The encrypted copy of the house file did not check out; the file was left as it "
        "was, not encrypted."))
    try:
        conn = cipher.connect(copy, key=key, read_only=True)
        try:
            sound = [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
            same = _facts(conn) == before
        finally:
            conn.close()
    except cipher.ERRORS:
        sound = same = False
    if not (sound and same):
        copy.unlink(missing_ok=True)
        raise failed
