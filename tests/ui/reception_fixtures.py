"""Fixtures of the reception tests: a house with demo data on a fixed day, and its page.

The house clock (``house_db.clock``) stands still at 13:00 on a Tuesday, so the
morning's demo visitors are all in the past and yesterday was a working day.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bgfuture_desk.domain.clock import FixedClock
from bgfuture_desk.services.demo import generate_demo
from tests.unit.families_data import add_shterevi

DAY = dt.date(2025, 11, 18)
NOW = dt.datetime(2025, 11, 18, 13, 0)


@pytest.fixture
def clock(house_db):
    house_db.clock = FixedClock(NOW)
    return NOW


@pytest.fixture
def day(clock) -> dt.date:
    """Today for the house."""
    return clock.date()


@pytest.fixture
def demo_house(house_db, clock):
    """The Kran house with 20 demo families, a year of visits and this morning's visitors."""
    generate_demo(house_db, families=20, seed=1, today=DAY)
    return house_db


@pytest.fixture
def shterevi(demo_house, admin):
    """A family with a rare surname: Радка and Борис Щереви and their daughter Калина."""
    return add_shterevi(demo_house, admin)


@pytest.fixture
def reception(make_window, admin_user):
    """The main window as the administrator sees it: it opens on the reception."""

    def open_page():
        window = make_window(admin_user)
        window.resize(1280, 800)
        page = window.current_page()
        assert page.title() == "Рецепция"
        return window, page

    return open_page
