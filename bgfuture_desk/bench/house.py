"""A ten-year house for the exchange benchmark, filled with Core bulk inserts.

On top of the search benchmark's families and people (``bench._fill``): a team of
specialists and ``n_visits`` visits spread over the working days of ten years, each with
one to three members of its family, one or two purposes, a specialist for most, about 1 %
cancelled (tombstoned with their rows), and optionally the audit trail the desk writes for
them (one insert event per record, as the unit of work does). Plain inserts take seconds
where the audited services would take hours.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Uuid, insert, select

from bgfuture_desk.db import cipher
from bgfuture_desk.db.base import Base
from bgfuture_desk.db.models import (
    Attendance,
    AuditEvent,
    Consent,
    Enrolment,
    Family,
    Group,
    Loan,
    Meeting,
    Person,
    Referral,
    Specialist,
    Toy,
    Visit,
    VisitPerson,
    VisitPurposeRow,
)
from bgfuture_desk.domain.calendar import working_days
from bgfuture_desk.domain.vocab import SpecialistKind, VisitPurpose
from bgfuture_desk.services.unit import Database, local_house

_BATCH = 5000
_TEAM = (
    ("Мария Иванова", SpecialistKind.MEDIATOR),
    ("Гергана Петкова", SpecialistKind.HEALTH_MEDIATOR),
    ("Донка Колева", SpecialistKind.NURSE),
    ("Светла Стоянова", SpecialistKind.PEDAGOGUE),
    ("Росица Димитрова", SpecialistKind.PSYCHOLOGIST),
    ("Ивайло Николов", SpecialistKind.SOCIAL_WORKER),
    ("Надя Тодорова", SpecialistKind.TOY_LIBRARIAN),
)


def _stamp(day: dt.date, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute)


def seeded_id(rng: random.Random) -> uuid.UUID:
    """A random (version 4) id drawn from the benchmark's seeded generator: the same
    parameters give the same house, byte for byte."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _event(
    house_id: uuid.UUID, at: dt.datetime, entity: str, row: dict, action: str, event_id: uuid.UUID
) -> dict:
    fields = {
        k: (str(v) if isinstance(v, uuid.UUID | dt.date) else v)
        for k, v in row.items()
        if k not in ("created_at", "updated_at", "deleted_at")
    }
    return {
        "id": event_id,
        "house_id": house_id,
        "created_at": at,
        "updated_at": at,
        "deleted_at": None,
        "at": at,
        "user_id": None,
        "action": action,
        "entity": entity,
        "entity_id": str(row["id"]),
        "operation": "insert",
        "fields": fields,
    }


class Sink:
    """Rows per table, written in batches, parents before children; with ``audit`` the
    insert event the unit of work would have written beside each."""

    def __init__(
        self, conn: Connection, audit: bool, house_id: uuid.UUID, rng: random.Random
    ) -> None:
        self.conn, self.audit, self.house_id, self.rng = conn, audit, house_id, rng
        self.rows: dict[type[Base], list[dict[str, Any]]] = defaultdict(list)
        self.counts: dict[str, int] = defaultdict(int)

    def add(self, model: type[Base], row: dict[str, Any], action: str = "check_in") -> None:
        self.rows[model].append(row)
        if self.audit:
            self.rows[AuditEvent].append(
                _event(
                    self.house_id,
                    row["created_at"],
                    model.__tablename__,
                    row,
                    action,
                    seeded_id(self.rng),
                )
            )
        if len(self.rows[model]) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        for model in _ORDER:
            rows = self.rows.pop(model, [])
            if rows:
                self.conn.execute(insert(model), rows)
                self.counts[model.__tablename__] += len(rows)


_FILLED = (Visit, VisitPerson, VisitPurposeRow, AuditEvent)
_ORDER: tuple[type[Base], ...] = (
    Specialist,
    Visit,
    VisitPerson,
    VisitPurposeRow,
    Toy,
    Loan,
    Group,
    Enrolment,
    Meeting,
    Attendance,
    Consent,
    Referral,
    AuditEvent,
)


@contextmanager
def _without_indexes(conn: Connection, models: tuple[type[Base], ...]) -> Iterator[None]:
    """Build the secondary indexes once at the end: far quicker than row by row."""
    tables = Base.metadata.tables
    indexes = [ix for model in models for ix in tables[model.__tablename__].indexes]
    for ix in indexes:
        ix.drop(conn)
    yield
    for ix in indexes:
        ix.create(conn)


def _visit_days(rng: random.Random, today: dt.date, years: int, n: int) -> Iterator[dt.date]:
    days = list(working_days(today - dt.timedelta(days=int(365.25 * years)), today))
    for _i in range(n):
        yield days[int(len(days) * rng.random() ** 0.8)]  # the house grows: more visits lately


def fill_visits(
    db: Database,
    rng: random.Random,
    *,
    n_visits: int,
    years: int = 10,
    audit: bool = True,
    today: dt.date | None = None,
) -> dict[str, int]:
    """Add the team and the visits to a house that has its families and people, over the
    ``years`` up to ``today`` (the house's today unless told)."""
    with db.read() as session:
        house_id = local_house(session).id
        members: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        for pid, fid in session.execute(select(Person.id, Person.family_id)):
            if fid is not None:  # every person of the benchmark has a family
                members[fid].append(pid)
    families = sorted(members, key=str)
    purposes = [p.value for p in VisitPurpose]
    today = today or db.clock.today()
    with db.engine.begin() as conn, _without_indexes(conn, _FILLED):
        sink = Sink(conn, audit, house_id, rng)
        start = _stamp(today - dt.timedelta(days=int(365.25 * years)), 8 * 60)
        team: list[uuid.UUID] = []
        for name, kind in _TEAM:
            specialist_id = seeded_id(rng)
            row = {
                "id": specialist_id,
                "house_id": house_id,
                "created_at": start,
                "updated_at": start,
                "deleted_at": None,
                "full_name": name,
                "kind": kind.value,
                "phone": "",
                "active": True,
            }
            team.append(specialist_id)
            sink.add(Specialist, row)
        for day in _visit_days(rng, today, years, n_visits):
            family_id = rng.choice(families)
            _visit(sink, rng, house_id, day, (family_id, members[family_id]), team, purposes)
        sink.flush()
    return dict(sink.counts)


def _visit(
    sink: Sink,
    rng: random.Random,
    house_id: uuid.UUID,
    day: dt.date,
    family: tuple[uuid.UUID, list[uuid.UUID]],
    team: list[uuid.UUID],
    purposes: list[str],
) -> None:
    family_id, people = family
    arrived = _stamp(day, rng.randint(8 * 60 + 30, 16 * 60 + 30))
    cancelled = arrived + dt.timedelta(minutes=2) if rng.random() < 0.01 else None
    meta = {
        "house_id": house_id,
        "created_at": arrived,
        "updated_at": cancelled or arrived,
        "deleted_at": cancelled,
    }
    visit = {
        "id": seeded_id(rng),
        **meta,
        "family_id": family_id,
        "checked_in_at": arrived,
        "specialist_id": rng.choice(team) if rng.random() < 0.7 else None,
        "checked_out_at": arrived + dt.timedelta(minutes=rng.randint(20, 120)),
        "anonymous_adults": 0,
        "anonymous_children": 0,
        "recorded_late": False,
        "notes": "",
    }
    sink.add(Visit, visit)
    for person_id in rng.sample(people, min(len(people), rng.choice((1, 1, 2, 2, 3)))):
        sink.add(
            VisitPerson,
            {"id": seeded_id(rng), **meta, "visit_id": visit["id"], "person_id": person_id},
        )
    for purpose in rng.sample(purposes, rng.choice((1, 1, 1, 2))):
        sink.add(
            VisitPurposeRow,
            {"id": seeded_id(rng), **meta, "visit_id": visit["id"], "purpose": purpose},
        )


# ---- more houses like the first ----------------------------------------------------------

_CLONED: tuple[type[Base], ...] = (
    Family,
    Person,
    Specialist,
    Visit,
    VisitPerson,
    VisitPurposeRow,
    AuditEvent,
)


def _column_sql(column, shift: int, house_hex: str, prefix: str) -> str:
    """How a copied column is written: ids rotated (a bijection on 32 hex digits, so keys
    stay unique and references stay right), the house replaced, family codes re-prefixed."""
    name = column.name
    if name == "house_id":
        return f"'{house_hex}'"
    if name == "code" and column.table.name == "families":
        return f"'{prefix}' || substr(code, instr(code, '-'))"
    if isinstance(column.type, Uuid):
        return f"substr({name}, {shift + 1}) || substr({name}, 1, {shift})"  # NULL stays NULL
    return name


def clone_house(db: Database, template: Path, shift: int) -> None:
    """Copy the families, people, team, visits and audit trail of ``template`` into the
    house of ``db`` under new ids: three more ten-year houses in seconds each."""
    with db.read() as session:
        house = local_house(session)
        house_hex, prefix = house.id.hex, house.prefix
    with db.engine.connect() as conn:
        key = cipher.key_of(Path(template))  # the template is encrypted with its own key
        attach = "ATTACH DATABASE ? AS template" + (
            f" KEY \"x'{key.key.hex()}'\"" if key is not None else ""
        )
        conn.exec_driver_sql(attach, (str(template),))
        conn.commit()
        with conn.begin(), _without_indexes(conn, _CLONED):
            for model in _CLONED:
                table = Base.metadata.tables[model.__tablename__]
                names = ", ".join(c.name for c in table.c)
                values = ", ".join(_column_sql(c, shift, house_hex, prefix) for c in table.c)
                conn.exec_driver_sql(
                    f"INSERT INTO main.{table.name} ({names}) SELECT {values} "
                    f"FROM template.{table.name}"
                )
        conn.exec_driver_sql("DETACH DATABASE template")
        conn.commit()
