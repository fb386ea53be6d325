"""The decrypted bytes of an SQLCipher file and its WAL, page by page, free space included:
what a test that greps "the raw file" for an erased name must look at once the file is
encrypted (SQLCipher 4 defaults, see ``db/cipher.py``)."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from bgfuture_desk.db import cipher

IV, HMAC = 16, 64
RESERVE = IV + HMAC  # 80: a multiple of the AES block
WAL_HEADER, FRAME_HEADER = 32, 24


def _page(data: bytes, key: bytes, first: bool) -> bytes:
    size = cipher.PAGE_SIZE
    start = cipher.KEY_ID_BYTES if first else 0
    iv = data[size - RESERVE: size - RESERVE + IV]
    body = data[start: size - RESERVE]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def decrypted(path: Path, key: cipher.FileKey) -> bytes:
    """Every page of ``path`` and every frame of its WAL, decrypted and joined."""
    out = []
    data = Path(path).read_bytes()
    size = cipher.PAGE_SIZE
    for n in range(len(data) // size):
        out.append(_page(data[n * size:(n + 1) * size], key.key, n == 0))
    wal = Path(f"{path}-wal")
    if wal.exists():
        frames = wal.read_bytes()[WAL_HEADER:]
        step = FRAME_HEADER + size
        for n in range(len(frames) // step):
            frame = frames[n * step: (n + 1) * step]
            number = int.from_bytes(frame[:4], "big")
            out.append(_page(frame[FRAME_HEADER:], key.key, number == 1))
    return b"".join(out)


def file_bytes(path: Path) -> bytes:
    """What a grep of the file finds: decrypted when it is encrypted (the key from the store),
    as it is when not; with its WAL."""
    if cipher.is_encrypted(Path(path)):
        return decrypted(Path(path), cipher.key_for(Path(path)))
    wal = Path(f"{path}-wal")
    return Path(path).read_bytes() + (wal.read_bytes() if wal.exists() else b"")
