"""The preset houses the benchmarks build on."""

from __future__ import annotations

from bgfuture_desk.services.house import setup


def preset(code: str) -> setup.HouseInput:
    """A preset house the benchmarks build on (they name only houses that exist)."""
    found = setup.preset_input(code)
    if found is None:
        raise ValueError(f"no preset house {code!r}")
    return found
