"""The consent forms to sign, pre-filled for a person or a family.

A parent signs for the children: a child's id prints the forms for the family's first adult
(the mother, else a pregnant woman, a guardian, the father, a grandparent, another adult) and
that child; an adult's id for that adult and the family's children; a family for its first
adult and all its children.
"""

from __future__ import annotations

import uuid

from bgfuture_desk.documents.consent_form import ConsentFormData, consent_forms_pdf
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.vocab import ConsentKind, PersonRole
from bgfuture_desk.errors import NotFoundError
from bgfuture_desk.i18n import _, format_date
from bgfuture_desk.services.audit.trail import record_reading
from bgfuture_desk.services.consents import forms
from bgfuture_desk.services.families.queries import (
    FamilyView,
    PersonView,
    family_by_code,
    get_family,
    get_person,
)
from bgfuture_desk.services.printouts.printing import house_header
from bgfuture_desk.services.unit import Database, needs

SIGNER_ROLES = (
    PersonRole.MOTHER,
    PersonRole.PREGNANT,
    PersonRole.GUARDIAN,
    PersonRole.FATHER,
    PersonRole.GRANDPARENT,
    PersonRole.OTHER,
)


def first_adult(family: FamilyView) -> PersonView | None:
    """Who signs for the family's children: the mother first, then the others in turn."""
    adults = [m for m in family.members if not m.is_child]
    rank = {role.value: n for n, role in enumerate(SIGNER_ROLES)}
    return min(adults, key=lambda m: rank.get(m.role, len(rank)), default=None)


def _child_line(child: PersonView) -> str:
    if child.birth_date is None:
        return child.full_name
    return _("{name} (born {date})").format(
        name=child.full_name, date=format_date(child.birth_date)
    )


def _who(db: Database, key: str) -> tuple[PersonView | None, list[PersonView], str]:
    """(the signer, the children, the family code) for a person id or a family id or code."""
    text = key.strip()
    try:
        wanted = uuid.UUID(text)
    except ValueError:
        family = family_by_code(db, text)
        return first_adult(family), [m for m in family.members if m.is_child], family.code
    try:
        person = get_person(db, wanted)
    except NotFoundError:
        try:
            family = get_family(db, wanted)
        except NotFoundError:
            raise NotFoundError(
                _("There is no person or family with the id {id}.").format(id=text)
            ) from None
        return first_adult(family), [m for m in family.members if m.is_child], family.code
    home = get_family(db, person.family_id) if person.family_id else None
    if person.is_child:
        return (first_adult(home) if home else None), [person], person.family_code or ""
    children = [m for m in home.members if m.is_child] if home else []
    return person, children, person.family_code or ""


@needs(Permission.DOCUMENTS)
def consent_form_data(db: Database, key: str) -> list[ConsentFormData]:
    """The current version of both forms, pre-filled for whom ``key`` names."""
    signer, children, code = _who(db, key)
    house = house_header(db)
    day = db.clock.today()
    read = [signer, *children] if signer is not None else children
    record_reading(db, "view_consent_forms", "people", [str(p.id) for p in read])
    out = []
    for kind in ConsentKind:
        form = forms.current_form(db, kind)
        out.append(
            ConsentFormData(
                kind=form.kind,
                version=form.version,
                title=form.title,
                body=form.body,
                day=day,
                signer=signer.full_name if signer else "",
                children=tuple(_child_line(c) for c in children),
                family_code=code,
                house=house.name,
                valid_from=form.valid_from,
            )
        )
    return out


@needs(Permission.DOCUMENTS)
def consent_forms(db: Database, key: str) -> bytes:
    """Both consent forms as one PDF, ready to print and sign."""
    return consent_forms_pdf(consent_form_data(db, key), house_header(db))
