"""The duplicate guard: people and families that are probably already registered.

Three rules, each cheap on an indexed or small set: the same ЕГН; the same phone (of a
person or of a family, compared in canonical form); the same birth date with a name that is
at most one edit away once folded, so "Ivanova" meets "Иванова" and "Ivanowa".
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from bgfuture_desk.db.models import Family, Person
from bgfuture_desk.domain.names import search_key
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.vocab import PersonRole
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services.families.forms import (
    FamilyInput,
    PersonInput,
    clean_family,
    clean_person,
)
from bgfuture_desk.services.unit import Database, clock_of, needs

SAME_EGN = N_("Same EGN")
SAME_PHONE = N_("Same phone")
SIMILAR_NAME = N_("Same date of birth and a similar name")
RULE_ORDER = (SAME_EGN, SIMILAR_NAME, SAME_PHONE)
CHILD_ROLES = {PersonRole.CHILD.value}


@dataclass(frozen=True)
class DuplicateCandidate:
    kind: str  # "person" | "family"
    id: uuid.UUID
    family_id: uuid.UUID | None
    family_code: str | None
    name: str
    reason: str  # Bulgarian; several reasons joined with "; "


class DuplicatesFound(UserError):
    """Nothing was saved: the assistant opens one of ``candidates`` or saves anyway."""

    def __init__(self, candidates: list[DuplicateCandidate]) -> None:
        super().__init__(
            _("Possible duplicates: check whether this person or family is already registered.")
        )
        self.candidates = candidates


def within_one_edit(a: str, b: str) -> bool:
    """True when a and b differ by at most one inserted, deleted or changed character."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def similar_names(first_a: str, last_a: str, first_b: str, last_b: str) -> bool:
    """Folded first + last name within one edit, in either order; first names alone when
    either side has no family name."""
    if not (last_a and last_b):
        return within_one_edit(search_key(first_a), search_key(first_b))
    key_a = search_key(first_a, last_a)
    return within_one_edit(key_a, search_key(first_b, last_b)) or within_one_edit(
        key_a, search_key(last_b, first_b)
    )


def _bare(column: ColumnElement[str] | InstrumentedAttribute[str]) -> ColumnElement[str]:
    """A stored phone without the spaces, dashes and slashes people type."""
    return func.replace(func.replace(func.replace(column, " ", ""), "-", ""), "/", "")


class _Collector:
    """Candidates keyed by record, their reasons gathered in rule order."""

    def __init__(
        self, session: Session, exclude_id: uuid.UUID | None, own_family_id: uuid.UUID | None
    ) -> None:
        self.session = session
        self.exclude_id = exclude_id
        self.own_family_id = own_family_id
        self.found: dict[tuple[str, uuid.UUID], tuple[DuplicateCandidate, list[str]]] = {}
        self._codes: dict[uuid.UUID, str] = {}

    def _code(self, family_id: uuid.UUID | None) -> str | None:
        if family_id is None:
            return None
        if family_id not in self._codes:
            family = self.session.get(Family, family_id)
            self._codes[family_id] = family.code if family else ""
        return self._codes[family_id] or None

    def person(self, p: Person, reason: str) -> None:
        if p.id == self.exclude_id:
            return
        candidate = DuplicateCandidate(
            "person", p.id, p.family_id, self._code(p.family_id), p.full_name, ""
        )
        self._add(candidate, reason)

    def family(self, f: Family, reason: str) -> None:
        """A family is named by its people (its code has a column of its own); the adults
        first, as they are the ones at the desk."""
        if f.id in (self.exclude_id, self.own_family_id):
            return
        members = self.session.scalars(
            select(Person).where(Person.family_id == f.id, Person.deleted_at.is_(None))
        ).all()
        adults = [p.full_name for p in members if p.role not in CHILD_ROLES]
        names = adults or [p.full_name for p in members]
        name = ", ".join(dict.fromkeys(names)) or f.settlement
        self._add(DuplicateCandidate("family", f.id, f.id, f.code, name, ""), reason)

    def _add(self, candidate: DuplicateCandidate, reason: str) -> None:
        key = (candidate.kind, candidate.id)
        _old, reasons = self.found.setdefault(key, (candidate, []))
        if reason not in reasons:
            reasons.append(reason)

    def _fold_families(self) -> None:
        """A family found (by its phone) whose member is found too is one record: the
        member's row names every reason, the family's own row goes."""
        families = {
            c.family_id for (kind, _id), (c, _r) in self.found.items() if kind == "person"
        }
        for key, (candidate, reasons) in list(self.found.items()):
            if candidate.kind != "family" or candidate.id not in families:
                continue
            del self.found[key]
            for (kind, _id), (person, own) in self.found.items():
                if kind == "person" and person.family_id == candidate.id:
                    own.extend(r for r in reasons if r not in own)

    def result(self) -> list[DuplicateCandidate]:
        self._fold_families()
        order = {r: n for n, r in enumerate(RULE_ORDER)}
        out = []
        for candidate, reasons in self.found.values():
            reasons.sort(key=lambda r: order.get(r, len(order)))
            text = "; ".join(_(r) for r in reasons)
            out.append(
                DuplicateCandidate(
                    candidate.kind,
                    candidate.id,
                    candidate.family_id,
                    candidate.family_code,
                    candidate.name,
                    text,
                )
            )
        return out


def _live_people(*where: ColumnElement[bool]) -> Select[Person]:
    return select(Person).where(Person.deleted_at.is_(None), *where)


def _by_phone(found: _Collector, phones: set[str]) -> None:
    if not phones:
        return
    session = found.session
    for p in session.scalars(_live_people(_bare(Person.phone).in_(phones))):
        if found.own_family_id is None or p.family_id != found.own_family_id:
            found.person(p, SAME_PHONE)
    families = select(Family).where(
        Family.deleted_at.is_(None),
        Family.merged_into_id.is_(None),
        or_(_bare(Family.phone).in_(phones), _bare(Family.phone2).in_(phones)),
    )
    for f in session.scalars(families):
        found.family(f, SAME_PHONE)


def _by_person(found: _Collector, person: PersonInput) -> None:
    session = found.session
    if person.egn:
        for p in session.scalars(_live_people(Person.egn == person.egn)):
            found.person(p, SAME_EGN)
    if person.birth_date is not None and person.first_name:
        for p in session.scalars(_live_people(Person.birth_date == person.birth_date)):
            if similar_names(person.first_name, person.last_name, p.first_name, p.last_name):
                found.person(p, SIMILAR_NAME)


def duplicates_in(
    session: Session,
    people: list[PersonInput],
    family: FamilyInput | None = None,
    *,
    exclude_id: uuid.UUID | None = None,
    family_id: uuid.UUID | None = None,
    today: dt.date | None = None,
) -> list[DuplicateCandidate]:
    """Duplicates of several new people (and their family) inside an open session."""
    found = _Collector(session, exclude_id, family_id)
    day = today or clock_of(session).today()
    cleaned = [clean_person(p, day) for p in people]
    for person in cleaned:
        _by_person(found, person)
    phones = {p.phone for p in cleaned}
    if family is not None:
        tidy = clean_family(family)
        phones |= {tidy.phone, tidy.phone2}
    _by_phone(found, phones - {""})
    return found.result()


@needs(Permission.DESK)
def find_duplicates(
    db: Database,
    person: PersonInput | None = None,
    family: FamilyInput | None = None,
    exclude_id: uuid.UUID | None = None,
    *,
    family_id: uuid.UUID | None = None,
) -> list[DuplicateCandidate]:
    """Likely duplicates of what a form holds, for the screen to show before saving.

    ``exclude_id`` leaves out the record being edited; ``family_id`` is the family the person
    belongs to or joins (its own members and phones are not duplicates of it).
    """
    with db.read() as session:
        return duplicates_in(
            session, [person] if person else [], family, exclude_id=exclude_id, family_id=family_id
        )
