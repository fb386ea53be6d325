"""Every refused file leaves the consolidated database as it was.

A wrong passphrase, a changed or truncated file, a file that is not an export, a schema
newer than the program, a file whose records belong to another house: each is refused
with one Bulgarian sentence, and the target keeps every byte (SQLite) or every row
(PostgreSQL). A missing SQLite target is not even created.
"""

from __future__ import annotations

import re
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from bgfuture_desk.errors import DatabaseFileError
from bgfuture_desk.services.exchange.consolidate import ConsolidationError, consolidate
from bgfuture_desk.services.exchange.export_errors import (
    DamagedExportError,
    HouseMismatchError,
    InconsistentExportError,
    NewerExportError,
    NotAnExportError,
    WrongPassphraseError,
)
from tests.exchange_data import PASSPHRASE, craft, export, run_sql, snapshot_of, state

pytest_plugins = ["tests.exchange_fixtures"]
pytestmark = pytest.mark.usefixtures("cheap_kdf")

CYRILLIC = re.compile("[А-Яа-я]")


def _flip(path: Path, where: float) -> Path:
    data = bytearray(path.read_bytes())
    data[int(where * (len(data) - 1))] ^= 0x01
    out = path.with_name(f"flipped-{where}.bgfx")
    out.write_bytes(bytes(data))
    return out


def _cut(path: Path, keep: float | int) -> Path:
    data = path.read_bytes()
    out = path.with_name(f"cut-{keep}.bgfx")
    out.write_bytes(data[: int(keep * len(data))] if isinstance(keep, float) else data[:keep])
    return out


def _text_file(path: Path) -> Path:
    out = path.with_name("notes.bgfx")
    out.write_text("Отчет за октомври\n", encoding="utf-8")
    return out


def _house_file(path: Path) -> Path:
    out = path.with_name("kran.sqlite.bgfx")
    shutil.copy(path.with_name("kran.sqlite"), out)
    return out


def _newer_schema(path: Path) -> Path:
    snap = path.with_name("newer.sqlite")
    manifest = snapshot_of(path, snap)
    run_sql(snap, "UPDATE alembic_version SET version_num = '9999'")
    return craft(path.with_name("newer.bgfx"), snap, {**manifest, "schema_revision": "9999"})


def _foreign_record(path: Path) -> Path:
    """A record of another house smuggled into the file."""
    snap = path.with_name("mixed.sqlite")
    manifest = snapshot_of(path, snap)
    other = uuid.uuid4().hex
    run_sql(
        snap,
        "INSERT INTO houses (id, code, prefix, name, settlement, address, phone, created_at, "
        f"updated_at) VALUES ('{other}', 'other', 'OTH', 'Друга', 'Друго', '', '', "
        "'2025-01-01 00:00:00.000000', '2025-01-01 00:00:00.000000')",
        f"UPDATE people SET house_id = '{other}' WHERE rowid = 1",
    )
    return craft(path.with_name("mixed.bgfx"), snap, manifest)


def _other_house_named(path: Path) -> Path:
    """The manifest names a house the records do not belong to."""
    snap = path.with_name("renamed.sqlite")
    manifest = snapshot_of(path, snap)
    house = {**manifest["house"], "id": str(uuid.uuid4())}
    return craft(path.with_name("renamed.bgfx"), snap, {**manifest, "house": house})


def _dangling_reference(path: Path) -> Path:
    """A visit of a person who is in no file."""
    snap = path.with_name("dangling.sqlite")
    manifest = snapshot_of(path, snap)
    run_sql(snap, f"UPDATE visit_people SET person_id = '{uuid.uuid4().hex}' WHERE rowid = 1")
    return craft(path.with_name("dangling.bgfx"), snap, manifest)


def _wrong_passphrase(path: Path) -> Path:
    return path


def _appended(path: Path) -> Path:
    out = path.with_name("appended.bgfx")
    out.write_bytes(path.read_bytes() + b"\0")
    return out


BAD_FILES: list[tuple[str, Callable[[Path], Path], type[Exception], str]] = [
    ("wrong passphrase", _wrong_passphrase, WrongPassphraseError, "Паролата не отваря"),
    ("byte flipped in the header", lambda p: _flip(p, 0.0001), DamagedExportError, "променен"),
    ("byte flipped in the middle", lambda p: _flip(p, 0.5), DamagedExportError, "променен"),
    ("byte flipped at the end", lambda p: _flip(p, 1.0), DamagedExportError, "променен"),
    ("cut in half", lambda p: _cut(p, 0.5), DamagedExportError, "непълен"),
    ("last byte missing", lambda p: _cut(p, -1), DamagedExportError, "непълен"),
    ("only the magic", lambda p: _cut(p, 9), DamagedExportError, "непълен"),
    ("something appended", _appended, DamagedExportError, "променен"),
    ("a text file", _text_file, NotAnExportError, "не е месечен износ"),
    ("a house database", _house_file, NotAnExportError, "не е месечен износ"),
    ("a newer schema", _newer_schema, NewerExportError, "по-нова версия"),
    ("a record of another house", _foreign_record, HouseMismatchError, "не принадлежат"),
    ("another house named", _other_house_named, HouseMismatchError, "не принадлежат"),
    ("a reference to nowhere", _dangling_reference, InconsistentExportError, "сочат към записи"),
]


@pytest.fixture
def consolidated(target, houses, tmp_path) -> tuple[str, Path]:
    """A target holding Ръжена already, and Крън's good export for the bad variants."""
    consolidate(target, [export(houses.razhena, tmp_path)], PASSPHRASE)
    return target, export(houses.kran, tmp_path)


@pytest.mark.parametrize(
    ("case", "make", "error", "words"), BAD_FILES, ids=[b[0] for b in BAD_FILES]
)
def test_a_refused_file_leaves_the_target_untouched(consolidated, case, make, error, words):
    target, good = consolidated
    bad = make(good)
    passphrase = "друга-парола" if case == "wrong passphrase" else PASSPHRASE
    before = state(target)

    with pytest.raises(error) as refused:
        consolidate(target, [good, bad], passphrase)  # the good one must not go in either

    message = str(refused.value)
    assert words in message and bad.name in message, message
    assert CYRILLIC.search(message) and "\n" not in message
    assert state(target) == before


@pytest.mark.parametrize(
    ("case", "make", "error", "words"), BAD_FILES, ids=[b[0] for b in BAD_FILES]
)
def test_a_refused_first_file_creates_no_sqlite_target(houses, tmp_path, case, make, error, words):
    bad = make(export(houses.kran, tmp_path))
    passphrase = "друга-парола" if case == "wrong passphrase" else PASSPHRASE
    target = tmp_path / "new" / "all.sqlite"
    with pytest.raises(error):
        consolidate(target, [bad], passphrase)
    assert not target.exists() and not target.parent.exists()


def test_a_house_file_as_target_is_refused_untouched(houses, tmp_path):
    file = export(houses.razhena, tmp_path)
    before = state(str(houses.kran))
    with pytest.raises(ConsolidationError, match="базата данни на къща"):
        consolidate(houses.kran, [file], PASSPHRASE)
    assert state(str(houses.kran)) == before


def test_two_houses_with_one_code_are_refused(consolidated, house_templates, tmp_path):
    target, _good = consolidated
    twin = tmp_path / "twin" / "razhena.sqlite"
    twin.parent.mkdir()
    from bgfuture_desk.services.house import setup as setup  # another Ръжена, made from scratch

    setup.initialise(twin, setup.preset_input("razhena"), None).dispose()
    file = export(twin, tmp_path / "twin")
    before = state(target)
    with pytest.raises(ConsolidationError, match="„razhena“"):
        consolidate(target, [file], PASSPHRASE)
    assert state(target) == before


def test_two_houses_with_one_code_in_a_new_file_are_refused(houses, tmp_path):
    twin = tmp_path / "twin" / "razhena.sqlite"
    twin.parent.mkdir()
    from bgfuture_desk.services.house import setup as setup  # another Ръжена, made from scratch

    setup.initialise(twin, setup.preset_input("razhena"), None).dispose()
    files = [export(houses.razhena, tmp_path), export(twin, tmp_path / "twin")]
    target = tmp_path / "new" / "all.sqlite"
    with pytest.raises(ConsolidationError, match="„razhena“"):
        consolidate(target, files, PASSPHRASE)
    assert not target.parent.exists()


def test_a_target_from_a_newer_program_is_refused_untouched(houses, tmp_path):
    target = tmp_path / "all.sqlite"
    consolidate(target, [export(houses.razhena, tmp_path)], PASSPHRASE)
    run_sql(target, "UPDATE alembic_version SET version_num = '9999'")
    before = state(str(target))
    with pytest.raises(DatabaseFileError, match="по-нова версия"):
        consolidate(target, [export(houses.kran, tmp_path)], PASSPHRASE)
    assert state(str(target)) == before
