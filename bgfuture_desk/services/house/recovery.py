"""The recovery key: the house file's key itself, printed once for the house's safe.

Written in base32 (A–Z and 2–7, no padding) in groups of four joined by dashes, 13 groups
for the 256 bits; read back forgivingly: any case, spaces, dashes and line breaks, and the
digits 0, 1 and 8 taken for the letters O, I and B they look like. Whoever holds it opens
the file and every backup of it on any PC: it is kept like the house's keys.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from bgfuture_desk.db import cipher
from bgfuture_desk.db.cipher import KEY_BYTES, FileKey
from bgfuture_desk.db.models import House, Setting
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.house import key_wrap, keys
from bgfuture_desk.services.unit import Actor, Database, guarded

GROUP = 4
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


def recovery_text(key: bytes) -> str:
    """``ABCD-EFGH-…``: the 32 key bytes in base32 groups of four."""
    letters = base64.b32encode(key).decode("ascii").rstrip("=")
    return "-".join(letters[i:i + GROUP] for i in range(0, len(letters), GROUP))


def parse_recovery(text: str) -> bytes:
    """The key bytes of a recovery key as typed or copied, or a ``UserError``."""
    letters = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_LOOKALIKES)
    bad = UserError(_("This is not a recovery key: it has 52 letters and digits in groups of "
                      "four (ABCD-EFGH-…); check what was typed."))
    if len(letters) != 52:
        raise bad
    try:
        key = base64.b32decode(letters + "=" * (-len(letters) % 8))
    except (binascii.Error, ValueError):
        raise bad from None
    if len(key) != KEY_BYTES:
        raise bad
    return key


def read_recovery_file(path: Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        raise UserError(_("The recovery key file cannot be read: {path}").format(
            path=path)) from None


def unlock_with_recovery(db_path: Path, text: str) -> FileKey:
    """Put the key of ``db_path`` into this user's key store from its recovery key; the key
    is tried on the file first, so a key of another house is refused and stored nowhere."""
    db_path = Path(db_path)
    key_id = key_wrap.encrypted_key_id(db_path)
    key = FileKey(parse_recovery(text), bytes.fromhex(key_id))
    conn = cipher.connect(db_path, key=key, read_only=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except cipher.ERRORS:
        raise UserError(_("This recovery key does not open {path}: it belongs to another "
                          "house file, or was mistyped.").format(path=db_path)) from None
    finally:
        conn.close()
    keys.remember(key)
    return key


@dataclass(frozen=True)
class RecoverySheet:
    """What the printed page shows."""

    house_name: str
    file_name: str
    key_id: str
    text: str
    made_on: dt.date


@guarded(Permission.USERS)
def recovery_sheet(db: Database, actor: Actor) -> RecoverySheet:
    """The recovery key of the open house file, for its administrator to print."""
    if db.path is None or not cipher.is_encrypted(db.path):
        raise UserError(_("The house file is not encrypted; it has no recovery key."))
    key = cipher.key_for(db.path)
    with db.read() as session:
        house_id = session.scalar(select(Setting.value).where(Setting.key == "house_id"))
        name = (session.scalar(select(House.name).where(House.id == uuid.UUID(house_id)))
                if house_id else None) or ""
    return RecoverySheet(name, db.path.name, key.id_hex, recovery_text(key.key),
                         db.clock.today())
