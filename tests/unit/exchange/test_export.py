"""The monthly export as the assistant makes it: one complete file, logged, or nothing."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bgfuture_desk import __version__
from bgfuture_desk.db import cipher, migrate
from bgfuture_desk.db.models import TRAVELLING_MODELS, AuditEvent, ExportLog, Person, User
from bgfuture_desk.errors import UserError, ValidationError
from bgfuture_desk.services.exchange import export as export_service
from bgfuture_desk.services.exchange.consolidate import consolidate
from bgfuture_desk.services.exchange.export import export_month, export_status
from bgfuture_desk.services.exchange.export_read import read_export, read_label
from bgfuture_desk.services.exchange.snapshot import take_snapshot
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.forms import PersonInput
from bgfuture_desk.services.unit import Actor
from tests.exchange_data import MONTH, PASSPHRASE, export, open_house, scalars

pytest_plugins = ["tests.exchange_fixtures"]
pytestmark = pytest.mark.usefixtures("cheap_kdf")


def _assistant(house: Path) -> Actor:
    user = scalars(house, select(User).where(User.role == "assistant"))[0]
    return Actor(user.id, "Сътрудник", "assistant")


def _export(house: Path, out: Path, actor: Actor | None = None, **kw):
    db = open_house(house)
    try:
        args = {"month": MONTH, "out": out, "passphrase": PASSPHRASE, **kw}
        return export_month(db, actor or Actor.system(), **args)
    finally:
        db.dispose()


def test_one_file_named_after_house_and_month_with_its_manifest(houses, tmp_path):
    out = tmp_path / "usb"
    out.mkdir()
    with cipher.connect(houses.kran) as conn:
        live = conn.execute("SELECT count(*) FROM people WHERE deleted_at IS NULL").fetchone()[0]

    result = _export(houses.kran, out)

    assert [p.name for p in out.iterdir()] == ["kran-2025-01.bgfx"]
    assert result.path == out / "kran-2025-01.bgfx"
    with read_export(result.path, PASSPHRASE) as contents:
        m = contents.manifest
        assert (m.house_code, m.house_name, m.month) == (
            "kran",
            "Къща на семейството – Крън",
            MONTH,
        )
        assert m.app_version == __version__ and m.schema_revision == migrate.head_revision()
        assert m.counts["people"] == {"live": live, "deleted": 0}
        assert set(m.counts) == {model.__tablename__ for model in TRAVELLING_MODELS}
        assert m.to_json()["period"] == {"from": "2025-01-01", "to": "2025-01-31"}
        assert dt.datetime.now(dt.UTC).replace(tzinfo=None) - m.created_at < dt.timedelta(minutes=5)
        assert m.snapshot_sha256 == hashlib.sha256(contents.snapshot.read_bytes()).hexdigest()
        assert result.sha256 == m.snapshot_sha256
        assert scalars(contents.snapshot, select(func.count()).select_from(Person)) == [live]
    assert result.file_bytes == result.path.stat().st_size


def test_the_export_is_logged_with_who_when_where_and_checksum(houses, tmp_path):
    actor = _assistant(houses.kran)
    result = _export(houses.kran, tmp_path, actor)

    logs = scalars(houses.kran, select(ExportLog))
    assert len(logs) == 1
    log = logs[0]
    assert (log.month, log.user_id, log.sha256) == (MONTH, actor.user_id, result.sha256)
    assert log.path == str(result.path.resolve())
    assert log.counts == result.counts
    events = scalars(houses.kran, select(AuditEvent).where(AuditEvent.action == "export_month"))
    assert [(e.entity, e.user_id) for e in events] == [("export_logs", actor.user_id)]


def test_the_passphrase_is_stored_nowhere(houses, tmp_path):
    result = _export(houses.kran, tmp_path)
    for path in (houses.kran, result.path):
        assert PASSPHRASE.encode() not in path.read_bytes()


@pytest.mark.parametrize(
    ("month", "words"),
    [
        ("2025-13", "ГГГГ-ММ"),
        ("01.2025", "ГГГГ-ММ"),
        ("", "ГГГГ-ММ"),
        ("2999-01", "още не е започнал"),
    ],
)
def test_a_bad_month_is_refused_and_nothing_written(houses, tmp_path, month, words):
    with pytest.raises(ValidationError) as refused:
        _export(houses.kran, tmp_path, month=month)
    assert words in refused.value.errors["month"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kran.sqlite", "razhena.sqlite"]


def test_a_short_passphrase_is_refused(houses, tmp_path):
    with pytest.raises(ValidationError) as refused:
        _export(houses.kran, tmp_path, passphrase="1234567")
    assert refused.value.errors == {"passphrase": "Паролата трябва да има поне 8 знака."}
    assert export_service.validate_passphrase("12345678", "12345679") == {
        "repeat": "Двете пароли се различават."
    }
    assert scalars(houses.kran, select(ExportLog)) == []


def _full_disk(after: int):
    calls = {"n": 0}
    original = export_service._CountingWriter.write

    def write(self, data):
        calls["n"] += 1
        if calls["n"] > after:
            raise OSError(errno.ENOSPC, "No space left on device")
        return original(self, data)

    return write


@pytest.mark.parametrize("after", [0, 1, 3], ids=["at once", "after the header", "midway"])
def test_a_failed_write_leaves_the_old_file_and_no_half_file(houses, tmp_path, monkeypatch, after):
    from bgfuture_desk.services.exchange import export_file

    monkeypatch.setattr(export_file, "CHUNK", 64 * 1024)  # several chunks even for a demo
    old = _export(houses.kran, tmp_path).path
    before = old.read_bytes()
    monkeypatch.setattr(export_service._CountingWriter, "write", _full_disk(after))

    with pytest.raises(UserError) as refused:
        _export(houses.kran, tmp_path)

    assert "Износът не можа да се запише" in str(refused.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "kran-2025-01.bgfx",
        "kran.sqlite",
        "razhena.sqlite",
    ]
    assert old.read_bytes() == before
    assert len(scalars(houses.kran, select(ExportLog))) == 1  # only the good one


def test_a_failing_fsync_leaves_no_file(houses, tmp_path, monkeypatch):
    def fsync(_fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(export_service.os, "fsync", fsync)
    with pytest.raises(UserError, match="Износът не можа да се запише"):
        _export(houses.kran, tmp_path / "kran.bgfx")
    assert not (tmp_path / "kran.bgfx").exists()
    assert not list(tmp_path.glob(".*"))


def test_the_desk_keeps_working_during_an_export(houses, tmp_path):
    """A change saved while the export runs is not in it, and is not blocked by it."""
    db = open_house(houses.kran)
    person = scalars(houses.kran, select(Person).order_by(Person.id))[0]
    changed = PersonInput(role=person.role, first_name="Веселина", last_name=person.last_name)
    saved = []

    def progress(done, total, _message):
        if total and not saved:
            saved.append(families.update_person(db, Actor.system(), person.id, changed))

    try:
        result = export_month(
            db, Actor.system(), month=MONTH, out=tmp_path, passphrase=PASSPHRASE, progress=progress
        )
    finally:
        db.dispose()
    assert saved and saved[0].first_name == "Веселина"
    with read_export(result.path, PASSPHRASE) as contents:
        names = scalars(contents.snapshot, select(Person.first_name).where(Person.id == person.id))
    assert names == [person.first_name]


def test_a_snapshot_leaves_out_what_is_not_committed(houses, tmp_path):
    writer = cipher.connect(houses.kran, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE people SET first_name = 'Незаписана'")
    try:
        take_snapshot(houses.kran, tmp_path / "snap.sqlite")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    names = scalars(tmp_path / "snap.sqlite", select(Person.first_name))
    assert names and "Незаписана" not in names


def test_an_export_to_a_named_file_replaces_the_old_one(houses, tmp_path):
    target = tmp_path / "октомври.bgfx"
    target.write_bytes(b"old")
    result = _export(houses.razhena, target)
    assert result.path == target and target.read_bytes() != b"old"
    assert read_label(target).house_code == "razhena"


def test_a_consolidated_database_is_not_exported(houses, tmp_path):
    all_path = tmp_path / "all.sqlite"
    consolidate(all_path, [export(houses.kran, tmp_path)], PASSPHRASE)
    with pytest.raises(UserError, match="Обединена база данни не се изнася"):
        _export(all_path, tmp_path / "out.bgfx")


def test_export_status_preselects_last_month_and_reminds_early(houses, tmp_path):
    db = open_house(houses.kran)
    try:
        early = export_status(db, dt.date(2025, 2, 3))
        late = export_status(db, dt.date(2025, 2, 20))
        assert (early.suggested_month, early.remind, early.last_month) == ("2025-01", True, None)
        assert late.remind is False
        export_month(db, Actor.system(), month=MONTH, out=tmp_path, passphrase=PASSPHRASE)
        done = export_status(db, dt.date(2025, 2, 3))
    finally:
        db.dispose()
    assert (done.suggested_exported, done.remind, done.last_month) == (True, False, MONTH)
    assert done.last_path == str((tmp_path / "kran-2025-01.bgfx").resolve())
    assert export_service.month_label("2025-01") == "януари 2025 г."


def test_the_plain_snapshot_stays_beside_the_house_owner_only_and_goes(houses, tmp_path):
    """While packing, the plain copy is in a folder beside the house file (mode 0700), never
    in the shared temporary folder or on the stick; afterwards it is gone."""
    import stat
    import tempfile

    seen = []

    def progress(_done, _total, _message):
        seen.extend(
            (p, stat.S_IMODE(p.stat().st_mode))
            for p in houses.kran.parent.glob(".kran.sqlite.export-*")
        )

    out = tmp_path / "stick"
    out.mkdir()
    temp_before = set(Path(tempfile.gettempdir()).glob("bgfuture-export-*"))
    _export(houses.kran, out, progress=progress)
    assert seen, "no snapshot beside the house file"
    assert {mode for _path, mode in seen} == {0o700}
    assert not list(houses.kran.parent.glob(".kran.sqlite.export-*"))
    assert set(Path(tempfile.gettempdir()).glob("bgfuture-export-*")) == temp_before
    assert sorted(p.name for p in out.iterdir()) == ["kran-2025-01.bgfx"]


def test_what_a_killed_export_left_is_removed_by_the_next(houses, tmp_path):
    snapshot = houses.kran.parent / ".kran.sqlite.export-dead0000"
    snapshot.mkdir()
    (snapshot / "house.sqlite").write_bytes(b"SQLite format 3\x00 plain data")
    half = tmp_path / ".kran-2025-01.bgfx.abc123.part"
    half.write_bytes(b"half")
    _export(houses.kran, tmp_path)
    assert not snapshot.exists() and not half.exists()
    assert (tmp_path / "kran-2025-01.bgfx").exists()
