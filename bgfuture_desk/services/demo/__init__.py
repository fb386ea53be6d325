"""Realistic demo data for a house: ``generate_demo(db, families=120, seed=1)``.

The demo fills every table that travels, for the house of the file, so that each screen,
printout and indicator has something true-looking to show:

- users: a coordinator and two assistants; **every demo user logs in with the password
  ``demo-1234-kran``** (user names are the Latin family names, e.g. ``ivanova``); specialists of
  every kind, one of them no longer active;
- families with codes continuing after the house's highest one, mostly from the house's
  own settlement, with members whose names, ages, roles and ЕГН (for a minority) agree;
- a year of visits on working days (some anonymous, some still in the house today);
- groups for every active programme, with sessions, enrolments and attendance;
- toys with a year of loans, reminders and reservations; consent forms (version 1) and
  consents, some missing or withdrawn; referrals in every status.

The export log stays empty: it records real exports only. Creation and update times
follow the story (a family registered in March was created in March). The same seed and
the same ``today`` give the same content, ids included; only the audit trail, written
for every record as for any other action, has its own ids and the real time. A second
run on the same house adds families, toys and referrals after the existing codes, with
new ids (the seed is combined with the highest family number already there).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import TRAVELLING_MODELS, Travelling, User
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.errors import ValidationError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.demo.common import Context
from bgfuture_desk.services.demo.documents import build_consents, build_referrals
from bgfuture_desk.services.demo.groups import build_groups
from bgfuture_desk.services.demo.households import build_households, highest_family_number
from bgfuture_desk.services.demo.team import DEMO_PASSWORD, build_team
from bgfuture_desk.services.demo.toys import build_toys
from bgfuture_desk.services.demo.visits import build_visits
from bgfuture_desk.services.unit import Actor, Database, needs

__all__ = ["DEMO_PASSWORD", "MAX_FAMILIES", "DemoSummary", "generate_demo"]

MAX_FAMILIES = 5000


@dataclass(frozen=True)
class DemoSummary:
    """How many records of each kind the demo made; field names are the table names."""

    users: int = 0
    specialists: int = 0
    families: int = 0
    people: int = 0
    visits: int = 0
    visit_people: int = 0
    visit_purposes: int = 0
    groups: int = 0
    sessions: int = 0
    enrolments: int = 0
    attendances: int = 0
    toys: int = 0
    loans: int = 0
    loan_reminders: int = 0
    reservations: int = 0
    consent_forms: int = 0
    consents: int = 0
    referrals: int = 0

    def items(self) -> list[tuple[str, int]]:
        return [(f.name, getattr(self, f.name)) for f in fields(self)]


# The audit listener's cost grows with the square of the records in one flush.
_FLUSH_EVERY = 1000


def _store(session: Session, records: list[Travelling]) -> None:
    """Flush kind by kind, parents first: most foreign keys have no relationship() to
    tell the session the order, and SQLite checks them on every insert."""
    by_kind: dict[type, list[Travelling]] = defaultdict(list)
    for record in records:
        by_kind[type(record)].append(record)
    for model in TRAVELLING_MODELS:
        batch = by_kind.pop(model, [])
        for start in range(0, len(batch), _FLUSH_EVERY):
            session.add_all(batch[start : start + _FLUSH_EVERY])
            session.flush()
    assert not by_kind, f"not in TRAVELLING_MODELS: {list(by_kind)}"


@needs(Permission.USERS)
def generate_demo(
    db: Database, *, families: int, seed: int, today: dt.date | None = None
) -> DemoSummary:
    """Fill the house of ``db`` with demo data in one transaction (all or nothing)."""
    if not 1 <= families <= MAX_FAMILIES:
        raise ValidationError(
            {
                "families": _("The number of demo families must be from 1 to {most}.").format(
                    most=MAX_FAMILIES
                )
            }
        )
    with db.unit(Actor.system(), "demo") as uow:
        house = uow.house()
        ctx = Context(uow.session, house, today or uow.clock.today(), seed="")
        # A fresh house gets exactly the seed's data; a later run continues with new ids.
        ctx.seed = f"{seed}:{highest_family_number(ctx)}"
        team = build_team(ctx)
        homes = build_households(ctx, families)
        plans = build_visits(ctx, homes, team)
        build_groups(ctx, homes, team)
        build_toys(ctx, homes, plans)
        build_consents(ctx, homes, team)
        build_referrals(ctx, plans, team)
        _store(uow.session, ctx.created)
        # the README's demo login works as it is, for a first look at the program
        for user in uow.session.scalars(select(User).where(User.must_change_password)):
            user.must_change_password = False
        counts = Counter(type(record).__tablename__ for record in ctx.created)
        uow.commit()
    return DemoSummary(**counts)
