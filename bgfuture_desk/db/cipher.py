"""The one place that knows SQLCipher: every SQLite connection of the program is made here.

A house file is encrypted as a whole, its WAL included, with SQLCipher 4 (the ``sqlcipher3``
wheels bundle it) and its defaults, written down here because a file made with other
settings would not open:

- AES-256 in CBC mode, a random IV per page;
- pages of 4096 bytes, each authenticated with HMAC-SHA512;
- a raw 256-bit key (``PRAGMA key = "x'…'"``): the key is random, so no PBKDF2 is run and
  opening costs nothing extra; the per-user wrapping of the key (Argon2id) is elsewhere
  (``services/house/keys.py``);
- no plaintext header: the first 16 bytes of the file are the salt SQLCipher stores there.
  A new file is given a random 16-byte salt of our choosing, and it doubles as the
  **key id**: readable without the key, it says which key a file needs.

A plaintext SQLite file (one made by an older version of the program, or a monthly
snapshot) opens through the same ``connect`` without a key: SQLCipher is SQLite.

The key of an encrypted file comes from the caller or from the process-wide provider
installed with ``use_keys`` (the key store, installed at the start of the app and the CLI).
No key: ``LockedFileError``, a Bulgarian sentence that says what is needed.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

import sqlcipher3.dbapi2 as dbapi

from bgfuture_desk.errors import LockedFileError
from bgfuture_desk.i18n import _

__all__ = [
    "ERRORS", "OPERATIONAL_ERRORS", "Connection", "FileKey", "KEY_BYTES", "KEY_ID_BYTES",
    "PAGE_SIZE", "SQLITE_HEADER", "connect", "dbapi", "export_encrypted", "export_plain",
    "has_provider", "is_encrypted", "key_for", "key_id_of", "key_of", "locked_message",
    "new_key", "use_keys",
]

KEY_BYTES = 32
KEY_ID_BYTES = 16
PAGE_SIZE = 4096
SQLITE_HEADER = b"SQLite format 3\x00"

# sqlcipher3's exceptions are classes of their own, not sqlite3's: code that catches "an
# SQLite error" catches either.
ERRORS: tuple[type[Exception], ...] = (dbapi.Error, sqlite3.Error)
OPERATIONAL_ERRORS: tuple[type[Exception], ...] = (dbapi.OperationalError,
                                                   sqlite3.OperationalError)


# sqlcipher3's connection has the interface of sqlite3's (it is the same C module, built
# against SQLCipher): typed as that one.
Connection: TypeAlias = sqlite3.Connection


@dataclass(frozen=True)
class FileKey:
    """The key of one house file and its id (the salt in the file's first 16 bytes)."""

    key: bytes
    key_id: bytes

    def __post_init__(self) -> None:
        if len(self.key) != KEY_BYTES or len(self.key_id) != KEY_ID_BYTES:
            raise ValueError("a file key is 32 bytes and its id 16 bytes")

    @property
    def id_hex(self) -> str:
        return self.key_id.hex()

    def __repr__(self) -> str:  # never the key itself in a log or a traceback
        return f"FileKey(key_id={self.id_hex})"


def new_key() -> FileKey:
    return FileKey(secrets.token_bytes(KEY_BYTES), secrets.token_bytes(KEY_ID_BYTES))


KeyProvider = Callable[[str], FileKey | None]
_provider: KeyProvider | None = None


def use_keys(provider: KeyProvider | None) -> KeyProvider | None:
    """Install the process-wide key provider (key id hex → FileKey or None); returns the one
    it replaces."""
    global _provider
    previous, _provider = _provider, provider
    return previous


def has_provider() -> bool:
    return _provider is not None


def _header(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read(KEY_ID_BYTES)
    except OSError:
        return None


def is_encrypted(path: Path) -> bool:
    """Whether ``path`` looks like an SQLCipher file: not SQLite's header, whole pages, and
    a salt that is not all zeros (a zeroed or truncated file is damaged, not encrypted)."""
    path = Path(path)
    header = _header(path)
    if header is None or len(header) < KEY_ID_BYTES or header == SQLITE_HEADER:
        return False
    try:
        size = path.stat().st_size
    except OSError:
        return False
    return size % PAGE_SIZE == 0 and any(header)


def key_id_of(path: Path) -> str | None:
    """The key id of an encrypted file (hex), None for any other file."""
    header = _header(Path(path))
    return header.hex() if header is not None and is_encrypted(Path(path)) else None


def locked_message(path: Path) -> str:
    return _(
        "The house file is encrypted and its key is not on this computer for this user: "
        "{path}. Log in with a staff member's user name and password, or unlock it with the "
        "recovery key: bgfuture-desk unlock --db {path} --recovery-file FILE."
    ).format(path=path)


def key_for(path: Path) -> FileKey:
    """The key of an encrypted file from the provider, or ``LockedFileError``."""
    key_id = key_id_of(path)
    if key_id is None:
        raise ValueError(f"not an encrypted file: {path}")
    key = _provider(key_id) if _provider is not None else None
    if key is None:
        raise LockedFileError(locked_message(path), path=Path(path))
    return key


def key_of(path: Path) -> FileKey | None:
    """The key an existing file needs: None for a plaintext one (``LockedFileError`` when
    it is encrypted and the provider has no key for it)."""
    return key_for(path) if is_encrypted(Path(path)) else None


def _apply_key(conn: Connection, key: FileKey, *, new: bool) -> None:
    # Before anything else reads the file: a wrong key must not print SQLCipher's own
    # "hmac check failed" on the user's terminal.
    conn.execute("PRAGMA cipher_log_level = NONE")
    material = key.key.hex() + (key.key_id.hex() if new else "")
    conn.execute(f"PRAGMA key = \"x'{material}'\"")


def _uri(path: Path, *, read_only: bool, immutable: bool) -> str:
    uri = Path(path).resolve().as_uri().replace("file://", "file:", 1)
    if not read_only:
        return uri
    return f"{uri}?mode=ro" + ("&immutable=1" if immutable else "")


def connect(
    path: Path,
    *,
    key: FileKey | None = None,
    read_only: bool = False,
    immutable: bool = False,
    timeout: float = 5.0,
    **kwargs: Any,
) -> Connection:
    """An SQLite connection to ``path`` (a ``sqlcipher3`` connection, the DB-API of sqlite3).

    An encrypted file is opened with ``key`` or the provider's key (``LockedFileError`` when
    there is none). A file that does not exist yet, or is empty, is made encrypted when
    ``key`` is given and plaintext otherwise. A wrong key shows as "file is not a database"
    at the first read, as for any file that is not a database."""
    path = Path(path)
    fresh = not path.exists() or path.stat().st_size == 0
    if fresh:
        use, new = key, True
    elif is_encrypted(path):
        use, new = key or key_for(path), False
    else:
        use, new = None, False
    conn = dbapi.connect(_uri(path, read_only=read_only, immutable=immutable), uri=True,
                         timeout=timeout, **kwargs)
    try:
        if use is not None:
            _apply_key(conn, use, new=new)
    except BaseException:
        conn.close()
        raise
    return conn


def export_plain(conn: Connection, target: Path) -> None:
    """Copy the whole database of ``conn`` into a new plaintext file ``target`` (SQLCipher's
    ``sqlcipher_export``), its schema version included."""
    _export(conn, Path(target), "''")


def export_encrypted(conn: Connection, target: Path, key: FileKey, *,
                     begin: str = "BEGIN") -> None:
    """Copy the whole database of ``conn`` into a new file ``target`` encrypted with ``key``
    (its key id becomes the new file's salt); ``begin`` may take the write lock."""
    _export(conn, Path(target), f"\"x'{key.key.hex()}{key.key_id.hex()}'\"", begin)


def _export(conn: Connection, target: Path, key_literal: str, begin: str = "BEGIN") -> None:
    """One read transaction over the whole copy, so it is consistent while others write
    (ATTACH and DETACH cannot run inside a transaction, the export can)."""
    if target.exists() and target.stat().st_size:
        raise FileExistsError(target)
    conn.isolation_level = None
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    literal = str(target).replace("'", "''")
    conn.execute(f"ATTACH DATABASE '{literal}' AS bgf_export KEY {key_literal}")
    try:
        conn.execute("PRAGMA bgf_export.synchronous = OFF")  # flushed by the caller
        conn.execute(begin)
        try:
            conn.execute("SELECT sqlcipher_export('bgf_export')")
            conn.execute(f"PRAGMA bgf_export.user_version = {int(version)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("DETACH DATABASE bgf_export")
