"""Reception actions: check in (a family's members or anonymous visitors), check out,
correct, cancel and restore a visit. Each is one unit of work, so each is audited.

The read side (today's visitors, a day's counts, the CLI list) lives in
``visits_queries`` and is re-exported here: screens import one module. "Now" is the
database's clock (``db.clock``), the house's local wall clock; tests give a fixed one.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import Person, Visit, VisitPerson, VisitPurposeRow, utcnow
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.errors import NotFoundError, UserError, ValidationError
from bgfuture_desk.i18n import _, format_time
from bgfuture_desk.services.families.queries import working_family
from bgfuture_desk.services.unit import Actor, Database, UnitOfWork, clock_of, guarded
from bgfuture_desk.services.visits import checks
from bgfuture_desk.services.visits import queries as q
from bgfuture_desk.services.visits.checks import MAX_ANONYMOUS
from bgfuture_desk.services.visits.queries import (
    DaySummary,
    SpecialistRow,
    VisitListRow,
    VisitView,
    day_summary,
    get_visit,
    last_purposes,
    list_specialists,
    list_visits,
    open_visits,
    people_in_house,
    visits_on,
)

__all__ = [
    "KEEP",
    "MAX_ANONYMOUS",
    "DaySummary",
    "SpecialistRow",
    "VisitListRow",
    "VisitView",
    "cancel_visit",
    "check_in",
    "check_in_anonymous",
    "check_out",
    "check_out_all",
    "correct_visit",
    "day_summary",
    "get_visit",
    "last_purposes",
    "list_specialists",
    "list_visits",
    "open_visits",
    "people_in_house",
    "restore_visit",
    "undo_check_out",
    "visits_on",
]


class _Keep(Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP  # correct_visit: leave this field as it is (None would clear it)


def _new_visit(uow: UnitOfWork, people: list[Person], codes: list[str], **fields: Any) -> uuid.UUID:
    visit = Visit(id=uuid.uuid4(), house_id=uow.house().id, **fields)
    uow.session.add(visit)
    checks.sync_people(uow, visit, people, rows=[])
    checks.sync_purposes(uow, visit, codes, rows=[])
    if visit.checked_out_at is not None:
        uow.session.flush()
        checks.align_people(uow.session, visit, None)
    uow.commit()
    return visit.id


# ---- the actions ----


@guarded(Permission.DESK)
def check_in(
    db: Database,
    actor: Actor,
    *,
    family_id: uuid.UUID,
    person_ids: Iterable[uuid.UUID],
    purposes: Iterable[str],
    specialist_id: uuid.UUID | None = None,
    at: dt.datetime | None = None,
    notes: str = "",
    checked_out_at: dt.datetime | None = None,
) -> VisitView:
    """Check in several members of one family at once.

    ``at`` records a visit entered later with its real time (flagged ``recorded_late``);
    ``checked_out_at`` lets such a late entry be closed in the same step.
    """
    now = db.clock.now()
    with db.unit(actor, "check_in") as uow:
        session = uow.session
        errors: dict[str, str] = {}
        family = working_family(session, family_id)
        people = checks.family_members(session, family, person_ids, errors)
        codes = checks.purpose_codes(purposes, errors)
        checks.check_specialist(session, specialist_id, errors)
        start = checks.check_in_time(at, now, errors, "at")
        end = checks.check_out_time(start, checked_out_at, now, errors)
        if errors:
            raise ValidationError(errors)
        checks.refuse_overlap(session, people, (start, end))
        visit_id = _new_visit(
            uow,
            people,
            codes,
            family_id=family.id,
            specialist_id=specialist_id,
            checked_in_at=start,
            checked_out_at=end,
            recorded_late=at is not None,
            notes=notes.strip(),
        )
    return get_visit(db, visit_id)


@guarded(Permission.DESK)
def check_in_anonymous(
    db: Database,
    actor: Actor,
    *,
    adults: int,
    children: int,
    purposes: Iterable[str],
    specialist_id: uuid.UUID | None = None,
    at: dt.datetime | None = None,
    notes: str = "",
    checked_out_at: dt.datetime | None = None,
) -> VisitView:
    """Count visitors who do not want to register (no names, just how many)."""
    now = db.clock.now()
    with db.unit(actor, "check_in_anonymous") as uow:
        errors: dict[str, str] = {}
        checks.visitor_counts(adults, children, errors, need_one=True)
        codes = checks.purpose_codes(purposes, errors)
        checks.check_specialist(uow.session, specialist_id, errors)
        start = checks.check_in_time(at, now, errors, "at")
        end = checks.check_out_time(start, checked_out_at, now, errors)
        if errors:
            raise ValidationError(errors)
        visit_id = _new_visit(
            uow,
            [],
            codes,
            family_id=None,
            specialist_id=specialist_id,
            anonymous_adults=adults,
            anonymous_children=children,
            checked_in_at=start,
            checked_out_at=end,
            recorded_late=at is not None,
            notes=notes.strip(),
        )
    return get_visit(db, visit_id)


def _leave(
    session: Session, visit: Visit, person_ids: Iterable[uuid.UUID] | None, at: dt.datetime
) -> None:
    """Those of ``person_ids`` still in (None: everyone) leave at ``at``; the visit is out
    when nobody is left in."""
    if visit.checked_out_at is not None:
        raise UserError(
            _("This visit was already checked out at {time}.").format(
                time=format_time(visit.checked_out_at)
            )
        )
    errors: dict[str, str] = {}
    at = checks.check_out_time(visit.checked_in_at, at, clock_of(session).now(), errors) or at
    if errors:
        raise ValidationError({"at": errors["checked_out_at"]})
    still_in = [r for r in checks.people_rows(session, visit) if r.checked_out_at is None]
    leaving = still_in
    if person_ids is not None:
        wanted = set(person_ids)
        leaving = [r for r in still_in if r.person_id in wanted]
        if not wanted or len(leaving) != len(wanted):
            raise UserError(_("Only someone of this visit who is still in the house can leave."))
    for row in leaving:
        row.checked_out_at = at
    if len(leaving) == len(still_in):
        visit.checked_out_at = at


@guarded(Permission.DESK)
def check_out(
    db: Database,
    actor: Actor,
    visit_id: uuid.UUID,
    at: dt.datetime | None = None,
    person_ids: Iterable[uuid.UUID] | None = None,
) -> VisitView:
    """The visitors leave (``at`` defaults to now; never before the check-in): everyone
    still in, or only ``person_ids``. Undone by ``undo_check_out``."""
    with db.unit(actor, "check_out") as uow:
        visit = checks.live_visit(uow.session, visit_id)
        _leave(uow.session, visit, person_ids, at or uow.clock.now())
        uow.commit()
    return get_visit(db, visit_id)


@guarded(Permission.DESK)
def undo_check_out(
    db: Database, actor: Actor, visit_id: uuid.UUID, person_ids: Iterable[uuid.UUID] | None = None
) -> VisitView:
    """A check-out made by mistake: ``person_ids`` are in the house again (None: those who
    left with the visit's check-out), and so is their visit."""
    with db.unit(actor, "undo_check_out") as uow:
        session = uow.session
        visit = checks.live_visit(session, visit_id)
        rows = [r for r in checks.people_rows(session, visit) if r.checked_out_at is not None]
        if person_ids is None:
            if visit.checked_out_at is None:
                raise UserError(_("This visit is not checked out."))
            back = [r for r in rows if r.checked_out_at == visit.checked_out_at]
        else:
            wanted = set(person_ids)
            back = [r for r in rows if r.person_id in wanted]
            if len(back) != len(wanted):
                raise UserError(_("Only someone of this visit who has left can come back."))
        people = [session.get(Person, r.person_id) for r in back]
        checks.refuse_overlap(
            session, [p for p in people if p], (visit.checked_in_at, None), visit.id
        )
        for row in back:
            row.checked_out_at = None
        visit.checked_out_at = None
        uow.commit()
    return get_visit(db, visit_id)


@guarded(Permission.DESK)
def check_out_all(db: Database, actor: Actor, at: dt.datetime | None = None) -> int:
    """End of the day: check out everyone still in the house today; returns how many visits."""
    at = checks.local_time(at or db.clock.now())
    with db.unit(actor, "check_out_all") as uow:
        query = select(Visit).where(
            Visit.deleted_at.is_(None),
            Visit.checked_out_at.is_(None),
            q.on_day(db.clock.today()),
            Visit.checked_in_at <= at,
        )
        visits = uow.session.scalars(query).all()
        for visit in visits:
            _leave(uow.session, visit, None, at)
        uow.commit()
    return len(visits)


def _corrected_people(
    session: Session, visit: Visit, person_ids: Iterable[uuid.UUID] | None, errors: dict[str, str]
) -> list[Person] | None:
    """The people the visit will have, or None when they stay as they are."""
    if person_ids is None:
        return None
    if visit.family_id is None:
        if list(person_ids):
            errors["person_ids"] = _("An anonymous visit has no registered people.")
        return None
    return checks.family_members(
        session, working_family(session, visit.family_id), person_ids, errors
    )


def _corrected_stay(
    visit: Visit,
    checked_in_at: dt.datetime | None,
    checked_out_at: dt.datetime | None | _Keep,
    now: dt.datetime,
    errors: dict[str, str],
) -> checks.Stay:
    start = visit.checked_in_at
    if checked_in_at is not None:
        start = checks.check_in_time(checked_in_at, now, errors, "checked_in_at")
    end = visit.checked_out_at if checked_out_at is KEEP else checked_out_at
    return start, checks.check_out_time(start, end, now, errors)


@guarded(Permission.DESK)
def correct_visit(
    db: Database,
    actor: Actor,
    visit_id: uuid.UUID,
    *,
    person_ids: Iterable[uuid.UUID] | None = None,
    purposes: Iterable[str] | None = None,
    specialist_id: uuid.UUID | None | _Keep = KEEP,
    checked_in_at: dt.datetime | None = None,
    checked_out_at: dt.datetime | None | _Keep = KEEP,
    notes: str | None = None,
    anonymous_adults: int | None = None,
    anonymous_children: int | None = None,
) -> VisitView:
    """Fix a mistaken check-in: who, why, with whom, when. Arguments left out stay as
    they are; ``specialist_id=None`` removes the specialist and ``checked_out_at=None``
    reopens the visit."""
    now = db.clock.now()
    with db.unit(actor, "correct_visit") as uow:
        session = uow.session
        errors: dict[str, str] = {}
        visit = checks.live_visit(session, visit_id)
        people = _corrected_people(session, visit, person_ids, errors)
        codes = None if purposes is None else checks.purpose_codes(purposes, errors)
        if specialist_id is not KEEP:
            checks.check_specialist(session, specialist_id, errors, current=visit.specialist_id)
        start, end = _corrected_stay(visit, checked_in_at, checked_out_at, now, errors)
        adults = visit.anonymous_adults if anonymous_adults is None else anonymous_adults
        children = visit.anonymous_children if anonymous_children is None else anonymous_children
        checks.visitor_counts(
            adults,
            children,
            errors,
            need_one=visit.family_id is None,
            fields=("anonymous_adults", "anonymous_children"),
        )
        if errors:
            raise ValidationError(errors)
        checks.refuse_overlap(
            session, people or checks.current_people(session, visit), (start, end), visit.id
        )
        before = visit.checked_out_at
        visit.checked_in_at, visit.checked_out_at = start, end
        visit.anonymous_adults, visit.anonymous_children = adults, children
        if specialist_id is not KEEP:
            visit.specialist_id = specialist_id
        if notes is not None:
            visit.notes = notes.strip()
        if people is not None:
            checks.sync_people(uow, visit, people)
        if codes is not None:
            checks.sync_purposes(uow, visit, codes)
        session.flush()
        checks.align_people(session, visit, before)
        uow.commit()
    return get_visit(db, visit_id)


def _children_rows(session: Session, visit: Visit) -> list[VisitPerson | VisitPurposeRow]:
    rows: list[VisitPerson | VisitPurposeRow] = []
    for model in (VisitPerson, VisitPurposeRow):
        rows.extend(session.scalars(select(model).where(model.visit_id == visit.id)))
    return rows


@guarded(Permission.DESK)
def cancel_visit(db: Database, actor: Actor, visit_id: uuid.UUID) -> None:
    """A mistaken check-in: tombstone the visit and its rows (one stamp, so undo is exact)."""
    with db.unit(actor, "cancel_visit") as uow:
        visit = checks.live_visit(uow.session, visit_id)
        stamp = utcnow()
        for row in _children_rows(uow.session, visit):
            if row.deleted_at is None:
                row.deleted_at = stamp
        visit.deleted_at = stamp
        uow.commit()


@guarded(Permission.DESK)
def restore_visit(db: Database, actor: Actor, visit_id: uuid.UUID) -> VisitView:
    """Undo a cancel: the visit and the rows cancelled with it come back."""
    with db.unit(actor, "restore_visit") as uow:
        session = uow.session
        visit = session.get(Visit, visit_id)
        if visit is None:
            raise NotFoundError(_("This visit does not exist or was cancelled."))
        if visit.deleted_at is None:
            raise UserError(_("This visit is not cancelled."))
        stamp = visit.deleted_at
        rows = [r for r in _children_rows(session, visit) if r.deleted_at == stamp]
        people = [session.get(Person, r.person_id) for r in rows if isinstance(r, VisitPerson)]
        checks.refuse_overlap(
            session, [p for p in people if p], (visit.checked_in_at, visit.checked_out_at), visit.id
        )
        for row in rows:
            row.deleted_at = None
        visit.deleted_at = None
        uow.commit()
    return get_visit(db, visit_id)
