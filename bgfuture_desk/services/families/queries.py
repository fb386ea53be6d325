"""The registry's read side: families and people as plain views for the screens.

Phones in the views are canonical ("0888123456"); screens show them through
``domain.phones.format_phone``.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import Family, Person
from bgfuture_desk.domain import families as family_rules
from bgfuture_desk.domain.houses import family_code
from bgfuture_desk.domain.names import transliterate
from bgfuture_desk.domain.people import age_years, is_child
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.vocab import PersonRole, Sex
from bgfuture_desk.errors import NotFoundError, UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.unit import Database, clock_of, needs

_CODE = re.compile(r"([A-Z]{2,4})-?0*([0-9]{1,6})")


@dataclass(frozen=True)
class PersonView:
    id: uuid.UUID
    family_id: uuid.UUID | None
    family_code: str | None
    role: str
    first_name: str
    middle_name: str
    last_name: str
    full_name: str
    birth_date: dt.date | None
    age_years: int | None
    sex: str | None
    egn: str | None
    phone: str
    expected_birth: dt.date | None
    notes: str
    is_child: bool  # domain.people.is_child today

    @property
    def role_label(self) -> str:
        return PersonRole(self.role).label

    @property
    def sex_label(self) -> str:
        return Sex(self.sex).label if self.sex else ""


@dataclass(frozen=True)
class FamilyView:
    id: uuid.UUID
    code: str
    settlement: str
    address: str
    phone: str
    phone2: str
    notes: str
    archived: bool
    borrowing_blocked: bool
    members: tuple[PersonView, ...]
    merged_into_id: uuid.UUID | None = None  # set when this family was merged into another
    merged_into_code: str | None = None

    @property
    def surname(self) -> str:
        """„Иванови“: the family name as Bulgarians say it, from the adults' last names."""
        adults = [m.last_name for m in self.members if not m.is_child]
        return family_rules.surname_of(adults, (m.last_name for m in self.members))

    @property
    def title(self) -> str:
        """„KRN-0042 · Иванови · гр. Крън“ — how the family is named in lists and headings."""
        return family_rules.title(self.code, self.surname, self.settlement)

    @property
    def contact_phone(self) -> str:
        """The number to call, as stored: the family's, else the first adult's."""
        adults = (m.phone for m in self.members if not m.is_child)
        return family_rules.contact_phone_of((self.phone, self.phone2), adults)


def person_view(person: Person, code: str | None, today: dt.date) -> PersonView:
    age = age_years(person.birth_date, today)
    return PersonView(
        id=person.id,
        family_id=person.family_id,
        family_code=code,
        role=person.role,
        first_name=person.first_name,
        middle_name=person.middle_name,
        last_name=person.last_name,
        full_name=person.full_name,
        birth_date=person.birth_date,
        age_years=age,
        sex=person.sex,
        egn=person.egn,
        phone=person.phone,
        expected_birth=person.expected_birth,
        notes=person.notes,
        is_child=is_child(person.role, person.birth_date, today),
    )


def _member_order(view: PersonView) -> tuple[bool, dt.date, str]:
    """Adults first, then children; the older first within each."""
    return (view.is_child, view.birth_date or dt.date.max, view.first_name)


def live_members(session: Session, family_id: uuid.UUID) -> list[Person]:
    query = select(Person).where(Person.family_id == family_id, Person.deleted_at.is_(None))
    return list(session.scalars(query))


def family_view(session: Session, family: Family, today: dt.date | None = None) -> FamilyView:
    today = today or clock_of(session).today()
    members = sorted(
        (person_view(p, family.code, today) for p in live_members(session, family.id)),
        key=_member_order,
    )
    merged = session.get(Family, family.merged_into_id) if family.merged_into_id else None
    return FamilyView(
        id=family.id,
        code=family.code,
        settlement=family.settlement,
        address=family.address,
        phone=family.phone,
        phone2=family.phone2,
        notes=family.notes,
        archived=family.archived_at is not None,
        borrowing_blocked=family.borrowing_blocked,
        members=tuple(members),
        merged_into_id=family.merged_into_id,
        merged_into_code=merged.code if merged else None,
    )


def live_family(session: Session, family_id: uuid.UUID) -> Family:
    family = session.get(Family, family_id)
    if family is None or family.deleted_at is not None:
        raise NotFoundError(_("No such family."))
    return family


def working_family(session: Session, family_id: uuid.UUID) -> Family:
    """A live family that was not merged into another: the only kind a visit, a loan or a
    change can be recorded for (a merged family's card leads to the one it joined)."""
    family = live_family(session, family_id)
    if family.merged_into_id is not None:
        target = session.get(Family, family.merged_into_id)
        raise UserError(
            _("This family was merged into {code}.").format(code=target.code if target else "")
        )
    return family


def live_person(session: Session, person_id: uuid.UUID) -> Person:
    person = session.get(Person, person_id)
    if person is None or person.deleted_at is not None:
        raise NotFoundError(_("No such person."))
    return person


def resolve_merged(session: Session, family: Family) -> Family:
    """The family a merged one lives on in (following merges of merges)."""
    seen = {family.id}
    while family.merged_into_id is not None and family.merged_into_id not in seen:
        target = session.get(Family, family.merged_into_id)
        if target is None or target.deleted_at is not None:
            break
        seen.add(target.id)
        family = target
    return family


def canonical_family_code(text: str) -> str | None:
    """ "krn-42", "KRN0042", " KRN-0042 " → "KRN-0042"; Cyrillic letters typed on a
    Bulgarian keyboard ("КРН-0042") too. None when it is not a family code."""
    compact = re.sub(r"\s+", "", transliterate(text.strip())).upper()
    match = _CODE.fullmatch(compact)
    if not match:
        return None
    return family_code(match.group(1), int(match.group(2)))


@needs(Permission.DESK)
def get_family(db: Database, family_id: uuid.UUID) -> FamilyView:
    with db.read() as session:
        return family_view(session, live_family(session, family_id))


@needs(Permission.DESK)
def family_by_code(db: Database, code: str) -> FamilyView:
    """The family printed on a card; a merged family's code leads to the one it joined."""
    wanted = canonical_family_code(code)
    with db.read() as session:
        family = None
        if wanted is not None:
            query = select(Family).where(Family.code == wanted, Family.deleted_at.is_(None))
            family = session.scalars(query).first()
        if family is None:
            raise NotFoundError(
                _("There is no family with the code {code}.").format(code=code.strip())
            )
        return family_view(session, resolve_merged(session, family))


@needs(Permission.DESK)
def get_person(db: Database, person_id: uuid.UUID) -> PersonView:
    with db.read() as session:
        person = live_person(session, person_id)
        family = session.get(Family, person.family_id) if person.family_id else None
        return person_view(person, family.code if family else None, db.clock.today())
