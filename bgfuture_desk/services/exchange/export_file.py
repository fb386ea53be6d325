"""The export file (``.bgfx``): one encrypted, self-checking container per house and month.

Layout (integers big-endian)::

    0       8   magic b"\\x89BGFX\\r\\n\\x1a\\n" (like PNG's: a text-mode copy breaks it visibly)
    8       4   H, the length of the header
    12      H   header, UTF-8 JSON in the clear: format, cipher, compression, chunk size, KDF
                name, parameters and salt, nonce prefix, key check, and house code and month
                as a label (so a list of files can be shown before the passphrase)
    12+H    32  SHA-256 of bytes 0 … 12+H: damage to the header reads as damage
    44+H    …   chunks: flag (1 byte: 0 data, 1 final) | L (4 bytes) | L bytes ciphertext

Each chunk is sealed with AES-256-GCM (tag at its end): nonce = 7-byte prefix | flag |
4-byte counter, associated data = the header's SHA-256, so chunks cannot be changed,
reordered, dropped or moved to another file, and a file cut short lacks its final chunk.
Data chunks carry the SQLite snapshot (each zlib-compressed when the header says so); the
final chunk carries the manifest (UTF-8 JSON), which vouches for the snapshot's SHA-256.
Chunks keep memory flat whatever the size of the house. The key comes from the passphrase
through Argon2id; a second part of the KDF output is the key check, so a wrong passphrase
is told apart from a changed file. Refusals are ``UserError`` subclasses, one sentence each.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import struct
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, BinaryIO

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from bgfuture_desk.services.exchange.export_errors import (
    DamagedExportError,
    NewerExportError,
    NotAnExportError,
    WrongPassphraseError,
)

MAGIC = b"\x89BGFX\r\n\x1a\n"
EXTENSION = ".bgfx"
FORMAT = 1
CIPHER = "AES-256-GCM"
CHUNK = 4 * 1024 * 1024
_LEN = struct.Struct(">I")
_RECORD = struct.Struct(">BI")
_HASH, _TAG = 32, 16
_MAX_HEADER = 64 * 1024
_MAX_CHUNK = 64 * 1024 * 1024
_DATA, _FINAL = 0, 1


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost; recorded in each file, so a file made with other costs still opens."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 4


KDF = KdfParams()  # tests replace it with a cheap one
# Bounds for parameters read from a file, a few times what the program writes: a crafted
# header must not cost seconds and a gigabyte before it is refused (1 GiB, 32 passes did).
_KDF_LIMITS = KdfParams(time_cost=8, memory_kib=256 * 1024, parallelism=8)


@dataclass(frozen=True)
class ExportLabel:
    """What the clear header says (readable without the passphrase, checked after it)."""

    house_code: str
    month: str
    format: int = FORMAT


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(passphrase: str, salt: bytes, params: KdfParams) -> tuple[bytes, str]:
    """(encryption key, key check): two independent parts of one Argon2id output."""
    raw = hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=64,
        type=Type.ID,
    )
    check = hmac.new(raw[32:], b"bgfuture-desk export key check", hashlib.sha256).hexdigest()
    return raw[:32], check[:32]


class _Sealer:
    """Seals or opens the numbered chunks of one file."""

    def __init__(self, key: bytes, nonce_prefix: bytes, header_hash: bytes) -> None:
        self.aead = AESGCM(key)
        self.prefix = nonce_prefix
        self.aad = header_hash
        self.counter = 0

    def _nonce(self, flag: int) -> bytes:
        nonce = self.prefix + bytes([flag]) + _LEN.pack(self.counter)
        self.counter += 1
        return nonce

    def seal(self, flag: int, plain: bytes) -> tuple[bytes, bytes]:
        """(record head, sealed chunk): two writes, rather than copying megabytes to join them."""
        sealed = self.aead.encrypt(self._nonce(flag), plain, self.aad)
        return _RECORD.pack(flag, len(sealed)), sealed

    def open(self, flag: int, sealed: bytes) -> bytes:
        return self.aead.decrypt(self._nonce(flag), sealed, self.aad)


@contextmanager
def _lane() -> Iterator[Callable[[Callable[[Any], object], Any], None]]:
    """One worker thread that runs ``step(block)`` calls in order, one block behind.

    Hashing and writing release the interpreter, so they overlap with the encryption in
    the calling thread; at most two blocks wait per lane, so memory stays flat. Leaving the
    block waits for the last call; a failed call (a full disk) is raised.
    """
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bgf-export")
    queued: list[Future[object]] = []

    def submit(step: Callable[[Any], object], block: Any) -> None:
        if len(queued) >= 2:
            queued.pop(0).result()
        queued.append(pool.submit(step, block))

    try:
        yield submit
        for future in queued:
            future.result()
    finally:
        for future in queued:
            future.cancel()
        pool.shutdown(wait=True)


def pack(
    out: BinaryIO,
    snapshot: BinaryIO,
    finish_manifest: Callable[[str, int], dict[str, Any]],
    passphrase: str,
    *,
    label: ExportLabel,
    compress: bool = True,
    kdf: KdfParams | None = None,
    tick: Callable[[int], None] | None = None,
) -> None:
    """Write a whole export to ``out``, streaming ``snapshot`` through in chunks.

    ``finish_manifest(sha256, size)`` gets the snapshot's checksum and size once it has
    been read and returns the manifest; ``tick(n)`` is told about every n bytes read.
    """
    params = kdf or KDF
    salt, nonce_prefix = os.urandom(16), os.urandom(7)
    key, check = _derive(passphrase, salt, params)
    header = {
        "format": label.format,
        "cipher": CIPHER,
        "chunk_bytes": CHUNK,
        "compression": "zlib" if compress else "none",
        "kdf": {
            "name": "argon2id",
            "salt": _b64(salt),
            "time_cost": params.time_cost,
            "memory_kib": params.memory_kib,
            "parallelism": params.parallelism,
        },
        "key_check": check,
        "nonce_prefix": _b64(nonce_prefix),
        "house": label.house_code,
        "month": label.month,
    }
    head = json.dumps(header, sort_keys=True).encode("utf-8")
    prefix = MAGIC + _LEN.pack(len(head)) + head
    digest = hashlib.sha256(prefix).digest()
    out.write(prefix + digest)
    sealer = _Sealer(key, nonce_prefix, digest)
    sha, size = hashlib.sha256(), 0
    with _lane() as hashing, _lane() as writing:
        while block := snapshot.read(CHUNK):
            hashing(sha.update, block)
            size += len(block)
            plain = zlib.compress(block, 1) if compress else block
            writing(out.writelines, sealer.seal(_DATA, plain))
            if tick:
                tick(len(block))
    manifest = finish_manifest(sha.hexdigest(), size)
    body = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode("utf-8")
    out.writelines(sealer.seal(_FINAL, body))


def _read_header(src: BinaryIO, name: str) -> tuple[dict[str, Any], bytes]:
    """The clear header and its SHA-256; refuses what is not ours or is damaged."""
    start = src.read(len(MAGIC) + _LEN.size)
    if start[: len(MAGIC)] != MAGIC:
        if MAGIC.startswith(start):  # empty, or cut off inside the magic
            raise DamagedExportError(name)
        raise NotAnExportError(name)
    if len(start) < len(MAGIC) + _LEN.size:
        raise DamagedExportError(name)
    (size,) = _LEN.unpack_from(start, len(MAGIC))
    if size > _MAX_HEADER:
        raise DamagedExportError(name)
    head = src.read(size)
    digest = src.read(_HASH)
    if len(head) != size or hashlib.sha256(start + head).digest() != digest:
        raise DamagedExportError(name)
    try:
        header = json.loads(head)
        header["format"] = int(header["format"])
    except (ValueError, KeyError, TypeError):
        raise DamagedExportError(name) from None
    if header["format"] > FORMAT:
        raise NewerExportError(name, f"format {header['format']}")
    return header, digest


def read_label(src: BinaryIO, name: str) -> ExportLabel:
    """House and month of an export without the passphrase (for lists in the wizard)."""
    header, _digest = _read_header(src, name)
    return ExportLabel(str(header.get("house", "")), str(header.get("month", "")), header["format"])


def _kdf_of(header: dict[str, Any], name: str) -> tuple[KdfParams, bytes]:
    try:
        kdf = header["kdf"]
        params = KdfParams(int(kdf["time_cost"]), int(kdf["memory_kib"]), int(kdf["parallelism"]))
        salt = base64.b64decode(kdf["salt"], validate=True)
        ok = kdf["name"] == "argon2id" and header["cipher"] == CIPHER and len(salt) >= 8
    except (KeyError, TypeError, ValueError):
        raise DamagedExportError(name) from None
    limits = _KDF_LIMITS
    within = (
        1 <= params.time_cost <= limits.time_cost
        and 8 * params.parallelism <= params.memory_kib <= limits.memory_kib
        and 1 <= params.parallelism <= limits.parallelism
    )
    if not (ok and within):
        raise DamagedExportError(name)
    return params, salt


def _opener(header: dict[str, Any], digest: bytes, passphrase: str, name: str) -> _Sealer:
    params, salt = _kdf_of(header, name)
    try:
        nonce_prefix = base64.b64decode(header["nonce_prefix"], validate=True)
        check = str(header["key_check"])
    except (KeyError, TypeError, ValueError):
        raise DamagedExportError(name) from None
    if len(nonce_prefix) != 7:
        raise DamagedExportError(name)
    key, wanted = _derive(passphrase, salt, params)
    if not hmac.compare_digest(wanted, check):
        raise WrongPassphraseError(name)
    return _Sealer(key, nonce_prefix, digest)


def _inflate(data: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj()
    plain = inflater.decompress(data, limit + 1)
    if len(plain) > limit or not inflater.eof or inflater.unused_data:
        raise zlib.error("chunk does not match its length")
    return plain


def _open_chunks(
    src: BinaryIO,
    sealer: _Sealer,
    name: str,
    header: dict[str, Any],
    data: Callable[[bytes], None],
    tick: Callable[[int], None] | None,
) -> bytes:
    """Open the chunks in order, handing each data chunk to ``data``; the final chunk's
    plain text (the manifest) is returned."""
    compressed = header.get("compression") == "zlib"
    chunk = header.get("chunk_bytes")
    if not isinstance(chunk, int) or not 0 < chunk <= _MAX_CHUNK:
        raise DamagedExportError(name)
    while True:
        record = src.read(_RECORD.size)
        if len(record) < _RECORD.size:
            raise DamagedExportError(name)  # cut short: the final chunk never came
        flag, length = _RECORD.unpack(record)
        sealed = src.read(length) if length <= 2 * chunk + _TAG else b""
        if flag not in (_DATA, _FINAL) or len(sealed) != length:
            raise DamagedExportError(name)
        plain = sealer.open(flag, sealed)
        if flag == _FINAL:
            return plain
        data(_inflate(plain, chunk) if compressed else plain)
        if tick:
            tick(len(record) + length)


def unpack(
    src: BinaryIO,
    out: BinaryIO,
    passphrase: str,
    name: str,
    tick: Callable[[int], None] | None = None,
) -> tuple[dict[str, Any], str, int]:
    """Decrypt an export: the snapshot goes to ``out``; returns (manifest, its SHA-256, size).

    The caller compares the returned checksum with the manifest's.
    """
    header, digest = _read_header(src, name)
    sealer = _opener(header, digest, passphrase, name)
    sha, size = hashlib.sha256(), 0
    try:
        with _lane() as hashing, _lane() as writing:

            def data(block: bytes) -> None:
                nonlocal size
                size += len(block)
                hashing(sha.update, block)
                writing(out.write, block)

            manifest = json.loads(_open_chunks(src, sealer, name, header, data, tick))
    except (InvalidTag, zlib.error, ValueError):
        raise DamagedExportError(name) from None
    if src.read(1):
        raise DamagedExportError(name)  # something was appended after the final chunk
    house = manifest.get("house") if isinstance(manifest, dict) else None
    if not isinstance(house, dict) or (header.get("house"), header.get("month")) != (
        house.get("code"),
        manifest.get("month"),
    ):
        raise DamagedExportError(name)
    return manifest, sha.hexdigest(), size
