"""Fixtures for the fast suite."""

from __future__ import annotations

import pytest

from bgfuture_desk.services.users import service as users
from tests.conftest import quick_hasher


@pytest.fixture(autouse=True)
def quick_argon2(monkeypatch):
    monkeypatch.setattr(users, "_hasher", quick_hasher())
