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
    return family_surname(adults) or family_surname(m.last_name for m in members)


def title(code: str, surname_text: str, settlement: str) -> str:
    """„KRN-0042 · Иванови · гр. Крън“ — how a family is named in lists and headings."""
    return " · ".join(p for p in (code, surname_text, settlement) if p)


def contact_phone(phones: Iterable[str], members: Iterable[Member], on: dt.date) -> str:
    """The number to call: the family's first phone, else the first adult's who has one
    (a child's number is never the family's contact). Returned as stored."""
    for number in phones:
        if number:
            return number
    for member in members:
        if member.phone and not is_child(member.role, member.birth_date, on):
            return member.phone
    return ""
