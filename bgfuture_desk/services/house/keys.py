"""Where this user keeps the keys of house files: the operating system's protected store,
or a key file readable by the owner only where there is none.

- ``KeyringStore``: the ``keyring`` package (Windows Credential Manager, the Secret Service
  on Linux, the macOS keychain); service ``bgfuture-desk``, user name the key id (hex), the
  secret the key (hex).
- ``FileStore``: ``<user config folder>/bgfuture-desk/keys/<key id>.key``, the folder 0700
  and the file 0600, written atomically. It protects the key as well as the user's account
  protects the house file itself; ``check`` warns when it is used.

``BGF_KEY_STORE=file`` (or ``os``) chooses the store, ``BGF_KEY_DIR`` the folder of the file
store (the tests set both, so they never touch a real store). The store is read at every
look-up: ``install()`` makes it the key provider of ``db/cipher.py``.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from platformdirs import user_config_path

from bgfuture_desk.db import cipher
from bgfuture_desk.db.cipher import FileKey

SERVICE = "bgfuture-desk"
STORE_ENV = "BGF_KEY_STORE"
DIR_ENV = "BGF_KEY_DIR"
OS_STORE = "os"
FILE_STORE = "file"


class KeyStore(Protocol):
    kind: str

    def get(self, key_id: str) -> FileKey | None: ...

    def put(self, key: FileKey) -> None: ...


def _parse(key_id: str, value: str | None) -> FileKey | None:
    try:
        return FileKey(bytes.fromhex((value or "").strip()), bytes.fromhex(key_id))
    except ValueError:  # nothing there, or something that is not one of our keys
        return None


class KeyringStore:
    kind = OS_STORE

    def get(self, key_id: str) -> FileKey | None:
        import keyring
        from keyring.errors import KeyringError

        try:
            return _parse(key_id, keyring.get_password(SERVICE, key_id))
        except KeyringError:
            return None

    def put(self, key: FileKey) -> None:
        import keyring

        keyring.set_password(SERVICE, key.id_hex, key.key.hex())


class FileStore:
    kind = FILE_STORE

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _file(self, key_id: str) -> Path:
        bytes.fromhex(key_id)  # a key id is hex: never a path of its own
        return self.folder / f"{key_id}.key"

    def get(self, key_id: str) -> FileKey | None:
        try:
            return _parse(key_id, self._file(key_id).read_text(encoding="ascii"))
        except (OSError, ValueError):
            return None

    def put(self, key: FileKey) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.folder, 0o700)
        fd, tmp = tempfile.mkstemp(prefix=".key.", dir=self.folder)
        try:
            os.chmod(tmp, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(key.key.hex() + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self._file(key.id_hex))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def default_key_dir() -> Path:
    return user_config_path("bgfuture-desk", appauthor=False) / "keys"


def file_store() -> FileStore:
    folder = os.environ.get(DIR_ENV)
    return FileStore(Path(folder) if folder else default_key_dir())


def os_store_available() -> bool:
    """Whether ``keyring`` has a real store here (not its fail or null backend)."""
    try:
        import keyring
        from keyring.backends import chainer, fail, null
    except ImportError:  # pragma: no cover - keyring is a dependency
        return False
    backend = keyring.get_keyring()
    if isinstance(backend, chainer.ChainerBackend):
        return bool(backend.backends)
    return not isinstance(backend, fail.Keyring | null.Keyring)


def current_store() -> KeyStore:
    """The store this user's keys go to (see the module's docstring)."""
    choice = os.environ.get(STORE_ENV, "").strip().lower()
    if choice == FILE_STORE:
        return file_store()
    if choice == OS_STORE or os_store_available():
        return KeyringStore()
    return file_store()


def lookup(key_id: str) -> FileKey | None:
    """The key with this id from the current store, else from the key file (a key kept
    there while the operating system's store was missing)."""
    store = current_store()
    key = store.get(key_id)
    if key is None and store.kind != FILE_STORE:
        key = file_store().get(key_id)
    return key


def remember(key: FileKey) -> KeyStore:
    """Keep ``key`` for this user; the store it went to (the key file when the operating
    system's store refuses it)."""
    store = current_store()
    try:
        store.put(key)
    except Exception:  # noqa: BLE001 - a locked or broken keyring: the key file will do
        if store.kind == FILE_STORE:
            raise
        store = file_store()
        store.put(key)
    return store


def install() -> None:
    """Make this user's key store the provider of ``db/cipher.py``."""
    cipher.use_keys(lookup)


def ensure_installed() -> None:
    """This user's key store as the provider unless one was installed: a program (or a
    worker process) that uses the services without the CLI or the app opens files too."""
    if not cipher.has_provider():
        install()


@dataclass(frozen=True)
class KeyStatus:
    """What ``check`` says about a file's encryption, for this user on this computer."""

    encrypted: bool
    key_found: bool  # False for a plaintext file
    store: str  # OS_STORE or FILE_STORE: where this user's keys go
    store_folder: Path | None  # the key file folder, when that is the store


def key_status(path: Path) -> KeyStatus:
    key_id = cipher.key_id_of(Path(path))
    store = current_store()
    folder = store.folder if isinstance(store, FileStore) else None
    return KeyStatus(key_id is not None, key_id is not None and lookup(key_id) is not None,
                     store.kind, folder)
