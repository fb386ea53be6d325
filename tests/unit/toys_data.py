"""Families, toys and a fixed calendar day the toy library tests share."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from bgfuture_desk.db.models import AuditEvent, Loan, LoanReminder, Reservation, Toy
from bgfuture_desk.domain.clock import FixedClock
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.service import FamilyInput, PersonInput
from bgfuture_desk.services.toys import service as toys
from bgfuture_desk.services.toys.service import ToyInput
from bgfuture_desk.services.unit import Actor, Database

TODAY = dt.date(2026, 12, 8)  # a Tuesday
ASSISTANT = Actor(user_id=None, name="Асистент", role="assistant")

PUZZLE = ToyInput(
    name="Дървен пъзел с животни",
    category="Пъзели",
    area="cognitive",
    age_min_months=18,
    age_max_months=48,
    pieces=12,
    acquired_on=dt.date(2026, 2, 1),
)
LOTTO = ToyInput(
    name="Лото с картинки „Животни“",
    area="communication",
    age_min_months=36,
    age_max_months=84,
    pieces=36,
)
RATTLE = ToyInput(name="Дрънкалка с дръжка", age_min_months=0, age_max_months=12)
BALL = ToyInput(name="Топка с релефна повърхност", age_min_months=0, age_max_months=36)


def fix_today(db: Database) -> dt.date:
    """Fix the house's calendar day (each test module uses it in an autouse fixture)."""
    db.clock = FixedClock(TODAY)
    return TODAY


def family(db, admin, last: str, child_born: dt.date | None, phone: str = "0888 123 456"):
    """A mother and (when born is given) one child."""
    members = [PersonInput(role="mother", first_name="Мария", last_name=last + "а")]
    if child_born is not None:
        members.append(
            PersonInput(
                role="child", first_name="Елена", last_name=last + "а", birth_date=child_born
            )
        )
    data = FamilyInput(settlement="гр. Крън", phone=phone)
    return families.create_family(db, admin, data, members, force=True)


def toy(db, admin, data: ToyInput = PUZZLE):
    return toys.create_toy(db, admin, data)


def counts(db) -> dict[str, int]:
    """How many rows the toy library and the audit trail hold (to prove nothing was saved)."""
    with db.read() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in (Toy, Loan, LoanReminder, Reservation, AuditEvent)
        }
