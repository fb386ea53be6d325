"""The audit trail for an administrator: a page of events at a time, filtered, newest first.

A house that has worked for ten years holds about a million events, so nothing here reads
the whole trail: every query has a limit, walks the index on the time of the event (newest
first) or the one on the record's id, and asks for one row more than it shows to know
whether another page follows (no count of a million rows). The events show who, when, what
and which record, never the values a change wrote: an erasure has scrubbed the erased
person's values already, and the browser would not show the others' either.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import (
    AuditEvent,
    Consent,
    Family,
    Loan,
    Person,
    Referral,
    Reservation,
    Toy,
    User,
    Visit,
)
from bgfuture_desk.domain.clock import Clock
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.toys import canonical_toy_code
from bgfuture_desk.errors import ValidationError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.audit.labels import action_label, entity_label, operation_label
from bgfuture_desk.services.families.queries import canonical_family_code
from bgfuture_desk.services.unit import Actor, Database, guarded

#: records that belong to a family: found with it, and named by its code
_OF_A_FAMILY = (Visit, Loan, Reservation, Consent, Referral)
PAGE_SIZE = 100
MAX_PAGE = 1000
_ID_PART = re.compile(r"^[0-9a-f-]{4,36}$")


@dataclass(frozen=True)
class AuditFilters:
    """What to show; every part left empty shows everything."""

    user_id: uuid.UUID | None = None
    action: str = ""  # an action code (``labels.ACTIONS``)
    date_from: dt.date | None = None  # the house's calendar days, both included
    date_to: dt.date | None = None
    record: str = ""  # a family code, a toy code, a user name or the start of a record's id


@dataclass(frozen=True)
class AuditRow:
    event_id: uuid.UUID
    at: dt.datetime  # the house's wall-clock time
    user: str  # the user's full name, or „системата“
    action: str  # the code
    action_label: str
    entity: str  # the table's name
    entity_label: str
    entity_id: str
    record: str  # how the record is named at the desk: „семейство KRN-0042“
    operation_label: str


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    offset: int
    limit: int
    more: bool  # another page follows


def utc_offset(clock: Clock) -> dt.timedelta:
    """How far the house's wall clock is ahead of UTC (to the quarter hour)."""
    seconds = (clock.now() - clock.utcnow()).total_seconds()
    return dt.timedelta(minutes=15 * round(seconds / 900))


def check_filters(filters: AuditFilters) -> None:
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise ValidationError({"date_to": _("The end of the period is before its start.")})


def _record_ids(session: Session, text: str) -> list[str]:
    """The ids a typed record names: a family (its members, visits, loans, reservations,
    consents and referrals too), a toy, a user."""
    ids: list[str] = []
    family_code = canonical_family_code(text)
    if family_code is not None:
        for family_id in session.scalars(select(Family.id).where(Family.code == family_code)):
            ids.append(str(family_id))
            members = select(Person.id).where(Person.family_id == family_id)
            ids += [str(i) for i in session.scalars(members)]
            for model in _OF_A_FAMILY:
                owned = select(model.id).where(model.family_id == family_id)
                ids += [str(i) for i in session.scalars(owned)]
    toy_code = canonical_toy_code(text)
    if toy_code is not None:
        toys = select(Toy.id).where(Toy.inventory_code == toy_code)
        ids += [str(i) for i in session.scalars(toys)]
    wanted = text.casefold()  # user names compared as ``users.find_user`` does
    ids += [str(u.id) for u in session.scalars(select(User)) if u.username.casefold() == wanted]
    return ids


def _conditions(session: Session, filters: AuditFilters, clock: Clock) -> list[ColumnElement[bool]]:
    check_filters(filters)
    where: list[ColumnElement[bool]] = [AuditEvent.deleted_at.is_(None)]
    if filters.user_id is not None:
        where.append(AuditEvent.user_id == filters.user_id)
    if filters.action:
        where.append(AuditEvent.action == filters.action)
    offset = utc_offset(clock)
    if filters.date_from is not None:
        start = dt.datetime.combine(filters.date_from, dt.time()) - offset
        where.append(AuditEvent.at >= start)
    if filters.date_to is not None:
        end = dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time()) - offset
        where.append(AuditEvent.at < end)
    text = filters.record.strip()
    if text:
        named: list[ColumnElement[bool]] = []
        ids = _record_ids(session, text)
        if ids:
            named.append(AuditEvent.entity_id.in_(ids))
        prefix = text.casefold()
        if _ID_PART.match(prefix):
            # a range, not LIKE: SQLite walks the index on entity_id for it
            named.append(and_(AuditEvent.entity_id >= prefix,
                              AuditEvent.entity_id < prefix + "\uffff"))  # fmt: skip
        where.append(or_(*named) if named else false())
    return where


def _names(session: Session, events: Iterable[AuditEvent]) -> dict[str, str]:
    """How the desk names each record of the page (codes, never a person's name)."""
    wanted: dict[str, set[uuid.UUID]] = {}
    for event in events:
        try:
            wanted.setdefault(event.entity, set()).add(uuid.UUID(event.entity_id))
        except ValueError:
            continue
    names: dict[str, str] = {}
    if wanted.get("families"):
        query = select(Family.id, Family.code).where(Family.id.in_(wanted["families"]))
        names |= {str(i): code for i, code in session.execute(query)}
    if wanted.get("people"):
        query = (
            select(Person.id, Family.code)
            .join(Family, Family.id == Person.family_id)
            .where(Person.id.in_(wanted["people"]))
        )
        names |= {str(i): code for i, code in session.execute(query)}
    for model in _OF_A_FAMILY:
        if wanted.get(model.__tablename__):
            query = (
                select(model.id, Family.code)
                .join(Family, Family.id == model.family_id)
                .where(model.id.in_(wanted[model.__tablename__]))
            )
            names |= {str(i): code for i, code in session.execute(query)}
    if wanted.get("toys"):
        query = select(Toy.id, Toy.inventory_code).where(Toy.id.in_(wanted["toys"]))
        names |= {str(i): code for i, code in session.execute(query)}
    if wanted.get("users"):
        query = select(User.id, User.username).where(User.id.in_(wanted["users"]))
        names |= {str(i): name for i, name in session.execute(query)}
    return names


def _rows(session: Session, events: list[AuditEvent], clock: Clock) -> list[AuditRow]:
    users = {u.id: u.full_name for u in session.scalars(select(User))}
    names = _names(session, events)
    offset = utc_offset(clock)
    rows = []
    for e in events:
        who = users.get(e.user_id, "") if e.user_id is not None else ""
        label = entity_label(e.entity)
        # a setting's key is a program name (tooltip), a record's id is shortened
        unnamed = e.entity in ("settings", "audit_events")
        shown = "" if unnamed else names.get(e.entity_id) or e.entity_id[:8]
        rows.append(
            AuditRow(
                event_id=e.id,
                at=e.at + offset,
                user=who or _("the system"),
                action=e.action,
                action_label=action_label(e.action),
                entity=e.entity,
                entity_label=label,
                entity_id=e.entity_id,
                record=f"{label} {shown}".strip(),
                operation_label=operation_label(e.operation),
            )
        )
    return rows


def read_events(session: Session, filters: AuditFilters, clock: Clock, limit: int,
                offset: int = 0) -> AuditPage:  # fmt: skip
    """One page of events inside a read the caller opened (and checked)."""
    limit = max(1, min(limit, MAX_PAGE * 10))
    offset = max(0, offset)
    query = (
        select(AuditEvent)
        .where(*_conditions(session, filters, clock))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit + 1)
        .offset(offset)
    )
    events = list(session.scalars(query))
    more = len(events) > limit
    return AuditPage(_rows(session, events[:limit], clock), offset, limit, more)


@guarded(Permission.AUDIT)
def browse_audit(db: Database, actor: Actor, filters: AuditFilters, limit: int = PAGE_SIZE,
                 offset: int = 0) -> AuditPage:  # fmt: skip
    """The events ``filters`` select, newest first, ``limit`` of them from ``offset``."""
    with db.read() as session:
        return read_events(session, filters, db.clock, min(limit, MAX_PAGE), offset)


@dataclass(frozen=True)
class AuditUser:
    id: uuid.UUID
    name: str
    active: bool


@guarded(Permission.AUDIT)
def audit_users(db: Database, actor: Actor) -> list[AuditUser]:
    """Everyone who may appear in the trail, deactivated users too (for the filter)."""
    with db.read() as session:
        users = session.scalars(select(User).order_by(User.full_name))
        return [AuditUser(u.id, u.full_name, u.active and u.deleted_at is None) for u in users]
