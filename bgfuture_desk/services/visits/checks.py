"""What a visit must satisfy before it is written, and keeping its rows in step.

The checks fill an ``errors`` dict (field -> Bulgarian message) so a form shows every
mistake at once; nothing is written before all pass. Used by ``services.visits``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import Family, Person, Specialist, Visit, VisitPerson, VisitPurposeRow
from bgfuture_desk.domain.vocab import VisitPurpose
from bgfuture_desk.errors import NotFoundError, UserError
from bgfuture_desk.i18n import _, format_datetime, format_time
from bgfuture_desk.services.unit import UnitOfWork
from bgfuture_desk.services.visits.queries import on_day

MAX_ANONYMOUS = 50  # more anonymous visitors in one entry is a typing slip

Stay = tuple[dt.datetime, dt.datetime | None]  # check-in, check-out (None: still here)


def local_time(moment: dt.datetime) -> dt.datetime:
    """Business times are naive local wall-clock times, to the second."""
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return moment.replace(microsecond=0)


def check_in_time(
    at: dt.datetime | None, now: dt.datetime, errors: dict[str, str], field: str
) -> dt.datetime:
    if at is None:
        return now
    at = local_time(at)
    if at > now:
        errors[field] = _("The time of the visit cannot be in the future.")
    return at


def check_out_time(
    start: dt.datetime, end: dt.datetime | None, now: dt.datetime, errors: dict[str, str]
) -> dt.datetime | None:
    if end is None:
        return None
    end = local_time(end)
    if end > now:
        errors["checked_out_at"] = _("The check-out time cannot be in the future.")
    elif end < start:
        errors["checked_out_at"] = _(
            "The check-out cannot be before the check-in ({time})."
        ).format(time=format_datetime(start))
    return end


def purpose_codes(purposes: Iterable[str] | None, errors: dict[str, str]) -> list[str]:
    codes = list(dict.fromkeys(str(p) for p in purposes or ()))
    known = {p.value for p in VisitPurpose}
    unknown = [c for c in codes if c not in known]
    if not codes:
        errors["purposes"] = _("Choose at least one purpose of the visit.")
    elif unknown:
        errors["purposes"] = _("Unknown purpose of the visit: {code}.").format(code=unknown[0])
    return codes


def visitor_counts(
    adults: object,
    children: object,
    errors: dict[str, str],
    need_one: bool,
    fields: tuple[str, str] = ("adults", "children"),
) -> None:
    """Anonymous visitors: whole numbers from 0 to MAX_ANONYMOUS (at least one in all)."""
    before = len(errors)
    for field, value in zip(fields, (adults, children), strict=True):
        if isinstance(value, bool) or not isinstance(value, int):
            errors[field] = _("Enter a whole number.")
        elif value < 0:
            errors[field] = _("The number of visitors cannot be negative.")
        elif value > MAX_ANONYMOUS:
            errors[field] = _("At most {n} visitors can be entered at once.").format(
                n=MAX_ANONYMOUS
            )
    if need_one and len(errors) == before and adults == 0 and children == 0:
        errors[fields[0]] = _("Enter at least one visitor.")


def check_specialist(
    session: Session,
    specialist_id: uuid.UUID | None,
    errors: dict[str, str],
    current: uuid.UUID | None = None,
) -> None:
    if specialist_id is None:
        return
    found = session.get(Specialist, specialist_id)
    if found is None or found.deleted_at is not None:
        errors["specialist_id"] = _("The chosen specialist does not exist.")
    elif not found.active and specialist_id != current:
        errors["specialist_id"] = _("{name} no longer works at the house.").format(
            name=found.full_name
        )




def family_members(
    session: Session, family: Family, person_ids: Iterable[uuid.UUID] | None, errors: dict[str, str]
) -> list[Person]:
    ids = list(dict.fromkeys(person_ids or ()))
    if not ids:
        errors["person_ids"] = _("Tick at least one member of the family.")
        return []
    people = []
    for pid in ids:
        person = session.get(Person, pid)
        if person is None or person.deleted_at is not None:
            errors["person_ids"] = _("A ticked person no longer exists.")
        elif person.family_id != family.id:
            errors["person_ids"] = _("{name} is not a member of the family {code}.").format(
                name=person.full_name, code=family.code
            )
        else:
            people.append(person)
    return people


def overlaps(a: Stay, b: Stay) -> bool:
    """Two stays overlap; an open stay (no check-out) lasts until the end of time."""
    return a[0] < (b[1] or dt.datetime.max) and b[0] < (a[1] or dt.datetime.max)


def refuse_overlap(
    session: Session,
    people: list[Person],
    stay: Stay,
    exclude: uuid.UUID | None = None,
) -> None:
    """Nobody is checked in twice: no other visit of the same person that day overlaps."""
    if not people:
        return
    by_id = {p.id: p for p in people}
    query = (
        select(VisitPerson.person_id, VisitPerson.checked_out_at, Visit)
        .join(Visit, Visit.id == VisitPerson.visit_id)
        .where(
            VisitPerson.person_id.in_(by_id),
            VisitPerson.deleted_at.is_(None),
            Visit.deleted_at.is_(None),
            on_day(stay[0].date()),
        )
        .order_by(Visit.checked_in_at)
    )
    for person_id, left, other in session.execute(query):
        until = left or other.checked_out_at  # a member may have left before the others
        if other.id == exclude or not overlaps(stay, (other.checked_in_at, until)):
            continue
        name = by_id[person_id].full_name
        if until is None:
            message = _("{name} is already in the house since {time} (not checked out yet).")
        else:
            message = _("{name} already has a visit at that time ({time}–{until}).")
        raise UserError(
            message.format(
                name=name,
                time=format_time(other.checked_in_at),
                until=format_time(until) if until else "",
            ),
            field="person_ids",
        )


# ---- child rows: who came and why (kept in step, tombstoned rather than deleted) ----


def sync_people(
    uow: UnitOfWork, visit: Visit, people: list[Person], rows: list[Any] | None = None
) -> None:
    if rows is None:
        query = select(VisitPerson).where(VisitPerson.visit_id == visit.id)
        rows = list(uow.session.scalars(query))
    _sync(uow, visit, rows, "person_id", [p.id for p in people], VisitPerson)


def sync_purposes(
    uow: UnitOfWork, visit: Visit, codes: list[str], rows: list[Any] | None = None
) -> None:
    if rows is None:
        query = select(VisitPurposeRow).where(VisitPurposeRow.visit_id == visit.id)
        rows = list(uow.session.scalars(query))
    _sync(uow, visit, rows, "purpose", codes, VisitPurposeRow)


def _sync(
    uow: UnitOfWork, visit: Visit, rows: list[Any], key: str, wanted: list[Any], model: Any
) -> None:
    """Tombstone rows no longer wanted, revive tombstoned ones wanted again, add the rest."""
    have: dict[Any, Any] = {}
    for row in rows:
        value = getattr(row, key)
        if value not in have or (have[value].deleted_at is not None and row.deleted_at is None):
            have[value] = row
        if value not in wanted and row.deleted_at is None:
            uow.tombstone(row)
    for value in wanted:
        row = have.get(value)
        if row is None:
            uow.session.add(model(house_id=visit.house_id, visit_id=visit.id, **{key: value}))
        elif row.deleted_at is not None:
            row.deleted_at = None


def live_visit(session: Session, visit_id: uuid.UUID) -> Visit:
    visit = session.get(Visit, visit_id)
    if visit is None or visit.deleted_at is not None:
        raise NotFoundError(_("This visit does not exist or was cancelled."))
    return visit


def people_rows(session: Session, visit: Visit) -> list[VisitPerson]:
    """The visit's live people rows, each with its own check-out."""
    query = select(VisitPerson).where(
        VisitPerson.visit_id == visit.id, VisitPerson.deleted_at.is_(None)
    )
    return list(session.scalars(query))


def align_people(session: Session, visit: Visit, before: dt.datetime | None) -> None:
    """Keep each member's check-out in step with the visit's, which was ``before``: a
    closed visit has nobody still in (and nobody leaving after it), a reopened one has
    everyone back in."""
    end = visit.checked_out_at
    for row in people_rows(session, visit):
        if end is None:
            if before is not None:
                row.checked_out_at = None
        elif row.checked_out_at is None or row.checked_out_at > end:
            row.checked_out_at = end


def current_people(session: Session, visit: Visit) -> list[Person]:
    query = (
        select(Person)
        .join(VisitPerson, VisitPerson.person_id == Person.id)
        .where(VisitPerson.visit_id == visit.id, VisitPerson.deleted_at.is_(None))
    )
    return list(session.scalars(query))
