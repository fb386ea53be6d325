"""Engines for house files (SQLite done right) and for consolidated databases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError

from bgfuture_desk.db import cipher
from bgfuture_desk.errors import DatabaseFileError
from bgfuture_desk.i18n import _

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def dump_json(value: Any) -> str:
    """How JSON columns (audit fields, counts) are stored: Cyrillic as UTF-8 letters, not
    ``\\uXXXX`` escapes (2 bytes a letter instead of 6), and no blanks after separators.
    Rows written before are valid JSON too and read back the same."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# How a transaction begins on SQLite. The driver's own implicit BEGIN is switched off and
# SQLAlchemy's begin emits it, so a unit of work that checks and then writes can ask for
# BEGIN IMMEDIATE: it takes the file's write lock before its first read, and two processes
# can no longer both see a toy as free and both lend it. Reads stay DEFERRED.
BEGIN_OPTION = "sqlite_begin"
BEGIN_WRITE = "IMMEDIATE"
BEGIN_READ = "DEFERRED"
NO_BEGIN = ""  # for the PRAGMAs that SQLite ignores inside a transaction


def _on_sqlite_connect(dbapi_connection, _record) -> None:
    # the key, if the file has one, was given by ``cipher.connect`` before this runs
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # A deleted or rewritten row's bytes are overwritten with zeros, not left in free space:
    # an erased person's name and ЕГН must not survive in the raw file (services/families/
    # erasure.py). It costs writes of freed space only, which the desk barely makes.
    cursor.execute("PRAGMA secure_delete=ON")
    # FULL: every commit is on the disk before the desk says "checked in", so a power cut
    # (common in the villages) loses nothing confirmed; NORMAL in WAL mode survives a killed
    # process but may lose the last commits on a power cut. Measured on a demo house: a
    # check-in takes 4.0 ms median with FULL against 3.4 ms with NORMAL (p95 5.1 / 4.1 ms);
    # the assistant cannot notice the difference, a lost check-in she would.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _on_read_only_connect(dbapi_connection, _record) -> None:
    """A file opened read-only: no pragma that writes (WAL, secure delete), and SQLite
    itself refuses any statement that would change the file."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _read_only_opener(path: Path, key: cipher.FileKey | None):
    def connect():
        try:
            conn = cipher.connect(path, key=key, read_only=True,
                                  timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        except cipher.OPERATIONAL_ERRORS:
            conn = None
        if conn is not None:
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return conn
            except cipher.OPERATIONAL_ERRORS:
                conn.close()
        # even its -shm cannot be made (a read-only folder, where nobody else can write)
        return cipher.connect(path, key=key, read_only=True, immutable=True,
                              check_same_thread=False)

    return connect


def is_url(target: str) -> bool:
    return "://" in target


def sqlite_url(path: Path) -> URL:
    """A URL for a file path, whatever characters (?, #, spaces) the path holds."""
    return URL.create("sqlite", database=str(path))


def file_engine(path: Path, *, key: cipher.FileKey | None = None,
                read_only: bool = False, **kwargs: Any) -> Engine:
    """A bare SQLAlchemy engine on a file (plaintext or encrypted) through ``cipher``: no
    pragmas, for a first look at a file or a copy of it. ``key`` makes a new file encrypted
    (or opens one whose key the store does not have)."""
    if key is None and cipher.is_encrypted(path):
        key = cipher.key_for(path)  # once: the engine keeps it for every connection it makes
    if read_only:
        creator = _read_only_opener(path, key)
    else:
        def creator():
            return cipher.connect(path, key=key, timeout=BUSY_TIMEOUT_MS / 1000,
                                  check_same_thread=False)
    return create_engine(sqlite_url(path), module=cipher.dbapi, creator=creator,
                         json_serializer=dump_json, hide_parameters=True, **kwargs)


def sqlite_engine(path: Path, *, read_only: bool = False,
                  key: cipher.FileKey | None = None) -> Engine:
    if read_only:
        engine = file_engine(path, read_only=True)
        event.listen(engine, "connect", _on_read_only_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    # hide_parameters: error texts (and so errors.log) never carry families' data
    engine = file_engine(path, key=key)
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "connect", lambda _conn, _record: owner_only(path))
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def owner_only(path: Path) -> None:
    """The house file holds children's data: readable by the user who runs the desk only.
    A file made (or copied) readable by others is tightened when it is opened; SQLite makes
    its -wal and -shm files with the database file's permissions."""
    for part in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            mode = part.stat().st_mode & 0o777
            if mode & 0o077:
                part.chmod(mode & 0o700 | 0o600)
        except OSError:  # not there (yet), or not ours to change: SQLite will say if it matters
            continue


def _on_sqlite_begin(connection) -> None:
    mode = connection.get_execution_options().get(BEGIN_OPTION, BEGIN_READ)
    if mode != NO_BEGIN:
        connection.exec_driver_sql(f"BEGIN {mode}")


def engine_for(target: str | Path) -> Engine:
    """A file path becomes a tuned SQLite engine; anything with ``://`` is a database URL."""
    if isinstance(target, str) and is_url(target):
        url = make_url(target)
        if url.get_backend_name() == "sqlite" and url.database:
            return sqlite_engine(Path(url.database))
        return create_engine(url, json_serializer=dump_json, hide_parameters=True)
    return sqlite_engine(Path(target))


def check_sqlite_file(path: Path) -> None:
    """Refuse a missing, unreadable or non-SQLite file before anything touches it."""
    if not path.exists():
        raise DatabaseFileError(_("The database file does not exist: {path}").format(path=path))
    if not path.is_file():
        raise DatabaseFileError(_("This is not a database file: {path}").format(path=path))
    try:
        with open(path, "rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError:
        raise DatabaseFileError(
            _("The database file cannot be read: {path}").format(path=path)
        ) from None
    if header != SQLITE_HEADER and not cipher.is_encrypted(path):
        raise DatabaseFileError(
            _("The file is not a database of this program: {path}").format(path=path)
        )


def wipe_free_space(engine: Engine) -> bool:
    """Rewrite an SQLite file without free pages (VACUUM) and empty its WAL (checkpoint
    TRUNCATE), so that values erased on request are not left in its raw bytes; True when the
    WAL could be emptied completely (no other connection was reading). Other databases: True.
    """
    if engine.dialect.name != "sqlite":
        return True
    try:
        with engine.connect().execution_options(**{BEGIN_OPTION: NO_BEGIN}) as conn:
            conn.exec_driver_sql("VACUUM")
            busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()[0]
    except OperationalError:  # another program keeps the file busy: secure_delete still held
        return False
    return not busy


def backup_sqlite(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's online backup (safe while the desk works); an
    encrypted file's copy is encrypted with the same key and has the same key id."""
    src = cipher.connect(source)
    try:
        dst = cipher.connect(target, key=cipher.key_of(source))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
