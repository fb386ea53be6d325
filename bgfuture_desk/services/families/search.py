"""The reception's one search box: people and families by name, phone, ЕГН or family code.

The house's live people and families are read once into an in-memory index
(``domain.search_index``) that answers every keystroke without touching the database;
after a save the screen calls ``refresh_family`` for the family it changed. SQLite's own
LIKE and lower() do not fold Cyrillic, and a query per keystroke would not keep up with
typing on a reception PC with 25,000 people.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Row, func, or_, select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import Family, House, Person
from bgfuture_desk.domain.clock import Clock
from bgfuture_desk.domain.names import search_key
from bgfuture_desk.domain.people import age_months, age_years
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.phones import format_phone
from bgfuture_desk.domain.search import stored_phone_digits
from bgfuture_desk.domain.search_index import Entry, Match, MatchIndex
from bgfuture_desk.domain.surnames import family_surname
from bgfuture_desk.domain.vocab import PersonRole
from bgfuture_desk.i18n import _, ngettext
from bgfuture_desk.services.unit import Database, needs

# Settlement words shorter than this ("гр.", "с.") do not make a family match.
_SETTLEMENT_WORD = 3
# Adults lead the family's name (mothers first), as on the family's record.
_ROLE_ORDER = {"mother": 0, "pregnant": 0, "father": 1, "guardian": 2, "grandparent": 3}


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "person" | "family"
    id: uuid.UUID  # person id or family id
    family_id: uuid.UUID | None
    family_code: str | None
    name: str  # a person's full name, or "KRN-0042 · Иванови, гр. Крън"
    detail: str  # "дете, 4 г. · 0888 123 456"
    score: float
    archived: bool = False  # the family is archived (shown muted, ranked last)


class _PersonRow(NamedTuple):
    full_name: str
    role: str
    birth_date: dt.date | None
    phone: str


class _FamilyRow(NamedTuple):
    code: str
    surname: str
    settlement: str
    phones: tuple[str, ...]
    members: int


# A row of _PERSON_COLUMNS or of _FAMILY_COLUMNS (read by column name).
_ColumnsRow = Row[*tuple[Any, ...]]

_PERSON_COLUMNS = (
    Person.id,
    Person.family_id,
    Person.role,
    Person.first_name,
    Person.middle_name,
    Person.last_name,
    Person.birth_date,
    Person.egn,
    Person.phone,
)
_FAMILY_COLUMNS = (
    Family.id,
    Family.code,
    Family.settlement,
    Family.phone,
    Family.phone2,
    Family.archived_at,
    Family.merged_into_id,
)


class SearchIndex:
    """Every live person and family of the file, ready for a search on each keystroke."""

    def __init__(self, core: MatchIndex, clock: Clock) -> None:
        self._core = core
        self._clock = clock  # ages in the hits are taken on its day

    @classmethod
    def build(cls, db: Database) -> SearchIndex:
        with db.read() as session:
            prefixes = list(session.scalars(select(House.prefix)))
            families = session.execute(
                select(*_FAMILY_COLUMNS).where(_kept_family()).order_by(Family.code)
            ).all()
            people = session.execute(
                select(*_PERSON_COLUMNS)
                .where(Person.deleted_at.is_(None))
                .order_by(Person.last_name, Person.first_name, Person.middle_name)
            ).all()
        members = _by_family(people)
        family_entries = {f.id.int: _family_entry(f, members.get(f.id, [])) for f in families}

        def archived(family_id: uuid.UUID | None) -> bool:
            family = _follow(family_entries, _key(family_id))
            return family is not None and family.archived

        person_entries = [_person_entry(p, archived(p.family_id)) for p in people]
        return cls(MatchIndex([*family_entries.values(), *person_entries], prefixes), db.clock)

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """Hits for what is typed so far, best first; an exact family code comes first."""
        today = self._clock.today()
        return [self._hit(m, today) for m in self._core.match(text, limit)]

    def refresh_family(self, db: Database, family_id: uuid.UUID) -> None:
        """Re-read a family after a save: its members (also those who just left it, and the
        families they went to) and the families merged into it."""
        known = {uuid.UUID(int=e.id) for e in self._core.members_of(family_id.int)}
        with db.read() as session:
            family_ids = {family_id, *_merged_into(session, family_id)}
            moved = session.scalars(
                select(Person.family_id).where(Person.id.in_(known), Person.deleted_at.is_(None))
            )
            family_ids |= {f for f in moved if f is not None}
            families = session.execute(
                select(*_FAMILY_COLUMNS, Family.deleted_at).where(Family.id.in_(family_ids))
            ).all()
            people = session.execute(
                select(*_PERSON_COLUMNS).where(
                    or_(Person.family_id.in_(family_ids), Person.id.in_(known)),
                    Person.deleted_at.is_(None),
                )
            ).all()
        for gone in known - {p.id for p in people}:
            self._core.remove("person", gone.int)
        members = _by_family(people)
        for family in families:
            if family.deleted_at is not None and family.merged_into_id is None:
                self._core.remove("family", family.id.int)
            else:
                self._core.put(_family_entry(family, members.get(family.id, [])))
        for family_gone in family_ids - {f.id for f in families}:
            self._core.remove("family", family_gone.int)
        for person in people:
            owner = self._core.resolve_family(_key(person.family_id))
            self._core.put(_person_entry(person, owner is not None and owner.archived))

    def _hit(self, match: Match, today: dt.date) -> SearchHit:
        entry = match.entry
        score = round(match.score, 3)
        if entry.kind == "family":
            row: _FamilyRow = entry.data
            title = ", ".join(p for p in (row.surname, row.settlement) if p)
            return SearchHit(
                "family",
                uuid.UUID(int=entry.id),
                uuid.UUID(int=entry.id),
                row.code,
                f"{row.code} · {title}" if title else row.code,
                _family_detail(row, entry.archived),
                score,
                entry.archived,
            )
        person: _PersonRow = entry.data
        family = self._core.resolve_family(entry.family_id)
        return SearchHit(
            "person",
            uuid.UUID(int=entry.id),
            uuid.UUID(int=family.id) if family else None,
            family.code if family else None,
            person.full_name,
            _person_detail(person, entry.archived, today),
            score,
            entry.archived,
        )


@needs(Permission.DESK)
def registry_stamp(db: Database) -> tuple[object, ...]:
    """Changes whenever a family or person is added, edited, moved or deleted (tombstones
    keep their rows and move ``updated_at``): a cheap question before a 1-second rebuild."""
    with db.read() as session:
        return tuple(
            value
            for model in (Family, Person)
            for value in session.execute(
                select(func.count(), func.max(model.updated_at)).select_from(model)
            ).one()
        )


class SharedSearch:
    """One search index for every screen of the desk, built when first needed.

    The desk starts building it in the background as soon as the window is made
    (``start``), so that the window comes up without waiting; a search typed before it is
    done waits for the rest. The screen that saves a family tells it (``refresh_family``); a
    change it was not told about — another screen, the command line, a second desk on the
    same file — is noticed by ``check`` (each screen calls it when shown) and the index is
    built again when next needed.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._index: SearchIndex | None = None
        self._stamp: tuple[object, ...] | None = None
        self._building: threading.Thread | None = None

    def start(self) -> None:
        """Begin building the index on a thread of its own (nothing to do when built)."""
        if self._index is None and self._building is None:
            self._building = threading.Thread(
                target=self._build_quietly, name="search-index", daemon=True
            )
            self._building.start()

    def _build_quietly(self) -> None:
        try:
            self._build()
        except Exception:  # noqa: BLE001 - built again, and the error shown, when asked for
            self._index = None

    def _build(self) -> SearchIndex:
        stamp = registry_stamp(self.db)
        index = SearchIndex.build(self.db)
        self._stamp, self._index = stamp, index
        return index

    def _wait(self) -> None:
        building, self._building = self._building, None
        if building is not None:
            building.join()

    def index(self) -> SearchIndex:
        self._wait()
        return self._index if self._index is not None else self._build()

    def refresh_family(self, family_id: uuid.UUID) -> None:
        self._wait()
        if self._index is not None:
            self._index.refresh_family(self.db, family_id)
            self._stamp = registry_stamp(self.db)

    def check(self) -> None:
        if self._building is not None:
            return  # being built now, from what the file holds now
        if self._index is not None and registry_stamp(self.db) != self._stamp:
            self._index = None

    @property
    def built(self) -> bool:
        return self._index is not None and self._building is None


@needs(Permission.DESK)
def search_people(db: Database, text: str, limit: int = 20) -> list[SearchHit]:
    """One search without keeping the index (the command line)."""
    return SearchIndex.build(db).search(text, limit)


# ---- reading ----------------------------------------------------------------------------


def _kept_family() -> ColumnElement[bool]:
    """Live families, and merged ones (their codes still lead to the family they joined)."""
    return or_(Family.deleted_at.is_(None), Family.merged_into_id.is_not(None))


def _merged_into(session: Session, family_id: uuid.UUID) -> set[uuid.UUID]:
    query = select(Family.id).where(Family.merged_into_id == family_id)
    return set(session.scalars(query))


def _by_family(people: Iterable[_ColumnsRow]) -> dict[uuid.UUID, list[_ColumnsRow]]:
    """Live people per family, adults first (mothers first) so they lead the family name."""
    out: dict[uuid.UUID, list[_ColumnsRow]] = defaultdict(list)
    for person in people:
        if person.family_id is not None:
            out[person.family_id].append(person)
    for members in out.values():
        members.sort(key=lambda p: _ROLE_ORDER.get(p.role, len(_ROLE_ORDER)))
    return out


def _key(value: uuid.UUID | None) -> int | None:
    return None if value is None else value.int


def _follow(families: dict[int, Entry], family_id: int | None) -> Entry | None:
    seen = set()
    while family_id is not None and family_id not in seen:
        seen.add(family_id)
        family = families.get(family_id)
        if family is None or family.merged_into is None:
            return family
        family_id = family.merged_into
    return None


@lru_cache(maxsize=65536)
def _name_tokens(part: str) -> tuple[str, ...]:
    """Folded words of one name part; names repeat, so each is folded once."""
    return tuple(search_key(part).split())


def _phones(*stored: str) -> tuple[str, ...]:
    return tuple(d for d in (stored_phone_digits(s) for s in stored if s) if d)


def _family_entry(row: _ColumnsRow, members: list[_ColumnsRow]) -> Entry:
    surname = family_surname(p.last_name for p in members)
    settlement = tuple(t for t in _name_tokens(row.settlement) if len(t) >= _SETTLEMENT_WORD)
    return Entry(
        kind="family",
        id=row.id.int,
        family_id=row.id.int,
        last=_name_tokens(surname) + settlement,
        phones=_phones(row.phone, row.phone2),
        code=row.code,
        archived=row.archived_at is not None or row.merged_into_id is not None,
        merged_into=_key(row.merged_into_id),
        data=_FamilyRow(
            row.code,
            surname,
            row.settlement,
            tuple(p for p in (row.phone, row.phone2) if p),
            len(members),
        ),
    )


def _person_entry(row: _ColumnsRow, archived: bool) -> Entry:
    parts = (row.first_name, row.middle_name, row.last_name)
    return Entry(
        kind="person",
        id=row.id.int,
        family_id=_key(row.family_id),
        first=_name_tokens(row.first_name),
        middle=_name_tokens(row.middle_name or ""),
        last=_name_tokens(row.last_name or ""),
        phones=_phones(row.phone),
        egn=row.egn or None,
        archived=archived,
        data=_PersonRow(" ".join(p for p in parts if p), row.role, row.birth_date, row.phone),
    )


# ---- what the hit says ------------------------------------------------------------------


def _age(born: dt.date | None, today: dt.date) -> str:
    years = age_years(born, today)
    if born is None or years is None or years < 0:
        return ""
    if years == 0:
        months = age_months(born, today) or 0  # born is known, so months is too
        return ngettext("%(n)d mo", "%(n)d mos", months) % {"n": months}
    return ngettext("%(n)d yr", "%(n)d yrs", years) % {"n": years}


def _role(role: str) -> str:
    try:
        return PersonRole(role).label
    except ValueError:
        return role


def _person_detail(row: _PersonRow, archived: bool, today: dt.date) -> str:
    who = ", ".join(p for p in (_role(row.role), _age(row.birth_date, today)) if p)
    parts = [who, format_phone(row.phone) if row.phone else ""]
    if archived:
        parts.append(_("archived family"))
    return " · ".join(p for p in parts if p)


def _family_detail(row: _FamilyRow, archived: bool) -> str:
    members = ngettext("%(n)d member", "%(n)d members", row.members) % {"n": row.members}
    parts = [members, *(format_phone(p) for p in row.phones)]
    if archived:
        parts.append(_("archived family"))
    return " · ".join(parts)
