"""The read side of the consents: records as views, a family's state, photo purposes.

The latest record of a person and kind decides: a withdrawn latest record means no consent.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import Consent, Family, Person, User
from bgfuture_desk.domain import families as family_rules
from bgfuture_desk.domain.people import is_child_person as is_child
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.phones import format_phone
from bgfuture_desk.domain.vocab import ConsentKind, ConsentMethod, ConsentState
from bgfuture_desk.errors import NotFoundError
from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services.consents import forms
from bgfuture_desk.services.families.queries import live_person
from bgfuture_desk.services.unit import Database, clock_of, needs

# Short names of the photo purposes, for lists and headers („снимки: уебсайт“).
PHOTO_PURPOSES = {
    "internal": N_("internal use"),
    "print": N_("printed materials"),
    "website": N_("website"),
    "social": N_("social media"),
}


@dataclass(frozen=True)
class ConsentView:
    id: uuid.UUID
    person_id: uuid.UUID
    person_name: str
    family_id: uuid.UUID | None
    family_code: str
    signed_by_id: uuid.UUID | None
    signed_by_name: str
    kind: str
    kind_label: str
    version: int
    purposes: tuple[str, ...]
    purpose_labels: tuple[str, ...]
    method: str
    method_label: str
    witness: str
    given_on: dt.date
    withdrawn_on: dt.date | None
    withdrawn_by: str  # the full name of the user who recorded the withdrawal, or ""

    @property
    def is_valid(self) -> bool:
        return self.withdrawn_on is None


@dataclass(frozen=True)
class FamilyConsentState:
    family_id: uuid.UUID
    family_code: str
    family_title: str
    phone: str
    state: str
    state_label: str
    missing: tuple[str, ...]  # members who never gave a personal-data consent
    withdrawn: tuple[str, ...]  # members whose latest personal-data consent is withdrawn
    photo: dict[uuid.UUID, tuple[str, ...]]  # member → valid photo purposes


@dataclass(frozen=True)
class ConsentListRow:
    id: uuid.UUID
    person_id: uuid.UUID
    kind: str
    version: int
    given_on: dt.date
    withdrawn_on: dt.date | None


# ---- views ----


def _purpose_labels(
    session: Session, rows: Sequence[Consent]
) -> dict[tuple[str, int], dict[str, Any]]:
    wanted = {(c.kind, c.version) for c in rows}
    out: dict[tuple[str, int], dict[str, Any]] = {}
    for kind, version in wanted:
        form = forms.form_row(session, kind, version)
        out[(kind, version)] = dict((form.body or {}).get("purposes") or {}) if form else {}
    return out


def consent_views(session: Session, rows: Sequence[Consent]) -> list[ConsentView]:
    people_ids = {c.person_id for c in rows} | {c.signed_by_id for c in rows if c.signed_by_id}
    people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(people_ids)))}
    family_ids = {p.family_id for p in people.values() if p.family_id}
    family_ids |= {c.family_id for c in rows if c.family_id}
    codes = dict(
        session.execute(select(Family.id, Family.code).where(Family.id.in_(family_ids))).all()
    )
    user_ids = {c.withdrawn_by_user_id for c in rows if c.withdrawn_by_user_id}
    users = dict(
        session.execute(select(User.id, User.full_name).where(User.id.in_(user_ids))).all()
    )
    labels = _purpose_labels(session, rows)
    views = []
    for c in rows:
        person = people.get(c.person_id)
        signer = people.get(c.signed_by_id) if c.signed_by_id else None
        family_id = c.family_id or (person.family_id if person else None)
        texts = labels.get((c.kind, c.version), {})
        views.append(
            ConsentView(
                id=c.id,
                person_id=c.person_id,
                person_name=person.full_name if person else "",
                family_id=family_id,
                family_code=codes.get(family_id, "") if family_id else "",
                signed_by_id=c.signed_by_id,
                signed_by_name=signer.full_name if signer else "",
                kind=c.kind,
                kind_label=ConsentKind(c.kind).label,
                version=c.version,
                purposes=tuple(c.purposes or ()),
                purpose_labels=tuple(texts.get(p, p) for p in c.purposes or ()),
                method=c.method,
                method_label=ConsentMethod(c.method).label,
                witness=c.witness,
                given_on=c.given_on,
                withdrawn_on=c.withdrawn_on,
                withdrawn_by=users.get(c.withdrawn_by_user_id, "")
                if c.withdrawn_by_user_id
                else "",
            )
        )
    return views


def _newest_first(query: Select[Consent]) -> Select[Consent]:
    return query.order_by(Consent.given_on.desc(), Consent.created_at.desc())


# ---- reading ----


def _live_consents(session: Session, *where: ColumnElement[bool]) -> list[Consent]:
    query = select(Consent).where(Consent.deleted_at.is_(None), *where)
    return list(session.scalars(_newest_first(query)))


@needs(Permission.DOCUMENTS)
def person_consents(db: Database, person_id: uuid.UUID) -> list[ConsentView]:
    """A person's consents of every kind, the newest first."""
    with db.read() as session:
        live_person(session, person_id)
        return consent_views(session, _live_consents(session, Consent.person_id == person_id))


def _members(
    session: Session, families: Iterable[uuid.UUID] | Select[uuid.UUID]
) -> dict[uuid.UUID, list[Person]]:
    """Live members by family, adults first; ``families`` is ids or a select of ids (a
    subquery keeps a list of every family clear of SQLite's limit on parameters)."""
    out: dict[uuid.UUID, list[Person]] = {}
    wanted = families if isinstance(families, Select) else set(families)
    query = select(Person).where(Person.family_id.in_(wanted), Person.deleted_at.is_(None))
    for person in session.scalars(query):
        if person.family_id is not None:  # always: the query asks for these families
            out.setdefault(person.family_id, []).append(person)
    day = clock_of(session).today()
    for members in out.values():
        members.sort(key=lambda p: (is_child(p, day), p.birth_date or dt.date.max))
    return out


@needs(Permission.DOCUMENTS)
def family_consents(db: Database, family_id: uuid.UUID) -> list[ConsentView]:
    """The consents of the family's members (as they are now), the newest first."""
    with db.read() as session:
        family = session.get(Family, family_id)
        if family is None or family.deleted_at is not None:
            raise NotFoundError(_("No such family."))
        ids = [p.id for p in _members(session, [family_id]).get(family_id, [])]
        return consent_views(session, _live_consents(session, Consent.person_id.in_(ids)))


def _latest(rows: Iterable[Consent]) -> dict[tuple[uuid.UUID, str], Consent]:
    """The newest record per (person, kind); ``rows`` come newest first."""
    out: dict[tuple[uuid.UUID, str], Consent] = {}
    for row in rows:
        out.setdefault((row.person_id, row.kind), row)
    return out


def _rule_members(members: list[Person]) -> list[family_rules.Member]:
    return [family_rules.Member(m.role, m.birth_date, m.last_name, m.phone) for m in members]


def _phone(family: Family, members: list[Person], today: dt.date) -> str:
    phones = (family.phone, family.phone2)
    number = family_rules.contact_phone(phones, _rule_members(members), today)
    return format_phone(number) if number else ""


def _title(family: Family, members: list[Person], today: dt.date) -> str:
    surname = family_rules.surname(_rule_members(members), today)
    return family_rules.title(family.code, surname, family.settlement)


def _states(
    session: Session, families: Sequence[Family], family_ids: Select[uuid.UUID] | None = None
) -> list[FamilyConsentState]:
    wanted = family_ids if family_ids is not None else [f.id for f in families]
    members = _members(session, wanted)
    today = clock_of(session).today()
    person_ids = select(Person.id).where(
        Person.family_id.in_(wanted), Person.deleted_at.is_(None)
    )
    latest = _latest(_live_consents(session, Consent.person_id.in_(person_ids)))
    out = []
    for family in families:
        people = members.get(family.id, [])
        missing, withdrawn, photo = [], [], {}
        signed_any = False
        for person in people:
            data = latest.get((person.id, ConsentKind.PERSONAL_DATA))
            signed_any |= data is not None
            if data is None:
                missing.append(person.full_name)
            elif data.withdrawn_on is not None:
                withdrawn.append(person.full_name)
            pic = latest.get((person.id, ConsentKind.PHOTO))
            if pic is not None and pic.withdrawn_on is None:
                photo[person.id] = tuple(pic.purposes or ())
        if not signed_any:
            state = ConsentState.MISSING
        elif withdrawn:
            state = ConsentState.WITHDRAWN
        elif not missing:
            state = ConsentState.COMPLETE
        else:
            state = ConsentState.PARTIAL
        out.append(
            FamilyConsentState(
                family_id=family.id,
                family_code=family.code,
                family_title=_title(family, people, today),
                phone=_phone(family, people, today),
                state=state.value,
                state_label=state.label,
                missing=tuple(missing),
                withdrawn=tuple(withdrawn),
                photo=photo,
            )
        )
    return out


@needs(Permission.DOCUMENTS)
def family_consent_state(db: Database, family_id: uuid.UUID) -> FamilyConsentState:
    """Missing, partial, complete or withdrawn: the family's personal-data consents now."""
    with db.read() as session:
        family = session.get(Family, family_id)
        if family is None or family.deleted_at is not None:
            raise NotFoundError(_("No such family."))
        return _states(session, [family])[0]


@needs(Permission.DOCUMENTS)
def families_without_valid_consent(db: Database) -> list[FamilyConsentState]:
    """Every active family whose members have not all a valid consent, by family code."""
    with db.read() as session:
        active = (
            Family.deleted_at.is_(None),
            Family.archived_at.is_(None),
            Family.merged_into_id.is_(None),
        )
        families = list(session.scalars(select(Family).where(*active).order_by(Family.code)))
        states = _states(session, families, select(Family.id).where(*active))
        return [s for s in states if s.state != ConsentState.COMPLETE]


@needs(Permission.DOCUMENTS)
def photo_purposes(db: Database, person_id: uuid.UUID) -> tuple[str, ...]:
    """The purposes of the person's valid photo consent, or () when there is none."""
    with db.read() as session:
        rows = _live_consents(
            session, Consent.person_id == person_id, Consent.kind == ConsentKind.PHOTO
        )
        latest = rows[0] if rows else None
        if latest is None or latest.withdrawn_on is not None:
            return ()
        return tuple(latest.purposes or ())


def photo_text(purposes: Sequence[str]) -> str:
    """„снимки: вътрешна употреба, уебсайт“, or „без съгласие за снимки“."""
    if not purposes:
        return _("no consent to photos")
    names = ", ".join(_(PHOTO_PURPOSES[p]) if p in PHOTO_PURPOSES else p for p in purposes)
    return _("photos: {purposes}").format(purposes=names)


@needs(Permission.DOCUMENTS)
def list_consent_rows(db: Database) -> list[ConsentListRow]:
    """Every recorded consent (withdrawn ones too), oldest first: for the command line."""
    with db.read() as session:
        query = (
            select(Consent)
            .where(Consent.deleted_at.is_(None))
            .order_by(Consent.given_on, Consent.created_at)
        )
        return [
            ConsentListRow(c.id, c.person_id, c.kind, c.version, c.given_on, c.withdrawn_on)
            for c in session.scalars(query)
        ]
