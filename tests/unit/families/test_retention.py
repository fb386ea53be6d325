"""Retention: the families whose last visit is older than the house setting are listed for
review, until they are erased or kept for a stated reason."""

from __future__ import annotations

import datetime as dt

import pytest

from bgfuture_desk.domain.clock import FixedClock
from bgfuture_desk.errors import PermissionDeniedError, ValidationError
from bgfuture_desk.services.families import erasure, retention
from bgfuture_desk.services.families.service import PersonInput
from bgfuture_desk.services.house import settings
from bgfuture_desk.services.users import service as users
from bgfuture_desk.services.visits import service as visits
from tests.unit.families_data import new_family

NOW = dt.datetime(2032, 6, 1, 10, 0)


def _family(db, admin, name, visited_on=None):
    family = new_family(db, admin, PersonInput(role="mother", first_name=name, last_name="Тест"))
    if visited_on is not None:
        start = dt.datetime.combine(visited_on, dt.time(10))
        visits.check_in(db, admin, family_id=family.id, person_ids=[family.members[0].id],
                        purposes=["play"], at=start, checked_out_at=start + dt.timedelta(hours=1))
    return family


@pytest.fixture
def houses(house_db, admin):
    house_db.clock = FixedClock(NOW)
    old = _family(house_db, admin, "Стара", dt.date(2026, 3, 2))
    recent = _family(house_db, admin, "Нова", dt.date(2029, 9, 1))
    never = _family(house_db, admin, "Никога")  # registered in 2026, never seen since
    return old, recent, never


def test_families_unseen_for_five_years_are_due_longest_first(house_db, houses):
    old, _recent, never = houses
    due = retention.families_due(house_db)
    assert [(r.code, r.names) for r in due] == [
        (old.code, ("Стара Тест",)), (never.code, ("Никога Тест",))
    ]
    assert due[0].last_seen == dt.date(2026, 3, 2) and due[0].kept_on is None


def test_the_setting_decides_how_many_years(house_db, admin, houses):
    settings.update_settings(house_db, admin, {"retention_years": 2})
    assert len(retention.families_due(house_db)) == 3
    settings.update_settings(house_db, admin, {"retention_years": 10})
    assert retention.families_due(house_db) == []


def test_kept_with_a_reason_or_erased_a_family_leaves_the_list(house_db, admin, houses):
    old, recent, never = houses
    with pytest.raises(ValidationError, match="защо"):
        retention.keep_family(house_db, admin, old.id, "  ")
    retention.keep_family(house_db, admin, old.id, "Открит случай в ОЗД")
    erasure.erase_family(house_db, admin, never.id)

    assert retention.families_due(house_db) == []
    house_db.clock = FixedClock(NOW + dt.timedelta(days=366 * 5))
    due = retention.families_due(house_db)  # five years on: the keeping is reviewed again
    assert [(r.code, r.kept_on) for r in due] == [(old.code, NOW.date()), (recent.code, None)]


def test_an_assistant_cannot_keep(house_db, admin, houses):
    users.create_user(house_db, admin, username="gergana", full_name="Гергана Колева",
                      role="assistant", password="parola-456")
    assistant = users.actor_of(users.authenticate(house_db, "gergana", "parola-456"))
    with pytest.raises(PermissionDeniedError):
        retention.keep_family(house_db, assistant, houses[0].id, "Още идват")
