"""The read side for lists (CLI ``list KIND`` and screens): plain rows, no ORM objects."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from bgfuture_desk.db.models import Family, House, Person
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.phones import format_phone
from bgfuture_desk.services.unit import Database, needs


@dataclass(frozen=True)
class FamilyListRow:
    id: uuid.UUID
    code: str
    house: str
    settlement: str
    address: str
    phone: str
    members: int
    archived: bool


@dataclass(frozen=True)
class PersonListRow:
    id: uuid.UUID
    family_code: str | None
    house: str
    first_name: str
    middle_name: str
    last_name: str
    birth_date: dt.date | None
    sex: str | None
    role: str
    phone: str


@needs(Permission.DESK)
def list_families(db: Database) -> list[FamilyListRow]:
    members = (
        select(Person.family_id, func.count().label("n"))
        .where(Person.deleted_at.is_(None))
        .group_by(Person.family_id)
        .subquery()
    )
    query = (
        select(Family, House.code, func.coalesce(members.c.n, 0))
        .join(House, House.id == Family.house_id)
        .outerjoin(members, members.c.family_id == Family.id)
        .where(Family.deleted_at.is_(None))
        .order_by(House.code, Family.code)
    )
    with db.read() as session:
        return [
            FamilyListRow(f.id, f.code, house, f.settlement, f.address, format_phone(f.phone), n,
                          f.archived_at is not None)
            for f, house, n in session.execute(query)
        ]


@needs(Permission.DESK)
def list_people(db: Database) -> list[PersonListRow]:
    query = (
        select(Person, Family.code, House.code)
        .join(House, House.id == Person.house_id)
        .outerjoin(Family, Family.id == Person.family_id)
        .where(Person.deleted_at.is_(None))
        .order_by(House.code, Family.code, Person.birth_date)
    )
    with db.read() as session:
        return [
            PersonListRow(p.id, code, house, p.first_name, p.middle_name, p.last_name,
                          p.birth_date, p.sex, p.role, format_phone(p.phone))
            for p, code, house in session.execute(query)
        ]
