"""The one clock: the system's, or a fixed one for tests."""

from __future__ import annotations

import datetime as dt

from bgfuture_desk.domain.clock import FixedClock, SystemClock


def test_a_fixed_clock_shows_what_it_is_told_and_moves_when_asked():
    clock = FixedClock(dt.datetime(2026, 12, 6, 9, 30, 15, 999))
    assert clock.now() == dt.datetime(2026, 12, 6, 9, 30, 15)
    assert clock.today() == dt.date(2026, 12, 6)
    clock.advance(hours=15)
    assert clock.today() == dt.date(2026, 12, 7)
    clock.set(dt.date(2027, 1, 1))
    assert clock.now() == dt.datetime(2027, 1, 1, 0, 30, 15)


def test_a_fixed_clock_keeps_utc_apart_from_local_time():
    clock = FixedClock(dt.datetime(2026, 7, 1, 12, 0), utc_offset=dt.timedelta(hours=3))
    assert clock.utcnow() == dt.datetime(2026, 7, 1, 9, 0)


def test_the_system_clock_reads_whole_seconds_of_local_time():
    clock = SystemClock()
    assert clock.now().microsecond == 0
    assert clock.now().tzinfo is None and clock.utcnow().tzinfo is None
    assert abs((clock.now() - dt.datetime.now()).total_seconds()) < 5
