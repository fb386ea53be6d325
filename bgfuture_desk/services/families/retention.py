"""Retention (GDPR art. 5(1)(e)): which families are due for review, and keeping one.

A family is due when its last visit (or, never seen, its registration) lies more than the
house setting ``retention_years`` (default 5) before today, and no decision to keep it was
taken since. The administrator then erases it (``erasure.erase_family``) or keeps it with a
reason (``keep_family``): the decision is an audit event „keep“ with the reason, and the
family is due again after another ``retention_years``. Families already erased, merged into
another or deleted are not listed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from bgfuture_desk.db.models import AuditEvent, Family, Visit
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.errors import ValidationError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.families.erasure import ERASE_OPERATION
from bgfuture_desk.services.families.queries import live_family, live_members
from bgfuture_desk.services.house.settings import get_int
from bgfuture_desk.services.unit import Actor, Database, guarded, needs

KEEP_OPERATION = "keep"


@dataclass(frozen=True)
class RetentionRow:
    family_id: uuid.UUID
    code: str
    names: tuple[str, ...]
    last_seen: dt.date  # the last visit, or the registration for a family never seen
    kept_on: dt.date | None  # the last decision to keep it, if any


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@needs(Permission.DOCUMENTS)  # everybody sees the list; only an administrator acts on it
def families_due(db: Database) -> list[RetentionRow]:
    """Families to review for erasure, the longest unseen first."""
    today = db.clock.today()
    with db.read() as session:
        years = get_int(session, "retention_years")
        limit = _years_before(today, years)
        last_visit = dict(
            session.execute(
                select(Visit.family_id, func.max(Visit.checked_in_at))
                .where(Visit.deleted_at.is_(None), Visit.family_id.is_not(None))
                .group_by(Visit.family_id)
            ).all()
        )
        decisions: dict[str, dt.datetime] = {}
        erased: set[str] = set()
        for entity_id, operation, at in session.execute(
            select(AuditEvent.entity_id, AuditEvent.operation, AuditEvent.at).where(
                AuditEvent.entity == "families",
                AuditEvent.operation.in_([KEEP_OPERATION, ERASE_OPERATION]),
            )
        ):
            if operation == ERASE_OPERATION:
                erased.add(entity_id)
            elif entity_id not in decisions or decisions[entity_id] < at:
                decisions[entity_id] = at
        rows = []
        query = select(Family).where(Family.deleted_at.is_(None), Family.merged_into_id.is_(None))
        for family in session.scalars(query):
            if str(family.id) in erased:
                continue
            seen = last_visit.get(family.id) or family.created_at
            kept = decisions.get(str(family.id))
            latest = max(seen, kept) if kept else seen
            if latest.date() >= limit:
                continue
            names = tuple(p.full_name for p in live_members(session, family.id))
            rows.append(RetentionRow(family.id, family.code, names, seen.date(),
                                     kept.date() if kept else None))
    return sorted(rows, key=lambda r: (r.last_seen, r.code))


@guarded(Permission.ERASURE)
def keep_family(db: Database, actor: Actor, family_id: uuid.UUID, reason: str) -> dt.date:
    """Keep a family due for review, for a stated reason (administrators only); the day of
    the decision, from which the period runs again."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the family's data are kept.")})
    with db.unit(actor, "keep_family") as uow:
        family = live_family(uow.session, family_id)
        uow.session.add(
            AuditEvent(
                house_id=family.house_id,
                user_id=actor.user_id,
                at=uow.clock.utcnow(),
                action="keep_family",
                entity="families",
                entity_id=str(family.id),
                operation=KEEP_OPERATION,
                fields={"reason": reason},
            )
        )
        uow.commit()
    return uow.clock.today()
