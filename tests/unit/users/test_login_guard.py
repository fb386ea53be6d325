"""Guessing a password gets slow: after five wrong tries for a name each try waits longer,
across restarts; an unknown name costs the same hashing as a wrong password; every try is in
the audit trail, never the password."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bgfuture_desk.db.models import AuditEvent
from bgfuture_desk.domain.clock import FixedClock
from bgfuture_desk.errors import UserError
from bgfuture_desk.services.house.database import open_database
from bgfuture_desk.services.users import service as users
from tests.conftest import ADMIN_PASSWORD

WRONG = "gresha-parola-77"


@pytest.fixture
def clock(house_db):
    house_db.clock = FixedClock(dt.datetime(2026, 12, 7, 9, 0, 0))
    return house_db.clock


def wrong_tries(db, n, name="admin"):
    for _ in range(n):
        with pytest.raises(UserError, match="Грешно потребителско име или парола"):
            users.authenticate(db, name, WRONG)


def test_after_five_wrong_tries_even_the_right_password_waits(house_db, clock):
    wrong_tries(house_db, 5)  # five are free
    with pytest.raises(UserError, match=r"изчакайте 1 с"):
        users.authenticate(house_db, "admin", ADMIN_PASSWORD)
    clock.advance(seconds=1)
    wrong_tries(house_db, 1)  # the sixth, heard after its second
    with pytest.raises(UserError, match=r"изчакайте 2 с"):
        users.authenticate(house_db, "admin", ADMIN_PASSWORD)
    clock.advance(seconds=2)
    assert users.authenticate(house_db, "admin", ADMIN_PASSWORD).username == "admin"
    wrong_tries(house_db, 4)  # a good login started the count again: four are free
    assert users.authenticate(house_db, "admin", ADMIN_PASSWORD).username == "admin"


def test_the_wait_survives_a_restart_of_the_program(house_db, db_path, clock):
    wrong_tries(house_db, 5)
    house_db.dispose()
    again = open_database(db_path).db
    again.clock = clock  # the same moment, in the program started again
    try:
        with pytest.raises(UserError, match=r"изчакайте 1 с"):
            users.authenticate(again, "admin", ADMIN_PASSWORD)
    finally:
        again.dispose()


def test_an_unknown_name_costs_a_hash_like_a_wrong_password(house_db, monkeypatch):
    verified = []
    real = users._hasher

    class Counting:
        def __getattr__(self, name):
            return getattr(real, name)

        def verify(self, stored, password):
            verified.append(stored)
            return real.verify(stored, password)

    monkeypatch.setattr(users, "_hasher", Counting())
    with pytest.raises(UserError, match="Грешно потребителско име или парола"):
        users.authenticate(house_db, "nyama-takuv", WRONG)
    with pytest.raises(UserError, match="Грешно потребителско име или парола"):
        users.authenticate(house_db, "admin", WRONG)
    assert len(verified) == 2


def test_every_failed_try_is_audited_without_the_password(house_db):
    wrong_tries(house_db, 2)
    with house_db.read() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == "login_failed"))
        texts = [str(e.fields) for e in events]
    assert len(texts) == 2
    assert all(WRONG not in t for t in texts)
