"""Families and people the registry tests share."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bgfuture_desk.db.models import AuditEvent
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.service import FamilyInput, PersonInput

EGN_GIRL = "1945140251"  # 14.05.2019, female
EGN_MOTHER = "9203080256"  # 08.03.1992, female
EGN_BAD_CHECK = "1945140250"

KRAN = FamilyInput(settlement="гр. Крън", address="ул. „Розова долина“ 5", phone="0888 123 456")
MOTHER = PersonInput(
    role="mother",
    first_name="Мария",
    middle_name="Петрова",
    last_name="Иванова",
    birth_date=dt.date(1992, 3, 8),
    sex="female",
    phone="+359 888 123 456",
)
CHILD = PersonInput(role="child", first_name="Елена", last_name="Иванова", egn=EGN_GIRL)


def actions(db) -> list[tuple[str, str, str]]:
    with db.read() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.at))
        return [(e.action, e.entity, e.operation) for e in events]


def count(db, model) -> int:
    with db.read() as session:
        return len(session.scalars(select(model)).all())


def new_family(db, admin, *members, phone="", settlement="гр. Крън"):
    family = FamilyInput(settlement=settlement, phone=phone)
    return families.create_family(db, admin, family, list(members), force=True)


def add_shterevi(db, admin):
    """A family with a rare surname: Радка and Борис Щереви and their daughter Калина (born
    4 March 2021), in гр. Крън, phone 0877 410 220."""
    return families.create_family(
        db,
        admin,
        FamilyInput(settlement="гр. Крън", phone="0877 410 220"),
        [
            PersonInput("mother", "Радка", "Иванова", "Щерева", birth_date=dt.date(1994, 5, 2)),
            PersonInput("father", "Борис", "Петров", "Щерев", birth_date=dt.date(1990, 1, 9)),
            PersonInput("child", "Калина", "Борисова", "Щерева", birth_date=dt.date(2021, 3, 4)),
        ],
        force=True,
    )
