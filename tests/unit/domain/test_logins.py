"""The wait after wrong passwords: nothing for five, then 1, 2, 4 … seconds, at most a minute."""

from __future__ import annotations

import datetime as dt

from bgfuture_desk.domain.logins import seconds_left, wait_after

NOW = dt.datetime(2026, 12, 7, 10, 0, 0)


def test_five_wrong_tries_cost_nothing_then_the_wait_doubles_up_to_a_minute():
    assert [wait_after(n) for n in range(0, 13)] == [0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60]
    assert wait_after(100) == 60


def test_the_wait_runs_from_the_last_wrong_try():
    last = NOW - dt.timedelta(seconds=3)
    assert seconds_left(7, last, NOW) == 1  # 4 s wait, 3 s gone
    assert seconds_left(7, NOW - dt.timedelta(seconds=4), NOW) == 0
    assert seconds_left(3, NOW, NOW) == 0
    assert seconds_left(9, None, NOW) == 0
