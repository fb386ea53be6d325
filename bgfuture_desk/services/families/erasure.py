"""Erasure on request (GDPR art. 17): a person, or a whole family, leaves no trace in the file.

What goes: a person's names (they become „Изтрито лице“), ЕГН, phone, notes and the birth date
beyond its year (``domain.erasure``: a date of the same year that keeps every age band the
person was counted in), and the notes of the visits, attendance and loans they were part of
(free text that may name them); for a family also its address, phones and notes, and the free-text
notes of its visits and loans, and the family is archived. What stays, without anyone's
identity: the rows of visits, attendance, loans, enrolments (house, sex, role, the year of
birth), so past monthly counts do not change and the next export carries the anonymised rows
as ordinary updates, which consolidation applies by their newer change stamp.

Signed consents are **kept, anonymised**: the record (form, version, purposes ticked, dates
given and withdrawn) stays and points to the anonymised person; the witness's name goes. The
monthly indicators count consents given and withdrawn, and the record without the person is
no longer personal data. Referrals are **kept, anonymised**: number, institution, urgency,
dates and status stay (the indicators count referrals by destination and completion); the
reason, the steps taken and the outcome, free text that describes the family's situation,
are emptied. The signed papers and the institutions' own files are outside this program.

The audit trail keeps what was done but not the data: every earlier event of an erased
record loses its values (a person's: all of them; other records': the texts emptied here),
and one event „erase“ says who erased whom and when, on request. After the commit the file is
vacuumed and its WAL checkpointed (``secure_delete`` is on for every connection,
``db.engine``), so the name and ЕГН are not left in free pages either.

One count can move: the consolidated total counts a person seen in two houses once, by the
ЕГН; erased in one house (the ЕГН gone), they count once per house there. Each house's own
counts, and every count of a person seen in one house only, stay as they were.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bgfuture_desk.db.engine import wipe_free_space
from bgfuture_desk.db.models import (
    Attendance,
    AuditEvent,
    Consent,
    Enrolment,
    Family,
    Loan,
    LoanReminder,
    Meeting,
    Person,
    Referral,
    Visit,
    VisitPerson,
    utcnow,
)
from bgfuture_desk.domain.erasure import erased_birth_date
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.errors import NotFoundError
from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services.unit import Actor, Database, guarded, needs

ERASED_NAME = N_("Erased person")
ERASE_OPERATION = "erase"

# The texts emptied in records that stay, by table; their old values leave the audit too.
_PERSON_FIELDS = ("first_name", "middle_name", "last_name", "egn", "phone", "notes")
_FAMILY_TEXTS = ("address", "phone", "phone2", "notes")
_CONSENT_TEXTS = ("witness",)
_REFERRAL_TEXTS = ("reason", "steps_taken", "outcome")
_NOTE = ("note",)
_NOTES = ("notes",)


@dataclass(frozen=True)
class ErasurePreview:
    """Whom an erasure would reach, for the confirmation."""

    family_code: str | None
    names: tuple[str, ...]


@dataclass(frozen=True)
class ErasureResult:
    family_code: str | None
    people: int
    at: dt.datetime  # UTC
    file_clean: bool  # the WAL was checkpointed completely (no other reader held it)


# ---- the confirmation -------------------------------------------------------------------


def _person(session: Session, person_id: uuid.UUID) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFoundError(_("No such person."))
    return person


def _family(session: Session, family_id: uuid.UUID) -> Family:
    family = session.get(Family, family_id)
    if family is None or family.deleted_at is not None:
        raise NotFoundError(_("No such family."))
    return family


def _families_of(session: Session, family: Family) -> list[Family]:
    """The family and every family merged into it (they hold its older details)."""
    found, todo = [family], [family.id]
    while todo:
        merged = list(session.scalars(select(Family).where(Family.merged_into_id.in_(todo))))
        merged = [f for f in merged if f not in found]
        found += merged
        todo = [f.id for f in merged]
    return found


def _members(session: Session, families: list[Family]) -> list[Person]:
    """Every member, tombstoned ones too: a deleted row still holds the name."""
    ids = [f.id for f in families]
    return list(session.scalars(select(Person).where(Person.family_id.in_(ids))))


@needs(Permission.ERASURE)
def person_preview(db: Database, person_id: uuid.UUID) -> ErasurePreview:
    with db.read() as session:
        person = _person(session, person_id)
        family = session.get(Family, person.family_id) if person.family_id else None
        return ErasurePreview(family.code if family else None, (person.full_name,))


@needs(Permission.ERASURE)
def family_preview(db: Database, family_id: uuid.UUID) -> ErasurePreview:
    with db.read() as session:
        family = _family(session, family_id)
        people = _members(session, _families_of(session, family))
        names = tuple(p.full_name for p in people if p.deleted_at is None)
        return ErasurePreview(family.code, names)


# ---- the erasure ------------------------------------------------------------------------


def _counted_days(session: Session, person_id: uuid.UUID) -> list[dt.date]:
    """Every day the person was counted on: visits, attendance, loans, enrolments, papers."""
    moments = [
        *session.scalars(
            select(Visit.checked_in_at)
            .join(VisitPerson, VisitPerson.visit_id == Visit.id)
            .where(VisitPerson.person_id == person_id)
        ),
        *session.scalars(
            select(Meeting.starts_at)
            .join(Attendance, Attendance.session_id == Meeting.id)
            .where(Attendance.person_id == person_id)
        ),
    ]
    days: list[dt.date] = [m.date() for m in moments]
    for query in (
        select(Loan.lent_on).where(Loan.person_id == person_id),
        select(Enrolment.enrolled_on).where(Enrolment.person_id == person_id),
        select(Consent.given_on).where(Consent.person_id == person_id),
        select(Referral.issued_on).where(Referral.person_id == person_id),
    ):
        days += [d for d in session.scalars(query) if d is not None]
    return days


def _empty(rows: Iterable[Any], fields: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Empty the texts of ``rows``; their ids → the fields whose old values must go."""
    touched = {}
    for row in rows:
        for name in fields:
            if getattr(row, name):
                setattr(row, name, "")
        touched[str(row.id)] = fields
    return touched


def _erase_person(
    session: Session, person: Person, today: dt.date
) -> dict[str, tuple[str, ...] | None]:
    """Anonymise one person and the texts about them; entity id → fields to scrub
    (``None``: every field)."""
    days = _counted_days(session, person.id)
    person.birth_date = erased_birth_date(person.birth_date, days, today)
    person.first_name = _(ERASED_NAME)
    person.middle_name = person.last_name = person.phone = person.notes = ""
    person.egn = None
    scrub: dict[str, tuple[str, ...] | None] = {str(person.id): None}
    pid = person.id
    scrub.update(_empty(session.scalars(select(Consent).where(Consent.person_id == pid)),
                        _CONSENT_TEXTS))
    scrub.update(_empty(session.scalars(select(Referral).where(Referral.person_id == pid)),
                        _REFERRAL_TEXTS))
    scrub.update(_empty(session.scalars(select(Attendance).where(Attendance.person_id == pid)),
                        _NOTE))
    scrub.update(_empty(session.scalars(select(Loan).where(Loan.person_id == pid)), _NOTE))
    with_them = select(VisitPerson.visit_id).where(VisitPerson.person_id == pid)
    scrub.update(_empty(session.scalars(select(Visit).where(Visit.id.in_(with_them))), _NOTES))
    return scrub


def _erase_family_texts(session: Session, family: Family) -> dict[str, tuple[str, ...] | None]:
    fid = family.id
    scrub: dict[str, tuple[str, ...] | None] = {}
    scrub.update(_empty([family], _FAMILY_TEXTS))
    if family.archived_at is None:
        family.archived_at = utcnow()
    scrub.update(_empty(session.scalars(select(Visit).where(Visit.family_id == fid)), _NOTES))
    loans = list(session.scalars(select(Loan).where(Loan.family_id == fid)))
    scrub.update(_empty(loans, _NOTE))
    reminders = select(LoanReminder).where(LoanReminder.loan_id.in_([loan.id for loan in loans]))
    scrub.update(_empty(session.scalars(reminders), _NOTE))
    scrub.update(_empty(session.scalars(select(Consent).where(Consent.family_id == fid)),
                        _CONSENT_TEXTS))
    scrub.update(_empty(session.scalars(select(Referral).where(Referral.family_id == fid)),
                        _REFERRAL_TEXTS))
    return scrub


def _scrub_audit(session: Session, scrub: dict[str, tuple[str, ...] | None]) -> None:
    """Earlier events of the erased records lose the values erased (they travel again with
    a newer stamp, so consolidated copies lose them too)."""
    now = utcnow()
    ids = list(scrub)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for event in session.scalars(select(AuditEvent).where(AuditEvent.entity_id.in_(chunk))):
            fields = scrub[event.entity_id]
            old = event.fields or {}
            kept = {} if fields is None else {k: v for k, v in old.items() if k not in fields}
            if kept != old:
                event.fields = kept
                event.updated_at = now


def _record_erasure(session: Session, actor: Actor, action: str, entity: str,
                    entity_id: uuid.UUID, house_id: uuid.UUID, people: int) -> None:
    """„Erased by X at T on request“: who and when, no data."""
    session.add(
        AuditEvent(
            house_id=house_id,
            user_id=actor.user_id,
            at=utcnow(),
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            operation=ERASE_OPERATION,
            fields={"on_request": True, "people": people},
        )
    )


def _erase(db: Database, actor: Actor, action: str, family_id: uuid.UUID | None,
           person_id: uuid.UUID | None) -> ErasureResult:
    with db.unit(actor, action) as uow:
        session = uow.session
        if person_id is not None:
            person = _person(session, person_id)
            family = session.get(Family, person.family_id) if person.family_id else None
            people, scrub = [person], _erase_person(session, person, uow.clock.today())
            entity, entity_id, house_id = "people", person.id, person.house_id
        else:
            assert family_id is not None
            family = _family(session, family_id)
            families = _families_of(session, family)
            people = _members(session, families)
            scrub = {}
            for one in families:
                scrub.update(_erase_family_texts(session, one))
            for member in people:
                scrub.update(_erase_person(session, member, uow.clock.today()))
            entity, entity_id, house_id = "families", family.id, family.house_id
        session.flush()  # the erasure's own events are written with the anonymised values
        _scrub_audit(session, scrub)
        _record_erasure(session, actor, action, entity, entity_id, house_id, len(people))
        code = family.code if family else None
        uow.commit()
    at = utcnow()
    return ErasureResult(code, len(people), at, wipe_free_space(db.engine))


@guarded(Permission.ERASURE)
def erase_person(db: Database, actor: Actor, person_id: uuid.UUID) -> ErasureResult:
    """Erase one person's identifying data (administrators only); cannot be undone."""
    return _erase(db, actor, "erase_person", None, person_id)


@guarded(Permission.ERASURE)
def erase_family(db: Database, actor: Actor, family_id: uuid.UUID) -> ErasureResult:
    """Erase a family's and all its members' identifying data (administrators only)."""
    return _erase(db, actor, "erase_family", family_id, None)
