"""The family registry: register, edit, move, merge and archive families and people.

Each function is one user action in one unit of work, so the audit trail names it
(``create_family``, ``add_person``, ``merge_families`` …). The forms and their checks live in
``registry_forms``, the read side in ``registry_queries``, the duplicate guard in
``registry_duplicates``; everything the screens need is importable from here.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import (
    Consent,
    Family,
    House,
    Loan,
    Person,
    Referral,
    Reservation,
    Visit,
    utcnow,
)
from bgfuture_desk.domain.egn import EgnInfo
from bgfuture_desk.domain.houses import code_number, family_code
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.families.duplicates import (
    DuplicateCandidate,
    DuplicatesFound,
    duplicates_in,
    find_duplicates,
)
from bgfuture_desk.services.families.forms import (
    FamilyInput,
    InvalidForm,
    PersonInput,
    clean_family,
    clean_person,
    egn_facts,
    validate_family,
    validate_person,
)
from bgfuture_desk.services.families.queries import (
    FamilyView,
    PersonView,
    canonical_family_code,
    family_by_code,
    family_view,
    get_family,
    get_person,
    live_family,
    live_person,
    person_view,
    working_family,
)
from bgfuture_desk.services.unit import Actor, Database, guarded

__all__ = [
    "DuplicateCandidate",
    "DuplicatesFound",
    "EgnInfo",
    "FamilyInput",
    "FamilyView",
    "InvalidForm",
    "PersonInput",
    "PersonView",
    "add_person",
    "archive_family",
    "canonical_family_code",
    "create_family",
    "egn_facts",
    "family_by_code",
    "find_duplicates",
    "get_family",
    "get_person",
    "merge_families",
    "move_person",
    "unarchive_family",
    "update_family",
    "update_person",
    "validate_family",
    "validate_person",
]

# Records that belong to a family and follow it when two families are merged.
_FamilyRecord = TypeVar("_FamilyRecord", Person, Visit, Loan, Reservation, Consent, Referral)


def _move_records(
    session: Session, model: type[_FamilyRecord], gone: uuid.UUID, keep: uuid.UUID
) -> None:
    for row in session.scalars(select(model).where(model.family_id == gone)):
        row.family_id = keep


def _next_code(session: Session, house: House) -> str:
    """The house prefix and one more than the highest number it ever gave (never reused)."""
    start = house.prefix + "-"
    codes = session.scalars(select(Family.code).where(Family.house_id == house.id))
    highest = max((code_number(c) for c in codes if c.startswith(start)), default=0)
    return family_code(house.prefix, highest + 1)


def _apply_person(person: Person, data: PersonInput) -> None:
    """Copy a cleaned input onto the record (an ЕГН is stored only when valid)."""
    person.role = data.role
    person.first_name = data.first_name
    person.middle_name = data.middle_name
    person.last_name = data.last_name
    person.birth_date = data.birth_date
    person.sex = data.sex
    person.egn = data.egn or None
    person.phone = data.phone
    person.expected_birth = data.expected_birth
    person.notes = data.notes


def _apply_family(family: Family, data: FamilyInput) -> None:
    family.settlement = data.settlement
    family.address = data.address
    family.phone = data.phone
    family.phone2 = data.phone2
    family.notes = data.notes


def _checked_person(data: PersonInput, today: dt.date) -> PersonInput:
    errors = validate_person(data, today)
    if errors:
        raise InvalidForm(errors, data)
    return clean_person(data, today)


@guarded(Permission.DESK)
def create_family(
    db: Database,
    actor: Actor,
    family: FamilyInput,
    members: list[PersonInput],
    *,
    force: bool = False,
) -> FamilyView:
    """Register a family with its members under the next free code of the house."""
    errors = validate_family(family)
    today = db.clock.today()
    for index, member in enumerate(members):
        errors.update(
            {f"members.{index}.{k}": v for k, v in validate_person(member, today).items()}
        )
    if errors:
        raise InvalidForm(errors, family, tuple(members))
    with db.unit(actor, "create_family") as uow:
        if not force:
            candidates = duplicates_in(uow.session, list(members), family)
            if candidates:
                raise DuplicatesFound(candidates)
        house = uow.house()
        record = Family(house_id=house.id, code=_next_code(uow.session, house))
        _apply_family(record, clean_family(family))
        uow.session.add(record)
        uow.session.flush()
        for member in members:
            person = Person(house_id=house.id, family_id=record.id)
            _apply_person(person, clean_person(member, uow.clock.today()))
            uow.session.add(person)
        uow.session.flush()
        view = family_view(uow.session, record)
        uow.commit()
        return view


@guarded(Permission.DESK)
def update_family(
    db: Database, actor: Actor, family_id: uuid.UUID, family: FamilyInput
) -> FamilyView:
    errors = validate_family(family)
    if errors:
        raise InvalidForm(errors, family)
    with db.unit(actor, "update_family") as uow:
        record = working_family(uow.session, family_id)
        _apply_family(record, clean_family(family))
        uow.session.flush()
        view = family_view(uow.session, record)
        uow.commit()
        return view


@guarded(Permission.DESK)
def add_person(
    db: Database, actor: Actor, family_id: uuid.UUID, person: PersonInput, *, force: bool = False
) -> PersonView:
    """A new member of an existing family, after the duplicate guard."""
    data = _checked_person(person, db.clock.today())
    with db.unit(actor, "add_person") as uow:
        family = working_family(uow.session, family_id)
        if not force:
            candidates = duplicates_in(uow.session, [data], family_id=family.id)
            if candidates:
                raise DuplicatesFound(candidates)
        record = Person(house_id=family.house_id, family_id=family.id)
        _apply_person(record, data)
        uow.session.add(record)
        uow.session.flush()
        view = person_view(record, family.code, uow.clock.today())
        uow.commit()
        return view


@guarded(Permission.DESK)
def update_person(
    db: Database, actor: Actor, person_id: uuid.UUID, person: PersonInput
) -> PersonView:
    data = _checked_person(person, db.clock.today())
    with db.unit(actor, "update_person") as uow:
        record = live_person(uow.session, person_id)
        _apply_person(record, data)
        uow.session.flush()
        family = uow.session.get(Family, record.family_id) if record.family_id else None
        view = person_view(record, family.code if family else None, uow.clock.today())
        uow.commit()
        return view


@guarded(Permission.DESK)
def move_person(
    db: Database, actor: Actor, person_id: uuid.UUID, to_family_id: uuid.UUID
) -> PersonView:
    """A person joins another family (a child goes to live with the grandmother …).

    Their past visits, loans and consents stay with the family they were made in.
    """
    with db.unit(actor, "move_person") as uow:
        person = live_person(uow.session, person_id)
        target = working_family(uow.session, to_family_id)
        if person.family_id == target.id:
            raise UserError(_("The person is already in this family."))
        person.family_id = target.id
        uow.session.flush()
        view = person_view(person, target.code, uow.clock.today())
        uow.commit()
        return view


def _fill_gaps(keep: Family, gone: Family) -> None:
    """What the kept family lacks is taken from the merged one; nothing is overwritten."""
    phones = [p for p in (keep.phone, keep.phone2, gone.phone, gone.phone2) if p]
    phones = list(dict.fromkeys(phones))
    keep.phone = phones[0] if phones else ""
    keep.phone2 = phones[1] if len(phones) > 1 else ""
    keep.address = keep.address or gone.address
    if gone.notes and gone.notes not in keep.notes:
        keep.notes = "\n".join(n for n in (keep.notes, gone.notes) if n)
    keep.borrowing_blocked = keep.borrowing_blocked or gone.borrowing_blocked


@guarded(Permission.DESK)
def merge_families(
    db: Database, actor: Actor, keep_id: uuid.UUID, merge_id: uuid.UUID
) -> FamilyView:
    """Two records of one family become one; the merged code keeps leading to the kept one.

    Members, visits, loans, reservations, consents and referrals move over (tombstoned rows
    too, so history stays whole); the merged family is archived with ``merged_into_id``.
    """
    if keep_id == merge_id:
        raise UserError(_("A family cannot be merged with itself."))
    with db.unit(actor, "merge_families") as uow:
        session = uow.session
        keep = working_family(session, keep_id)
        gone = working_family(session, merge_id)
        # One call per model of _FamilyRecord (a loop would type each as their base).
        _move_records(session, Person, gone.id, keep.id)
        _move_records(session, Visit, gone.id, keep.id)
        _move_records(session, Loan, gone.id, keep.id)
        _move_records(session, Reservation, gone.id, keep.id)
        _move_records(session, Consent, gone.id, keep.id)
        _move_records(session, Referral, gone.id, keep.id)
        # Families merged earlier into the one now going away point straight at the kept one.
        for earlier in session.scalars(select(Family).where(Family.merged_into_id == gone.id)):
            earlier.merged_into_id = keep.id
        _fill_gaps(keep, gone)
        gone.merged_into_id = keep.id
        gone.archived_at = gone.archived_at or utcnow()
        session.flush()
        view = family_view(session, keep)
        uow.commit()
        return view


@guarded(Permission.DESK)
def archive_family(
    db: Database, actor: Actor, family_id: uuid.UUID, archived: bool = True
) -> FamilyView:
    """Archive a family that no longer comes (or bring it back); nothing is deleted."""
    action = "archive_family" if archived else "unarchive_family"
    with db.unit(actor, action) as uow:
        if not archived:
            family = working_family(uow.session, family_id)
            family.archived_at = None
        else:
            family = live_family(uow.session, family_id)
            if family.archived_at is None:
                family.archived_at = utcnow()
        uow.session.flush()
        view = family_view(uow.session, family)
        uow.commit()
        return view


@guarded(Permission.DESK)
def unarchive_family(db: Database, actor: Actor, family_id: uuid.UUID) -> FamilyView:
    return archive_family(db, actor, family_id, archived=False)
