"""The one clock of the program: the house's wall-clock time, read in one place.

Business times (check-ins, loans, sessions) are stored as the house's local wall-clock time
without a zone; audit stamps are UTC. The composition root makes one ``SystemClock`` and
hands it down with the database; tests hand down a ``FixedClock`` instead, so that "today"
is the same for every rule in one run.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """Local wall-clock time, whole seconds, without a time zone."""
        ...

    def today(self) -> dt.date: ...

    def utcnow(self) -> dt.datetime:
        """UTC without a time zone (how audit and change stamps are stored)."""
        ...


class SystemClock:
    """The computer's clock."""

    def now(self) -> dt.datetime:
        return dt.datetime.now().replace(microsecond=0)

    def today(self) -> dt.date:
        return self.now().date()

    def utcnow(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC).replace(tzinfo=None)

    def __repr__(self) -> str:
        return "SystemClock()"


class FixedClock:
    """A clock that shows what it is told: for tests, demos and benchmarks.

    ``advance`` moves it on; the UTC reading keeps the same offset from local time as when it
    was set (by default none), which is all the stamps need.
    """

    def __init__(self, moment: dt.datetime | dt.date, utc_offset: dt.timedelta | None = None):
        if not isinstance(moment, dt.datetime):
            moment = dt.datetime.combine(moment, dt.time(10, 0))
        self.moment = moment.replace(microsecond=0)
        self.utc_offset = utc_offset or dt.timedelta()

    def now(self) -> dt.datetime:
        return self.moment

    def today(self) -> dt.date:
        return self.moment.date()

    def utcnow(self) -> dt.datetime:
        return self.moment - self.utc_offset

    def set(self, moment: dt.datetime | dt.date) -> None:
        if not isinstance(moment, dt.datetime):
            moment = dt.datetime.combine(moment, self.moment.time())
        self.moment = moment.replace(microsecond=0)

    def advance(self, **delta: float) -> None:
        self.moment += dt.timedelta(**delta)

    def __repr__(self) -> str:
        return f"FixedClock({self.moment.isoformat()})"


SYSTEM_CLOCK: Clock = SystemClock()
