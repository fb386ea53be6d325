"""The lines of ``list programmes`` and ``list sessions`` (every house of the file)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from bgfuture_desk.db.models import House, Meeting, Programme
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.services.groups.queries import name_order, session_views
from bgfuture_desk.services.unit import Database, needs


@dataclass(frozen=True)
class ProgrammeListRow:
    """One line of ``list programmes``."""

    id: uuid.UUID
    name: str
    house: str
    active: bool


@dataclass(frozen=True)
class SessionListRow:
    """One line of ``list sessions`` (the CLI prints ``starts_at`` in ISO form)."""

    id: uuid.UUID
    programme: str
    group: str
    starts_at: dt.datetime
    enrolled: int
    present: int
    status: str
    house: str


@needs(Permission.GROUPS)
def list_programme_rows(db: Database) -> list[ProgrammeListRow]:
    query = (
        select(Programme, House.code)
        .join(House, House.id == Programme.house_id)
        .where(Programme.deleted_at.is_(None))
    )
    with db.read() as session:
        rows = [
            ProgrammeListRow(p.id, p.name, house, p.active) for p, house in session.execute(query)
        ]
    return sorted(rows, key=lambda r: (r.house, name_order(r.name)))


@needs(Permission.GROUPS)
def list_session_rows(db: Database) -> list[SessionListRow]:
    houses = select(Meeting.id, House.code).join(House, House.id == Meeting.house_id)
    with db.read() as session:
        house_of = {sid: code for sid, code in session.execute(houses)}
        views = session_views(session, Meeting.id.is_not(None))
    rows = [
        SessionListRow(
            v.id,
            v.programme_name,
            v.group_name,
            v.starts_at,
            v.enrolled,
            v.present,
            v.status,
            house_of[v.id],
        )
        for v in views
    ]
    return sorted(rows, key=lambda r: (r.house, r.starts_at))
