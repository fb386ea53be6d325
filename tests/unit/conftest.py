"""Fixtures for the fast suite."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from bgfuture_desk.services.users import service as users


@pytest.fixture(autouse=True)
def quick_argon2(monkeypatch):
    """Argon2 at its real cost takes ~0.1 s per hash; these tests need the rules, not the cost."""
    monkeypatch.setattr(
        users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )
