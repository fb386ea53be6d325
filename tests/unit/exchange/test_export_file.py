"""The container of an export: what opens, and how every kind of damage is told apart."""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct

import pytest

from bgfuture_desk.services.exchange import export_file
from bgfuture_desk.services.exchange.export_errors import (
    DamagedExportError,
    NewerExportError,
    NotAnExportError,
    WrongPassphraseError,
)

PASS = "тайна-парола-1"
MANIFEST = {
    "kind": "test",
    "house": {"code": "kran", "id": "x", "name": "Крън"},
    "month": "2025-01",
}
LABEL = export_file.ExportLabel("kran", "2025-01")


@pytest.fixture(autouse=True)
def small_and_cheap(monkeypatch):
    """Small chunks, so that a small file has several; a cheap KDF."""
    monkeypatch.setattr(export_file, "CHUNK", 256)
    monkeypatch.setattr(export_file, "KDF", export_file.KdfParams(1, 64, 1))


def packed(data: bytes, *, compress: bool = True, passphrase: str = PASS, label=LABEL) -> bytes:
    out = io.BytesIO()
    export_file.pack(
        out,
        io.BytesIO(data),
        lambda sha, size: {**MANIFEST, "sha": sha, "size": size},
        passphrase,
        label=label,
        compress=compress,
    )
    return out.getvalue()


def opened(blob: bytes, passphrase: str = PASS) -> tuple[dict, bytes]:
    out = io.BytesIO()
    manifest, sha, size = export_file.unpack(io.BytesIO(blob), out, passphrase, "f.bgfx")
    assert manifest["sha"] == sha and manifest["size"] == size
    return manifest, out.getvalue()


DATA = os.urandom(700) + "Мария Иванова, гр. Крън".encode() * 40  # some of it compresses


@pytest.mark.parametrize("compress", [True, False])
def test_what_is_packed_opens_again(compress):
    blob = packed(DATA, compress=compress)
    manifest, data = opened(blob)
    assert data == DATA
    assert manifest["house"]["code"] == "kran"
    assert blob.startswith(export_file.MAGIC)
    assert "Мария".encode() not in blob and PASS.encode() not in blob


def test_the_header_tells_house_and_month_without_the_passphrase():
    label = export_file.read_label(io.BytesIO(packed(DATA)), "f.bgfx")
    assert (label.house_code, label.month) == ("kran", "2025-01")


def test_a_wrong_passphrase_is_told_apart_from_damage():
    with pytest.raises(WrongPassphraseError) as refused:
        opened(packed(DATA), "друга-парола")
    assert refused.value.field == "passphrase"
    assert "f.bgfx" in str(refused.value)


def test_every_flipped_byte_is_refused_as_damage():
    blob = packed(DATA)
    for i in range(len(blob)):
        changed = bytearray(blob)
        changed[i] ^= 0x20
        expected = NotAnExportError if i < len(export_file.MAGIC) else DamagedExportError
        with pytest.raises(expected):
            opened(bytes(changed))


def test_every_shorter_file_is_refused_as_incomplete():
    blob = packed(DATA)
    for keep in range(len(blob)):
        with pytest.raises(DamagedExportError):
            opened(blob[:keep])


def test_chunks_cannot_be_reordered_or_taken_from_another_file():
    blob = packed(DATA, compress=False)
    size = struct.unpack_from(">I", blob, len(export_file.MAGIC))[0]
    start = len(export_file.MAGIC) + 4 + size + 32  # the first chunk
    record = 5 + 256 + 16
    first, second = blob[start : start + record], blob[start + record : start + 2 * record]
    swapped = blob[:start] + second + first + blob[start + 2 * record :]
    with pytest.raises(DamagedExportError):
        opened(swapped)
    other = packed(DATA, compress=False)  # same passphrase, same data, another file
    spliced = blob[:start] + other[start : start + record] + blob[start + record :]
    with pytest.raises(DamagedExportError):
        opened(spliced)


def _with_header(blob: bytes, change) -> bytes:
    """The file with its clear header edited and its header checksum made right again."""
    size = struct.unpack_from(">I", blob, len(export_file.MAGIC))[0]
    start = len(export_file.MAGIC) + 4
    header = json.loads(blob[start : start + size])
    change(header)
    head = json.dumps(header).encode()
    prefix = export_file.MAGIC + struct.pack(">I", len(head)) + head
    return prefix + hashlib.sha256(prefix).digest() + blob[start + size + 32 :]


def test_an_edited_header_is_refused_even_with_its_checksum_redone():
    blob = _with_header(packed(DATA), lambda h: h.update(month="2025-02"))
    with pytest.raises(DamagedExportError):
        opened(blob)


def test_absurd_kdf_costs_are_refused_before_any_work(monkeypatch):
    blob = packed(DATA)

    def no_kdf(*_args):
        raise AssertionError("the KDF must not run")

    monkeypatch.setattr(export_file, "_derive", no_kdf)
    absurd = (
        {"memory_kib": 64 * 1024 * 1024}, {"memory_kib": 1024 * 1024}, {"time_cost": 10_000},
        {"time_cost": 32}, {"parallelism": 0}, {"parallelism": 16},
    )  # fmt: skip
    for cost in absurd:
        with pytest.raises(DamagedExportError):
            opened(_with_header(blob, lambda h, c=cost: h["kdf"].update(c)))


def test_a_file_from_a_newer_format_asks_for_an_update():
    blob = packed(DATA, label=export_file.ExportLabel("kran", "2025-01", format=2))
    with pytest.raises(NewerExportError, match="format 2"):
        opened(blob)


@pytest.mark.parametrize(
    "content",
    [b"SQLite format 3\x00" + bytes(100), "Отчет\n".encode(), b"PK\x03\x04zip"],
    ids=["sqlite", "text", "zip"],
)
def test_other_files_are_not_exports(content):
    with pytest.raises(NotAnExportError, match="не е месечен износ"):
        opened(content)
