"""Fixtures of the groups tests: the house clock and a group with three enrolled mothers."""

from __future__ import annotations

import datetime as dt

import pytest

from bgfuture_desk.domain.clock import FixedClock
from bgfuture_desk.services.groups import service as groups
from tests.unit.groups_data import NOW, Cast, add_specialist, family, ids, programme_id


@pytest.fixture
def clock(house_db):
    """The house clock stands still at NOW."""
    house_db.clock = FixedClock(NOW)
    return NOW


@pytest.fixture
def cast(house_db, admin, clock) -> Cast:
    """A parents' group „Слънчогледи“ with Мария, Елена and Яна enrolled from 15 February."""
    facilitator = add_specialist(house_db, admin)
    pid = programme_id(house_db)
    group = groups.create_group(
        house_db,
        admin,
        groups.GroupInput(pid, "Слънчогледи", "parents", facilitator_id=facilitator),
    )
    maria = ids(family(house_db, admin, ("mother", "Мария", "Петрова", "Иванова")))["Мария"]
    elena = ids(family(house_db, admin, ("mother", "Елена", "Георгиева", "Димова")))["Елена"]
    asenovi = ids(
        family(
            house_db,
            admin,
            ("mother", "Яна", "Борисова", "Асенова"),
            ("father", "Борис", "Асенов", "Асенов"),
        )
    )
    yana, boris = asenovi["Яна"], asenovi["Борис"]
    for person in (maria, elena, yana):
        groups.enrol(house_db, admin, group.id, person, on=dt.date(2027, 2, 15))
    return Cast(pid, facilitator, group, maria, elena, yana, boris)
