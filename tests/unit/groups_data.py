"""Helpers and the fixed day of the groups tests (their fixtures: ``groups_fixtures``)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

from bgfuture_desk.db.models import Programme, Specialist
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.service import FamilyInput, PersonInput
from bgfuture_desk.services.groups import service as groups

NOW = dt.datetime(2027, 3, 24, 12, 0)  # a Wednesday
TODAY = NOW.date()
MONDAYS = [dt.date(2027, 2, 22), dt.date(2027, 3, 1), dt.date(2027, 3, 8), dt.date(2027, 3, 15)]


@dataclasses.dataclass
class Cast:
    programme_id: object
    facilitator_id: object
    group: groups.GroupView
    maria: object  # Мария Петрова Иванова, KRN-0001
    elena: object  # Елена Георгиева Димова, KRN-0002
    yana: object  # Яна Борисова Асенова, KRN-0003
    boris: object  # Борис Асенов Асенов, KRN-0003 (never enrolled)


def programme_id(db, name: str = "Училище за родители"):
    with db.read() as session:
        return session.scalars(select(Programme.id).where(Programme.name == name)).one()


def add_specialist(db, admin, name: str = "Анелия Тодорова", kind: str = "pedagogue"):
    with db.unit(admin, "test") as uow:
        specialist = Specialist(house_id=uow.house().id, full_name=name, kind=kind)
        uow.session.add(specialist)
        uow.commit()
        return specialist.id


def family(db, admin, *members: tuple[str, str, str, str]):
    people = [
        PersonInput(role, first, middle, last, birth_date=dt.date(1990, 5, 1))
        for role, first, middle, last in members
    ]
    return families.create_family(db, admin, FamilyInput(settlement="гр. Крън"), people, force=True)


def ids(view) -> dict[str, object]:
    """Member ids by first name."""
    return {m.first_name: m.id for m in view.members}


def schedule_mondays(db, admin, group_id, days=MONDAYS) -> list[groups.SessionView]:
    """Weekly Monday sessions 10:00-11:30 over ``days`` (none of them a holiday)."""
    result = groups.schedule_sessions(
        db,
        admin,
        group_id,
        first=days[0],
        last=days[-1],
        repeat="weekly",
        start=dt.time(10),
        end=dt.time(11, 30),
        place="Голямата зала",
        topic="Общуване в семейството",
    )
    return result.sessions
