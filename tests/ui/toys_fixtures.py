"""Fixtures of the toy library tests: a house with demo data on a fixed day, a family with a
child of four, three new toys for her, and the toy page of the main window.

The house's clock stands still at 13:00 on Tuesday 18 November 2025 (the database's
``clock``, a ``FixedClock``); ``clock.move`` moves it, e.g. past the due date.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from bgfuture_desk.domain.clock import FixedClock
from bgfuture_desk.services.demo import generate_demo
from bgfuture_desk.services.toys import service as toys
from bgfuture_desk.services.toys.service import ToyInput
from tests.unit.families_data import add_shterevi

DAY = dt.date(2025, 11, 18)
NOW = dt.datetime(2025, 11, 18, 13, 0)


@pytest.fixture
def clock(house_db):
    """The house's day; ``clock.move(days)`` moves it (returns the new day)."""

    class Clock(FixedClock):
        @property
        def day(self) -> dt.date:
            return self.today()

        def move(self, days: int) -> dt.date:
            self.set(DAY + dt.timedelta(days=days))
            return self.day

    house_db.clock = Clock(NOW)
    return house_db.clock


@pytest.fixture
def demo_house(house_db, clock):
    """The Kran house with 20 demo families, their toys and a year of loans."""
    generate_demo(house_db, families=20, seed=1, today=DAY)
    return house_db


@pytest.fixture
def shterevi(demo_house, admin):
    """A family with a rare surname: Радка and Борис Щереви and their daughter Калина (4)."""
    return add_shterevi(demo_house, admin)


@pytest.fixture
def new_toys(demo_house, admin):
    """Three toys for a child of 3 to 6, on the shelf: a puzzle of 12 pieces, a ball, a game."""
    made = [
        ToyInput("Пъзел „Горски животни“", area="cognitive", age_min_months=36,
                 age_max_months=72, pieces=12, shelf="Рафт 1"),
        ToyInput("Мека топка", area="gross_motor", age_min_months=12, age_max_months=72),
        ToyInput("Игра „Цветове“", area="cognitive", age_min_months=36, age_max_months=84,
                 pieces=4),
    ]  # fmt: skip
    return [toys.create_toy(demo_house, admin, data) for data in made]


@pytest.fixture
def toys_page(make_window, admin_user, qtbot):
    """The main window as the administrator sees it, on the toy library (Ctrl+3)."""

    def open_page():
        window = make_window(admin_user)
        window.resize(1280, 800)
        qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        page = window.current_page()
        assert page.title() == "Играчки"
        return window, page

    return open_page
