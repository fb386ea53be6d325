"""The name of a family as Bulgarians write it: „Семейство Иванови“.

A family name in -ов/-ев (the father's Иванов) and -ова/-ева (the mother's Иванова) share one
plural, Иванови; -ски/-ска share -ски. Other names (Али, Хасан, Мустафа) have no such plural
and stay as they are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

# (ending of the singular, letters to drop, plural ending); first match wins.
_PLURALS = (
    ("ова", 1, "и"),
    ("ева", 1, "и"),
    ("ов", 0, "и"),
    ("ев", 0, "и"),
    ("ска", 1, "и"),
    ("цка", 1, "и"),
)


def _tidy(name: str) -> str:
    """Collapse spaces; a name typed in all lower or all upper case gets capitals."""
    name = " ".join(name.split())
    if name.islower() or name.isupper():
        name = "-".join(part.capitalize() for part in name.split("-"))
    return name


def plural_surname(last_name: str) -> str:
    """Иванова → Иванови, Петков → Петкови, Петровска → Петровски, Али → Али."""
    name = _tidy(last_name)
    lower = name.casefold()
    for ending, drop, plural in _PLURALS:
        if lower.endswith(ending) and len(lower) > len(ending) + 1:
            stem = name[: len(name) - drop] if drop else name
            return stem + plural
    return name


def family_surname(last_names: Iterable[str]) -> str:
    """The family's name: the plural of its most common last name ("" when there is none).

    Иванов and Иванова count as one name; a tie goes to the name met first, so the caller
    decides who leads (the adults, mothers first).
    """
    plurals = [plural_surname(n) for n in last_names if n and n.strip()]
    if not plurals:
        return ""
    counts = Counter(p.casefold() for p in plurals)
    best = max(counts.values())
    return next(p for p in plurals if counts[p.casefold()] == best)
