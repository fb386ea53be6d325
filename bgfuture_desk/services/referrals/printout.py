"""The referral slip's data: gathered from the referral, the house and the team, then printed."""

from __future__ import annotations

import uuid

from bgfuture_desk.db.models import Institution, Person, Specialist
from bgfuture_desk.documents.referral_slip import ReferralSlipData, referral_slip_pdf
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.phones import format_phone
from bgfuture_desk.domain.vocab import SpecialistKind, Urgency
from bgfuture_desk.errors import NotFoundError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.printouts.printing import house_header
from bgfuture_desk.services.referrals.service import get_referral
from bgfuture_desk.services.toys.loans import families_by_id
from bgfuture_desk.services.unit import Database, needs


def referral_key(referral_id: uuid.UUID | str) -> uuid.UUID:
    """A referral id as typed; a Bulgarian „not found“ for anything that is not one."""
    if isinstance(referral_id, uuid.UUID):
        return referral_id
    try:
        return uuid.UUID(str(referral_id).strip())
    except ValueError:
        raise NotFoundError(
            _("There is no referral with the id {id}.").format(id=str(referral_id).strip())
        ) from None


def _contact(address: str, phone: str) -> str:
    phone_text = _("phone {phone}").format(phone=format_phone(phone)) if phone else ""
    return " · ".join(p for p in (address, phone_text) if p)


@needs(Permission.DOCUMENTS)
def referral_slip_data(db: Database, referral_id: uuid.UUID | str) -> ReferralSlipData:
    key = referral_key(referral_id)
    try:
        referral = get_referral(db, key)
    except NotFoundError:
        raise NotFoundError(
            _("There is no referral with the id {id}.").format(id=str(referral_id).strip())
        ) from None
    house = house_header(db)
    with db.read() as session:
        person = session.get(Person, referral.person_id) if referral.person_id else None
        institution = session.get(Institution, referral.institution_id)
        specialist = (
            session.get(Specialist, referral.specialist_id) if referral.specialist_id else None
        )
        families = families_by_id(session, {referral.family_id} if referral.family_id else set())
    family = families.get(referral.family_id) if referral.family_id else None
    referrer = ""
    phone = house.phone
    if specialist is not None:
        referrer = f"{specialist.full_name}, {SpecialistKind(specialist.kind).label}"
        phone = format_phone(specialist.phone) if specialist.phone else house.phone
    surname = family.surname if family else ""
    family_name = _("Family {surname}").format(surname=surname) if surname else _("Family")
    return ReferralSlipData(
        number=referral.number,
        issued_on=referral.issued_on,
        specialist=referrer,
        phone=phone,
        institution=referral.institution,
        institution_contact=_contact(institution.address, institution.phone) if institution else "",
        person=person.full_name if person else family_name,
        birth_date=person.birth_date if person else None,
        family_code=referral.family_code,
        settlement=family.settlement if family else "",
        reason=referral.reason,
        urgency=referral.urgency,
        urgencies=tuple(Urgency.choices()),
        steps_taken=referral.steps_taken,
        consent_to_share=referral.consent_to_share,
        return_to=", ".join(p for p in (house.name, house.contact_line()) if p),
        for_family=person is None,
    )


@needs(Permission.DOCUMENTS)
def referral_slip(db: Database, referral_id: uuid.UUID | str) -> bytes:
    """The slip of one referral as PDF bytes (one A4 page)."""
    return referral_slip_pdf(referral_slip_data(db, referral_id), house_header(db))
