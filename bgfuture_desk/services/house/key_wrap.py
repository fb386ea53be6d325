"""The house file's key wrapped by each staff member's password, in a file beside it.

``house.sqlite.keys`` (JSON, mode 0600, written atomically) holds the file's key id and, per
user name, the key encrypted with AES-256-GCM under a key derived from the password with
Argon2id (the export's parameters, recorded in each entry). Whoever knows a staff password
can open the file on any PC, as they could log in to it: after a reinstall or on a new PC a
login puts the key back into the user's key store (``unlock_with_password``). A password
change rewraps; a user's first login adds a missing entry. The entries say nothing without a
password; the file key itself never leaves the key store or this file unencrypted.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from bgfuture_desk.db import cipher
from bgfuture_desk.db.cipher import FileKey
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.exchange import export_file
from bgfuture_desk.services.exchange.export_file import KdfParams
from bgfuture_desk.services.house import keys

SUFFIX = ".keys"
FORMAT = 1
KDF: KdfParams | None = None  # None: the export's parameters (tests set a cheap one)
# a crafted sidecar must not cost seconds and a gigabyte before it is refused
_LIMITS = KdfParams(time_cost=8, memory_kib=256 * 1024, parallelism=8)


def sidecar_path(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + SUFFIX)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _name(username: str) -> str:
    return username.strip().casefold()


def _wrapping_key(password: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(password.encode("utf-8"), salt, time_cost=params.time_cost,
                           memory_cost=params.memory_kib, parallelism=params.parallelism,
                           hash_len=32, type=Type.ID)


def _aad(key_id: str, username: str) -> bytes:
    return f"bgfuture-desk file key {key_id} {_name(username)}".encode()


def read_sidecar(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("users"), dict):
        return None
    return data


def _write_sidecar(path: Path, data: dict[str, Any]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.chmod(tmp, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def wrap(key: FileKey, username: str, password: str) -> dict[str, Any]:
    """One user's entry: ``key`` encrypted under their password."""
    params = KDF or export_file.KDF
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    sealed = AESGCM(_wrapping_key(password, salt, params)).encrypt(
        nonce, key.key, _aad(key.id_hex, username))
    return {
        "kdf": {"algorithm": "argon2id", "time_cost": params.time_cost,
                "memory_kib": params.memory_kib, "parallelism": params.parallelism},
        "salt": _b64(salt), "nonce": _b64(nonce), "wrapped": _b64(sealed),
    }


def unwrap(entry: dict[str, Any], key_id: str, username: str, password: str) -> FileKey | None:
    """The key in ``entry`` if ``password`` is the one it was wrapped with, else None."""
    try:
        kdf = entry["kdf"]
        params = KdfParams(int(kdf["time_cost"]), int(kdf["memory_kib"]), int(kdf["parallelism"]))
        salt, nonce, sealed = (base64.b64decode(entry[k]) for k in ("salt", "nonce", "wrapped"))
    except (KeyError, TypeError, ValueError):
        return None
    if not (1 <= params.time_cost <= _LIMITS.time_cost
            and 8 <= params.memory_kib <= _LIMITS.memory_kib
            and 1 <= params.parallelism <= _LIMITS.parallelism) or len(nonce) != 12:
        return None
    try:
        raw = AESGCM(_wrapping_key(password, salt, params)).decrypt(
            nonce, sealed, _aad(key_id, username))
        return FileKey(raw, bytes.fromhex(key_id))
    except (InvalidTag, ValueError):
        return None


def has_entry(db_path: Path, username: str) -> bool:
    data = read_sidecar(sidecar_path(db_path))
    key_id = cipher.key_id_of(db_path)
    return (data is not None and data.get("key_id") == key_id
            and _name(username) in data["users"])


def remember_password(db_path: Path | None, username: str, password: str) -> bool:
    """Wrap the open house file's key for ``username`` (a new user, a new password, a first
    login); True when the sidecar was written. A plaintext file, a database URL or a folder
    that cannot be written: nothing (the key store and the recovery key still hold it)."""
    if db_path is None or not cipher.is_encrypted(Path(db_path)):
        return False
    db_path = Path(db_path)
    try:
        key = cipher.key_for(db_path)
    except UserError:
        return False
    path = sidecar_path(db_path)
    data = read_sidecar(path)
    if data is None or data.get("key_id") != key.id_hex:
        data = {"format": FORMAT, "key_id": key.id_hex, "users": {}}
    data["users"][_name(username)] = wrap(key, username, password)
    try:
        _write_sidecar(path, data)
    except OSError:
        return False
    return True


def forget_user(db_path: Path | None, username: str) -> None:
    """A deactivated account's password no longer opens the file."""
    if db_path is None:
        return
    path = sidecar_path(Path(db_path))
    data = read_sidecar(path)
    if data is None or _name(username) not in data["users"]:
        return
    del data["users"][_name(username)]
    try:
        _write_sidecar(path, data)
    except OSError:
        pass


def unlock_with_password(db_path: Path, username: str, password: str) -> FileKey:
    """Put the key of ``db_path`` into this user's key store from a staff member's entry in
    its sidecar; one message for a wrong name, a wrong password and a missing entry."""
    db_path = Path(db_path)
    key_id = encrypted_key_id(db_path)
    data = _sidecar_for(db_path, key_id)
    entry = data["users"].get(_name(username)) if data is not None else None
    key = unwrap(entry, key_id, username, password) if isinstance(entry, dict) else None
    if key is None:
        raise UserError(
            _("The user name or password is wrong, or this user cannot open this file on a "
              "new computer (the file {sidecar} beside it holds who can). Use the recovery "
              "key.").format(sidecar=sidecar_path(db_path).name),
            field="password",
        )
    keys.remember(key)
    return key


def _sidecar_for(db_path: Path, key_id: str) -> dict[str, Any] | None:
    """The wrapped keys of the file: beside it, or (a backup) the house file's copy in the
    same folder, which every backup of that file shares: they have one key."""
    candidates = [sidecar_path(db_path), *sorted(db_path.parent.glob(f"*{SUFFIX}"))]
    for path in candidates:
        data = read_sidecar(path)
        if data is not None and data.get("key_id") == key_id:
            return data
    return None


def copy_beside(db_path: Path, folder: Path) -> None:
    """Keep the house file's wrapped keys in a backup folder too (best effort)."""
    source = sidecar_path(db_path)
    data = read_sidecar(source)
    if data is None:
        return
    try:
        _write_sidecar(Path(folder) / source.name, data)
    except OSError:
        pass


def encrypted_key_id(db_path: Path) -> str:
    """The key id of an encrypted house file; a Bulgarian refusal for a missing or plain one."""
    if not db_path.is_file():
        raise UserError(_("The database file does not exist: {path}").format(path=db_path))
    key_id = cipher.key_id_of(db_path)
    if key_id is None:
        raise UserError(_("The house file is not encrypted; it needs no key: {path}").format(
            path=db_path))
    return key_id
