"""The one way a screen runs a service call and shows its refusal.

Services refuse with a ``UserError`` that carries a Bulgarian message; a screen shows it
where it shows its messages (the message line, a field, a signal to its page) and goes on.
Anything else is a fault of the program and goes to the error hook, which logs it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from bgfuture_desk.errors import UserError

T = TypeVar("T")


def run_shown(call: Callable[[], T], show_refusal: Callable[[str], object]) -> T | None:
    """``call()``'s result, or None once its refusal was handed to ``show_refusal``."""
    try:
        return call()
    except UserError as err:
        show_refusal(err.message)
        return None
