"""The counts the screens show: only the tables asked for, live records only."""

from __future__ import annotations

from bgfuture_desk.services.house import health
from tests.unit.families_data import add_shterevi


def test_record_counts_counts_only_the_tables_asked_for(house_db, admin):
    add_shterevi(house_db, admin)
    asked = health.record_counts(house_db, {"families", "people"})
    assert asked == {"families": 1, "people": 3}
    every = health.record_counts(house_db)
    assert every["families"] == 1 and every["people"] == 3
    assert every["audit_events"] > 0 and "audit_events" not in asked
