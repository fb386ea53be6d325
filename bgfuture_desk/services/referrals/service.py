"""Referrals (насочвания): a person or family sent to an institution, and what came of it.

A referral gets the house's running number of its year (KRN-N-2026-0012) when it is made.
It can be corrected while it is still "issued"; then its status follows the feedback that
comes back (visited, did not attend, closed). One made by mistake is cancelled (tombstoned)
and can be brought back; its number is never given to another slip. The institutions are an
editable list: a new school is added, one no longer used is made inactive.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import Family, House, Institution, Person, Referral, Specialist
from bgfuture_desk.domain.houses import referral_number
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.phones import normalise_phone
from bgfuture_desk.domain.vocab import ReferralStatus, Urgency
from bgfuture_desk.errors import NotFoundError, UserError, ValidationError
from bgfuture_desk.i18n import N_, _, format_date
from bgfuture_desk.services.house.settings import get_int
from bgfuture_desk.services.toys.loans import families_by_id
from bgfuture_desk.services.unit import Actor, Database, clock_of, guarded, needs

INSTITUTION_KINDS = ("social", "health", "education", "employment", "other")
_KIND_LABELS = {
    "social": N_("social services"),
    "health": N_("health care"),
    "education": N_("education"),
    "employment": N_("employment"),
    "other": N_("other institution"),
}


def institution_kind_label(kind: str) -> str:
    return _(_KIND_LABELS.get(kind, _KIND_LABELS["other"]))


def institution_kind_choices() -> list[tuple[str, str]]:
    return [(kind, institution_kind_label(kind)) for kind in INSTITUTION_KINDS]


# ---- institutions ----


@dataclass(frozen=True)
class InstitutionView:
    id: uuid.UUID
    name: str
    kind: str
    kind_label: str
    address: str
    phone: str
    active: bool
    referral_count: int


def _referral_counts(session: Session) -> dict[uuid.UUID, int]:
    query = (
        select(Referral.institution_id, func.count())
        .where(Referral.deleted_at.is_(None))
        .group_by(Referral.institution_id)
    )
    return {institution_id: count for institution_id, count in session.execute(query)}


def _institution_view(institution: Institution, count: int) -> InstitutionView:
    return InstitutionView(
        id=institution.id,
        name=institution.name,
        kind=institution.kind,
        kind_label=institution_kind_label(institution.kind),
        address=institution.address,
        phone=institution.phone,
        active=institution.active,
        referral_count=count,
    )


@needs(Permission.DOCUMENTS)
def list_institutions(db: Database, include_inactive: bool = False) -> list[InstitutionView]:
    """The institutions by name; inactive ones only when asked for (the editing screen)."""
    with db.read() as session:
        query = select(Institution).where(Institution.deleted_at.is_(None))
        if not include_inactive:
            query = query.where(Institution.active)
        counts = _referral_counts(session)
        views = [_institution_view(i, counts.get(i.id, 0)) for i in session.scalars(query)]
    return sorted(views, key=lambda v: (not v.active, v.name.casefold()))


def _institution_errors(
    session: Session, institution_id: uuid.UUID | None, name: str, kind: str, phone: str
) -> dict[str, str]:
    errors = {}
    if not name:
        errors["name"] = _("Enter the name of the institution.")
    else:
        query = select(Institution).where(Institution.deleted_at.is_(None))
        taken = any(
            i.name.casefold() == name.casefold() and i.id != institution_id
            for i in session.scalars(query)
        )  # in Python: SQLite's lower() knows no Cyrillic
        if taken:
            errors["name"] = _("There is already an institution named „{name}“.").format(name=name)
    if kind not in INSTITUTION_KINDS:
        errors["kind"] = _("Choose the kind of the institution.")
    try:
        normalise_phone(phone)
    except ValueError as err:
        errors["phone"] = str(err)
    return errors


@guarded(Permission.DOCUMENTS)
def save_institution(
    db: Database,
    actor: Actor,
    institution_id: uuid.UUID | None,
    *,
    name: str,
    kind: str,
    address: str = "",
    phone: str = "",
    active: bool = True,
) -> InstitutionView:
    """Add an institution (``institution_id`` None) or change one; the name is unique."""
    name, address, phone = " ".join(name.split()), address.strip(), phone.strip()
    with db.unit(actor, "save_institution") as uow:
        session = uow.session
        errors = _institution_errors(session, institution_id, name, kind, phone)
        if errors:
            raise ValidationError(errors)
        if institution_id is None:
            institution = Institution(house_id=uow.house().id)
            session.add(institution)
        else:
            institution = _live_institution(session, institution_id)
        institution.name, institution.kind = name, kind
        institution.address, institution.phone = address, normalise_phone(phone)
        institution.active = active
        session.flush()
        view = _institution_view(institution, _referral_counts(session).get(institution.id, 0))
        uow.commit()
    return view


def _live_institution(session: Session, institution_id: uuid.UUID) -> Institution:
    institution = session.get(Institution, institution_id)
    if institution is None or institution.deleted_at is not None:
        raise NotFoundError(_("No such institution."))
    return institution


# ---- referrals ----


@dataclass(frozen=True)
class ReferralInput:
    person_id: uuid.UUID | None
    family_id: uuid.UUID | None
    institution_id: uuid.UUID | None
    specialist_id: uuid.UUID | None
    reason: str
    urgency: str
    steps_taken: str
    consent_to_share: bool
    issued_on: dt.date


@dataclass(frozen=True)
class ReferralView:
    id: uuid.UUID
    number: str
    person_id: uuid.UUID | None
    person_name: str
    family_id: uuid.UUID | None
    family_code: str
    family_title: str
    institution_id: uuid.UUID
    institution: str
    specialist_id: uuid.UUID | None
    specialist_name: str
    reason: str
    urgency: str
    urgency_label: str
    steps_taken: str
    consent_to_share: bool
    issued_on: dt.date
    status: str
    status_label: str
    status_on: dt.date | None
    outcome: str
    waiting_days: int | None  # days since the issue while the referral is still issued

    @property
    def who(self) -> str:
        """The person's name, or the family's title for a referral of the whole family."""
        return self.person_name or self.family_title


def _views(session: Session, rows: list[Referral], on: dt.date | None = None) -> list[ReferralView]:
    day = on or clock_of(session).today()
    people = {
        p.id: p
        for p in session.scalars(
            select(Person).where(Person.id.in_({r.person_id for r in rows if r.person_id}))
        )
    }
    families = families_by_id(session, {r.family_id for r in rows if r.family_id})
    institutions = {
        i.id: i.name
        for i in session.scalars(
            select(Institution).where(Institution.id.in_({r.institution_id for r in rows}))
        )
    }
    specialists = {
        s.id: s.full_name
        for s in session.scalars(
            select(Specialist).where(
                Specialist.id.in_({r.specialist_id for r in rows if r.specialist_id})
            )
        )
    }
    views = []
    for r in rows:
        person = people.get(r.person_id) if r.person_id else None
        family = families.get(r.family_id) if r.family_id else None
        issued = r.status == ReferralStatus.ISSUED
        views.append(
            ReferralView(
                id=r.id,
                number=r.number,
                person_id=r.person_id,
                person_name=person.full_name if person else "",
                family_id=r.family_id,
                family_code=family.code if family else "",
                family_title=family.title if family else "",
                institution_id=r.institution_id,
                institution=institutions.get(r.institution_id, ""),
                specialist_id=r.specialist_id,
                specialist_name=specialists.get(r.specialist_id, "") if r.specialist_id else "",
                reason=r.reason,
                urgency=r.urgency,
                urgency_label=Urgency(r.urgency).label,
                steps_taken=r.steps_taken,
                consent_to_share=r.consent_to_share,
                issued_on=r.issued_on,
                status=r.status,
                status_label=ReferralStatus(r.status).label,
                status_on=r.status_on,
                outcome=r.outcome,
                waiting_days=max(0, (day - r.issued_on).days) if issued else None,
            )
        )
    return views


def _live_referral(session: Session, referral_id: uuid.UUID) -> Referral:
    referral = session.get(Referral, referral_id)
    if referral is None or referral.deleted_at is not None:
        raise NotFoundError(_("No such referral."))
    return referral


def _next_number(session: Session, house: House, year: int) -> str:
    """The next number of the year, after every number the house ever gave (cancelled too)."""
    pattern = re.compile(rf"^{re.escape(house.prefix)}-N-{year}-(\d+)$")
    query = select(Referral.number).where(
        Referral.house_id == house.id, Referral.number.like(f"{house.prefix}-N-{year}-%")
    )
    last = max((int(m[1]) for n in session.scalars(query) if (m := pattern.match(n))), default=0)
    return referral_number(house.prefix, year, last + 1)


def _who(
    session: Session, data: ReferralInput, errors: dict[str, str]
) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """(person id, family id): a person implies their family; a family alone is the family."""
    family_id = data.family_id
    if data.person_id is not None:
        person = session.get(Person, data.person_id)
        if person is None or person.deleted_at is not None:
            errors["person"] = _("The chosen person is no longer in the registry.")
            return None, None
        if family_id is not None and person.family_id not in (None, family_id):
            errors["person"] = _("The chosen person is not a member of the chosen family.")
        return person.id, person.family_id
    if family_id is None:
        errors["person"] = _("Choose the person or the family you refer.")
        return None, None
    family = session.get(Family, family_id)
    if family is None or family.deleted_at is not None:
        errors["person"] = _("The chosen family is no longer in the registry.")
    return None, family_id


def _checked(
    session: Session, data: ReferralInput, current: Referral | None
) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    errors: dict[str, str] = {}
    person_id, family_id = _who(session, data, errors)
    institution = session.get(Institution, data.institution_id) if data.institution_id else None
    if institution is None or institution.deleted_at is not None:
        errors["institution"] = _("Choose the institution you refer to.")
    elif not institution.active and (current is None or current.institution_id != institution.id):
        errors["institution"] = _(
            "The institution „{name}“ is no longer in use; choose another one."
        ).format(name=institution.name)
    if data.specialist_id is not None:
        specialist = session.get(Specialist, data.specialist_id)
        if specialist is None or specialist.deleted_at is not None:
            errors["specialist"] = _("The chosen specialist is no longer on the team.")
    if not data.reason.strip():
        errors["reason"] = _("Write the reason for the referral.")
    if data.urgency not in {u.value for u in Urgency}:
        errors["urgency"] = _("Choose how urgent the referral is.")
    if data.issued_on > clock_of(session).today():
        errors["issued_on"] = _("The date of the referral cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    return person_id, family_id


def _apply(
    referral: Referral,
    data: ReferralInput,
    person_id: uuid.UUID | None,
    family_id: uuid.UUID | None,
) -> None:
    referral.person_id, referral.family_id = person_id, family_id
    referral.institution_id = data.institution_id  # type: ignore[assignment]
    referral.specialist_id = data.specialist_id
    referral.reason, referral.steps_taken = data.reason.strip(), data.steps_taken.strip()
    referral.urgency, referral.consent_to_share = data.urgency, data.consent_to_share
    referral.issued_on = data.issued_on


@guarded(Permission.DOCUMENTS)
def create_referral(db: Database, actor: Actor, data: ReferralInput) -> ReferralView:
    """A new slip with the next number of its year."""
    with db.unit(actor, "create_referral") as uow:
        session = uow.session
        person_id, family_id = _checked(session, data, None)
        house = uow.house()
        referral = Referral(
            house_id=house.id,
            number=_next_number(session, house, data.issued_on.year),
            status=ReferralStatus.ISSUED,
        )
        _apply(referral, data, person_id, family_id)
        session.add(referral)
        session.flush()
        view = _views(session, [referral])[0]
        uow.commit()
    return view


@guarded(Permission.DOCUMENTS)
def update_referral(
    db: Database, actor: Actor, referral_id: uuid.UUID, data: ReferralInput
) -> ReferralView:
    """Correct a slip that has had no feedback yet; moved to another year, it is renumbered."""
    with db.unit(actor, "update_referral") as uow:
        session = uow.session
        referral = _live_referral(session, referral_id)
        if referral.status != ReferralStatus.ISSUED:
            raise UserError(
                _(
                    "The referral {number} already has feedback ({status}); set it back to "
                    "issued before correcting it."
                ).format(number=referral.number, status=ReferralStatus(referral.status).label)
            )
        person_id, family_id = _checked(session, data, referral)
        if data.issued_on.year != referral.issued_on.year:
            referral.number = _next_number(session, uow.house(), data.issued_on.year)
        _apply(referral, data, person_id, family_id)
        session.flush()
        view = _views(session, [referral])[0]
        uow.commit()
    return view


@guarded(Permission.DOCUMENTS)
def set_referral_status(
    db: Database,
    actor: Actor,
    referral_id: uuid.UUID,
    status: str,
    on: dt.date | None,
    outcome: str = "",
) -> ReferralView:
    """Record the feedback (visited, did not attend, closed) with its date and outcome;
    back to "issued" forgets them."""
    if status not in {s.value for s in ReferralStatus}:
        raise ValidationError({"status": _("Choose the status of the referral.")})
    with db.unit(actor, "set_referral_status") as uow:
        session = uow.session
        referral = _live_referral(session, referral_id)
        if status == ReferralStatus.ISSUED:
            referral.status, referral.status_on, referral.outcome = status, None, ""
        else:
            if on is None:
                raise ValidationError({"status_on": _("Enter the date of the feedback.")})
            if on < referral.issued_on:
                raise ValidationError(
                    {
                        "status_on": _(
                            "The date of the feedback cannot be before the referral ({date})."
                        ).format(date=format_date(referral.issued_on))
                    }
                )
            if on > uow.clock.today():
                raise ValidationError(
                    {"status_on": _("The date of the feedback cannot be in the future.")}
                )
            referral.status, referral.status_on = status, on
            referral.outcome = outcome.strip()
        session.flush()
        view = _views(session, [referral])[0]
        uow.commit()
    return view


@guarded(Permission.DOCUMENTS)
def cancel_referral(db: Database, actor: Actor, referral_id: uuid.UUID) -> None:
    """A referral made by mistake: tombstoned; its number is not given again."""
    with db.unit(actor, "cancel_referral") as uow:
        uow.tombstone(_live_referral(uow.session, referral_id))
        uow.commit()


@guarded(Permission.DOCUMENTS)
def restore_referral(db: Database, actor: Actor, referral_id: uuid.UUID) -> ReferralView:
    """Undo a cancel."""
    with db.unit(actor, "restore_referral") as uow:
        session = uow.session
        referral = session.get(Referral, referral_id)
        if referral is None:
            raise NotFoundError(_("No such referral."))
        if referral.deleted_at is None:
            raise UserError(_("This referral is not cancelled."))
        referral.deleted_at = None
        session.flush()
        view = _views(session, [referral])[0]
        uow.commit()
    return view


@needs(Permission.DOCUMENTS)
def get_referral(db: Database, referral_id: uuid.UUID) -> ReferralView:
    with db.read() as session:
        return _views(session, [_live_referral(session, referral_id)])[0]


@needs(Permission.DOCUMENTS)
def list_referrals(
    db: Database,
    *,
    status: str | None = None,
    family_id: uuid.UUID | None = None,
    person_id: uuid.UUID | None = None,
) -> list[ReferralView]:
    """Live referrals, the newest first."""
    query = select(Referral).where(Referral.deleted_at.is_(None))
    if status is not None:
        query = query.where(Referral.status == status)
    if family_id is not None:
        query = query.where(Referral.family_id == family_id)
    if person_id is not None:
        query = query.where(Referral.person_id == person_id)
    query = query.order_by(Referral.issued_on.desc(), Referral.number.desc())
    with db.read() as session:
        return _views(session, list(session.scalars(query)))


@needs(Permission.DOCUMENTS)
def referrals_waiting(db: Database, today: dt.date | None = None) -> list[ReferralView]:
    """Issued referrals with no feedback for longer than the follow-up setting, oldest first."""
    day = today or db.clock.today()
    with db.read() as session:
        days = get_int(session, "referral_follow_up_days")
        query = (
            select(Referral)
            .where(
                Referral.deleted_at.is_(None),
                Referral.status == ReferralStatus.ISSUED,
                Referral.issued_on < day - dt.timedelta(days=days),
            )
            .order_by(Referral.issued_on, Referral.number)
        )
        return _views(session, list(session.scalars(query)), day)


@dataclass(frozen=True)
class ReferralListRow:
    """One referral as the command line lists it."""

    id: uuid.UUID
    number: str
    person_id: uuid.UUID | None
    family_code: str
    institution: str
    issued_on: dt.date
    status: str


@needs(Permission.DOCUMENTS)
def list_referral_rows(db: Database) -> list[ReferralListRow]:
    """Every live referral, in number order."""
    rows = [
        ReferralListRow(
            v.id, v.number, v.person_id, v.family_code, v.institution, v.issued_on, v.status
        )
        for v in list_referrals(db)
    ]
    return sorted(rows, key=lambda r: (r.issued_on.year, r.number))
