"""How long a user name must wait after wrong passwords: guessing gets slower, a colleague who
mistypes twice does not notice.

Five wrong tries cost nothing; each further one doubles the wait before the next try is
heard (1, 2, 4 … seconds), up to a minute. The count belongs to the user name typed (known or
not), survives a restart of the program and is cleared by a good login.
"""

from __future__ import annotations

import datetime as dt

FREE_TRIES = 5
MAX_WAIT_S = 60


def wait_after(failures: int) -> int:
    """Seconds to wait before the next try after ``failures`` wrong ones in a row."""
    if failures < FREE_TRIES:
        return 0
    return min(MAX_WAIT_S, 1 << (failures - FREE_TRIES))


def seconds_left(failures: int, last: dt.datetime | None, now: dt.datetime) -> int:
    """How much of the wait is still to come (0: the try is heard)."""
    if last is None:
        return 0
    remaining = wait_after(failures) - (now - last).total_seconds()
    return max(0, int(remaining + 0.999))
