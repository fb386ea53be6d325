"""The SQLite side of an export: a consistent snapshot of a house file and what it holds.

The snapshot is taken with SQLite's online backup, so the desk can keep working while the
month is exported; the copy is switched out of WAL so it is one self-contained file. The
same facts (house, schema revision, counts) are read when an export is made and checked
again when it is read back.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.pool import NullPool

from bgfuture_desk.db import cipher, migrate
from bgfuture_desk.db.engine import file_engine
from bgfuture_desk.db.models import TRAVELLING_MODELS, House, Setting
from bgfuture_desk.services.exchange.export_errors import HouseMismatchError


def take_snapshot(source: Path, target: Path) -> None:
    """Copy a house file page by page inside one read transaction (consistent, non-blocking).

    The copy is a throwaway file that is read back at once: it is written without flushing
    to the disk (the export file itself is flushed before it is renamed into place).

    An encrypted house file gives a plaintext snapshot (``sqlcipher_export`` in one read
    transaction): the export file that carries it is encrypted with its passphrase, and its
    format does not change.
    """
    src = cipher.connect(source)
    if cipher.is_encrypted(source):
        try:
            cipher.export_plain(src, target)
        finally:
            src.close()
        return
    try:
        dst = cipher.connect(target)
        try:
            dst.execute("PRAGMA synchronous=OFF")
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


@contextmanager
def snapshot_engine(path: Path) -> Iterator[Engine]:
    """A plain engine on a snapshot: no pool, no WAL switch, closed on exit."""
    engine = file_engine(path, poolclass=NullPool)
    try:
        yield engine
    finally:
        engine.dispose()


@dataclass(frozen=True)
class SnapshotFacts:
    house_id: uuid.UUID
    house_code: str
    house_name: str
    revision: str | None
    counts: dict[str, dict[str, int]]  # table → {"live": n, "deleted": m}


def record_counts(conn: Connection) -> dict[str, dict[str, int]]:
    """Live and tombstoned records per travelling table."""
    counts = {}
    for model in TRAVELLING_MODELS:
        total, deleted = conn.execute(
            select(func.count(), func.count(model.deleted_at)).select_from(model)
        ).one()
        counts[model.__tablename__] = {"live": total - deleted, "deleted": deleted}
    return counts


def local_house_id(conn: Connection) -> uuid.UUID | None:
    """The house a house file belongs to (None in a consolidated database)."""
    value = conn.scalar(select(Setting.value).where(Setting.key == "house_id"))
    return uuid.UUID(value) if value else None


def snapshot_facts(engine: Engine) -> SnapshotFacts | None:
    """The facts of a house file's snapshot; None when it is not one house's file."""
    revision = migrate.current_revision(engine)
    with engine.connect() as conn:
        house_id = local_house_id(conn)
        house = conn.execute(select(House).where(House.id == house_id)).first()
        if house is None:
            return None
        return SnapshotFacts(house.id, house.code, house.name, revision, record_counts(conn))


def check_house(conn: Connection, house_id: uuid.UUID, name: str, house_label: str) -> None:
    """Every record of the snapshot must belong to the house its manifest names."""
    houses = conn.scalars(select(House.id)).all()
    local = local_house_id(conn)
    if houses != [house_id] or local not in (None, house_id):
        raise HouseMismatchError(name, house_label)
    for model in TRAVELLING_MODELS:
        foreign = conn.scalar(
            select(func.count()).select_from(model).where(model.house_id != house_id)
        )
        if foreign:
            raise HouseMismatchError(name, house_label)
