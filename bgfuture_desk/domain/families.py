"""How a family is named and reached: one rule for the panel, the lists, cards and call lists.

The family name comes from the adults' last names („Иванови“), the children's when no adult
is registered; the number to call is the family's own, else the first adult's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from bgfuture_desk.domain.people import is_child
from bgfuture_desk.domain.surnames import family_surname


@dataclass(frozen=True)
class Member:
    """What the rules need to know about one member of a family."""

    role: str
    birth_date: dt.date | None
    last_name: str
    phone: str = ""


def surname(members: Iterable[Member], on: dt.date) -> str:
    """„Иванови“: from the adults' last names, else from everyone's."""
    members = list(members)
    adults = [m.last_name for m in members if not is_child(m.role, m.birth_date, on)]
    return surname_of(adults, [m.last_name for m in members])


def surname_of(adults: Iterable[str], everyone: Iterable[str]) -> str:
    """The family name from the adults' last names, else from everyone's (a family of
    children registered alone); for callers that already know who is a child."""
    return family_surname(adults) or family_surname(everyone)


def title(code: str, surname_text: str, settlement: str) -> str:
    """„KRN-0042 · Иванови · гр. Крън“ — how a family is named in lists and headings."""
    return " · ".join(p for p in (code, surname_text, settlement) if p)


def contact_phone(phones: Iterable[str], members: Iterable[Member], on: dt.date) -> str:
    """The number to call: the family's first phone, else the first adult's who has one
    (a child's number is never the family's contact). Returned as stored."""
    adults = (m.phone for m in members if not is_child(m.role, m.birth_date, on))
    return contact_phone_of(phones, adults)


def contact_phone_of(phones: Iterable[str], adults_phones: Iterable[str]) -> str:
    """``contact_phone`` for callers that already know who is an adult."""
    return next((n for n in phones if n), "") or next((n for n in adults_phones if n), "")
