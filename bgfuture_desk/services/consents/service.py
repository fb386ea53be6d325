"""Consent records: which form and version a person signed, for what, by whom, and how.

After a parent signs the printed forms, the assistant records one consent per person (a
parent signs for the children under 14). A withdrawal keeps the record with its date and
who took it down; a consent recorded by mistake is cancelled (tombstoned). The latest
record of a person and kind decides (see ``consents_queries``, re-exported here).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bgfuture_desk.db.models import Consent, Person
from bgfuture_desk.domain.people import age_years
from bgfuture_desk.domain.people import is_child_person as is_child
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.vocab import ConsentKind, ConsentMethod, PersonRole
from bgfuture_desk.errors import NotFoundError, UserError, ValidationError
from bgfuture_desk.i18n import _, format_date
from bgfuture_desk.services.consents import forms
from bgfuture_desk.services.consents.forms import (
    FormView,
    current_form,
    ensure_forms,
    get_form,
    list_forms,
    new_form_version,
)
from bgfuture_desk.services.consents.queries import (
    PHOTO_PURPOSES,
    ConsentListRow,
    ConsentView,
    FamilyConsentState,
    consent_views,
    families_without_valid_consent,
    family_consent_state,
    family_consents,
    list_consent_rows,
    person_consents,
    photo_purposes,
    photo_text,
)
from bgfuture_desk.services.unit import Actor, Database, clock_of, guarded

__all__ = [
    "PHOTO_PURPOSES",
    "ConsentInput",
    "ConsentListRow",
    "ConsentView",
    "FamilyConsentState",
    "FormView",
    "cancel_consents",
    "current_form",
    "ensure_forms",
    "families_without_valid_consent",
    "family_consent_state",
    "family_consents",
    "get_form",
    "list_consent_rows",
    "list_forms",
    "new_form_version",
    "person_consents",
    "photo_purposes",
    "photo_text",
    "record_consents",
    "undo_withdrawal",
    "withdraw_consent",
]

AGE_OF_CONSENT = 14  # ЗЗЛД: a parent or guardian consents for a younger child


@dataclass(frozen=True)
class ConsentInput:
    kind: str
    version: int
    person_ids: tuple[uuid.UUID, ...]
    signed_by_id: uuid.UUID | None
    purposes: tuple[str, ...]
    given_on: dt.date
    method: str = ConsentMethod.SIGNED.value
    witness: str = ""


# ---- recording ----


def _under_age_of_consent(person: Person, on: dt.date) -> bool:
    age = age_years(person.birth_date, on)
    if age is None:
        return person.role == PersonRole.CHILD  # a child of unknown age: a parent signs
    return age < AGE_OF_CONSENT


def _check_input(session: Session, data: ConsentInput) -> tuple[list[Person], Person | None]:
    errors: dict[str, str] = {}
    form = forms.form_row(session, data.kind, data.version)
    if form is None:
        raise NotFoundError(
            _("There is no version {version} of the form „{kind}“.").format(
                version=data.version, kind=ConsentKind(data.kind).label
            )
        )
    offered = dict((form.body or {}).get("purposes") or {})
    chosen = list(data.purposes)
    required = forms.REQUIRED_PURPOSE.get(ConsentKind(data.kind))
    if not chosen:
        errors["purposes"] = _("Tick at least one purpose the person agreed to.")
    elif unknown := [p for p in chosen if p not in offered]:
        errors["purposes"] = _("The form has no purpose {purpose}.").format(purpose=unknown[0])
    elif required and required not in chosen:
        errors["purposes"] = _(
            "Registration and services is required: without it the house cannot keep "
            "the family's data."
        )
    if data.method == ConsentMethod.READ_ALOUD and not data.witness.strip():
        errors["witness"] = _("Name the colleague who witnessed the reading aloud.")
    if data.given_on > clock_of(session).today():
        errors["given_on"] = _("The date of the consent cannot be in the future.")
    elif data.given_on < form.valid_from and form.version > 1:
        # version 1 is the text the house used on paper before the desk was set up
        errors["given_on"] = _("Version {version} of this form is valid only from {date}.").format(
            version=form.version, date=format_date(form.valid_from)
        )
    people: list[Person] = []
    if not data.person_ids:
        errors["people"] = _("Choose the people the consent is for.")
    for person_id in dict.fromkeys(data.person_ids):
        person = session.get(Person, person_id)
        if person is None or person.deleted_at is not None:
            errors["people"] = _("One of the chosen people is no longer in the registry.")
        else:
            people.append(person)
    signer = None
    if data.signed_by_id is not None:
        signer = session.get(Person, data.signed_by_id)
        if signer is None or signer.deleted_at is not None:
            errors["signed_by"] = _("The person who signed is no longer in the registry.")
            signer = None
        elif is_child(signer, data.given_on):
            errors["signed_by"] = _("The consent is signed by an adult: a parent or guardian.")
    if "signed_by" not in errors:
        young = [p for p in people if _under_age_of_consent(p, data.given_on) and p is not signer]
        if data.signed_by_id is None and young:
            errors["signed_by"] = _(
                "{name} is under 14: a parent or guardian signs for the child."
            ).format(name=young[0].full_name)
        elif signer is not None and _under_age_of_consent(signer, data.given_on):
            errors["signed_by"] = _("The consent is signed by an adult: a parent or guardian.")
    if errors:
        raise ValidationError(errors)
    return people, signer


@guarded(Permission.DOCUMENTS)
def record_consents(db: Database, actor: Actor, data: ConsentInput) -> list[ConsentView]:
    """One consent for each person, all from the same signature on the same form."""
    try:
        ConsentKind(data.kind)
        ConsentMethod(data.method)
    except ValueError:
        raise UserError(_("Unknown kind or way of giving the consent.")) from None
    ensure_forms(db)
    with db.unit(actor, "record_consents") as uow:
        session = uow.session
        people, signer = _check_input(session, data)
        read_aloud = data.method == ConsentMethod.READ_ALOUD
        rows = []
        for person in people:
            row = Consent(
                house_id=uow.house().id,
                person_id=person.id,
                signed_by_id=signer.id if signer else person.id,
                family_id=person.family_id,
                kind=data.kind,
                version=data.version,
                purposes=list(dict.fromkeys(data.purposes)),
                method=data.method,
                witness=data.witness.strip() if read_aloud else "",
                given_on=data.given_on,
            )
            session.add(row)
            rows.append(row)
        session.flush()
        views = consent_views(session, rows)
        uow.commit()
        return views


def _live_consent(session: Session, consent_id: uuid.UUID) -> Consent:
    row = session.get(Consent, consent_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(_("No such consent."))
    return row


@guarded(Permission.DOCUMENTS)
def withdraw_consent(db: Database, actor: Actor, consent_id: uuid.UUID, on: dt.date) -> ConsentView:
    """The person takes the consent back from a day on; the record stays as history."""
    with db.unit(actor, "withdraw_consent") as uow:
        session = uow.session
        row = _live_consent(session, consent_id)
        if row.withdrawn_on is not None:
            raise UserError(_("This consent has already been withdrawn."))
        if on > uow.clock.today():
            raise ValidationError(
                {"withdrawn_on": _("The date of the withdrawal cannot be in the future.")}
            )
        if on < row.given_on:
            raise ValidationError(
                {"withdrawn_on": _("A consent cannot be withdrawn before it was given.")}
            )
        row.withdrawn_on = on
        row.withdrawn_by_user_id = actor.user_id
        session.flush()
        view = consent_views(session, [row])[0]
        uow.commit()
        return view


@guarded(Permission.DOCUMENTS)
def undo_withdrawal(db: Database, actor: Actor, consent_id: uuid.UUID) -> ConsentView:
    """A withdrawal recorded by mistake: the consent is valid again."""
    with db.unit(actor, "undo_consent_withdrawal") as uow:
        session = uow.session
        row = _live_consent(session, consent_id)
        if row.withdrawn_on is None:
            raise UserError(_("This consent has not been withdrawn."))
        row.withdrawn_on = None
        row.withdrawn_by_user_id = None
        session.flush()
        view = consent_views(session, [row])[0]
        uow.commit()
        return view


@guarded(Permission.DOCUMENTS)
def cancel_consents(db: Database, actor: Actor, consent_ids: Sequence[uuid.UUID]) -> None:
    """Consents recorded by mistake disappear (tombstoned), as the undo of one recording of
    several people: all of them go, or none."""
    with db.unit(actor, "cancel_consent") as uow:
        for consent_id in consent_ids:
            uow.tombstone(_live_consent(uow.session, consent_id))
        uow.commit()
