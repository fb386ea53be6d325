"""Fixtures of the groups screen's tests: two families, a group with sessions, the page.

The house clock stands still at 13:00 on Tuesday 18 November 2025 (the reception's
``clock``), so sessions on 12 November are past and can be marked, those after it not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt

from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.service import FamilyInput, PersonInput
from bgfuture_desk.services.groups import service as groups
from tests.ui.groups_data import CTRL, programme_id
from tests.unit.families_data import add_shterevi

pytest_plugins = ["tests.ui.reception_fixtures"]


@dataclass(frozen=True)
class People:
    radka: object  # PersonView
    boris: object
    kalina: object
    maria: object


@pytest.fixture
def people(house_db, admin, clock) -> People:
    """Радка and Борис Щереви with their daughter Калина, and Мария Иванова."""
    shterevi = add_shterevi(house_db, admin)
    ivanovi = families.create_family(
        house_db,
        admin,
        FamilyInput(settlement="гр. Крън", phone="0888 123 456"),
        [PersonInput("mother", "Мария", "Николова", "Иванова", birth_date=dt.date(1998, 7, 1))],
        force=True,
    )
    by_name = {m.first_name: m for f in (shterevi, ivanovi) for m in f.members}
    return People(by_name["Радка"], by_name["Борис"], by_name["Калина"], by_name["Мария"])


@pytest.fixture
def wednesday_group(house_db, admin, people):
    """„Слънчогледи“ in the school for parents, meeting on Wednesdays at 10:00 from
    12 November to 3 December 2025, with Радка and Мария enrolled since 1 November."""
    group = groups.create_group(
        house_db,
        admin,
        groups.GroupInput(programme_id(house_db), "Слънчогледи", "parents", planned_sessions=4),
    )
    groups.schedule_sessions(
        house_db,
        admin,
        group.id,
        first=dt.date(2025, 11, 12),
        last=dt.date(2025, 12, 3),
        repeat="weekly",
        start=dt.time(10),
        end=dt.time(11, 30),
        place="Голямата зала",
        topic="Игри с думи",
    )
    for person in (people.radka, people.maria):
        groups.enrol(house_db, admin, group.id, person.id, on=dt.date(2025, 11, 1))
    return groups.get_group(house_db, group.id)


@pytest.fixture
def groups_page(qtbot, make_window, admin_user):
    """The main window at 1280×800 showing the groups (Ctrl+2)."""

    def open_page():
        window = make_window(admin_user)
        window.resize(1280, 800)
        qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
        page = window.current_page()
        assert page.title() == "Групи"
        return window, page

    return open_page
