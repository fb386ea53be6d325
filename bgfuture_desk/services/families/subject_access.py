"""Subject access (GDPR art. 15): everything the house holds about one person, as a PDF.

The registry data (the ЕГН too, when it is stored: the person asks for their own data), the
family and its members' names, the visits, the groups and the attendance marks, the family's
toy loans, the consents, the referrals, and the trail of changes made to the person's records.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import (
    AuditEvent,
    Consent,
    ConsentForm,
    Family,
    Person,
    Referral,
    User,
    Visit,
    VisitPerson,
)
from bgfuture_desk.documents.subject_access import (
    AccessSection,
    SubjectAccessData,
    subject_access_pdf,
)
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.phones import format_phone
from bgfuture_desk.domain.vocab import ConsentKind, ConsentMethod
from bgfuture_desk.errors import NotFoundError
from bgfuture_desk.i18n import N_, _, format_date, format_datetime, format_time
from bgfuture_desk.services.audit.trail import record_reading
from bgfuture_desk.services.families.queries import PersonView, get_family, get_person
from bgfuture_desk.services.groups.progress import person_groups, person_history
from bgfuture_desk.services.printouts.printing import house_header
from bgfuture_desk.services.referrals.service import list_referrals
from bgfuture_desk.services.toys.loans import family_loans
from bgfuture_desk.services.unit import Database, needs
from bgfuture_desk.services.visits.queries import VisitView
from bgfuture_desk.services.visits.queries import _views as visit_views

_ENTITIES = {"people": N_("personal data"), "consents": N_("consent"), "referrals": N_("referral")}
_OPERATIONS = {"insert": N_("entered"), "update": N_("changed"), "delete": N_("deleted"),
               "erase": N_("erased on request"), "read": N_("read")}
_FIELDS = {
    "first_name": N_("first name"),
    "middle_name": N_("middle name"),
    "last_name": N_("last name"),
    "birth_date": N_("date of birth"),
    "sex": N_("sex"),
    "egn": N_("EGN"),
    "phone": N_("phone"),
    "expected_birth": N_("expected birth"),
    "notes": N_("notes"),
    "role": N_("role in the family"),
    "family_id": N_("family"),
    "deleted_at": N_("deletion"),
    "purposes": N_("purposes"),
    "method": N_("how given"),
    "witness": N_("witness"),
    "given_on": N_("date given"),
    "withdrawn_on": N_("date withdrawn"),
    "signed_by_id": N_("signed by"),
    "institution_id": N_("institution"),
    "specialist_id": N_("specialist"),
    "reason": N_("reason"),
    "urgency": N_("urgency"),
    "steps_taken": N_("steps taken"),
    "consent_to_share": N_("consent to share data"),
    "issued_on": N_("date of issue"),
    "status": N_("status"),
    "status_on": N_("date of the status"),
    "outcome": N_("outcome"),
}


def _local(moment: dt.datetime) -> dt.datetime:
    """A UTC metadata time as the house's wall clock shows it."""
    return moment.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def _person(db: Database, person_id: uuid.UUID | str) -> PersonView:
    text = str(person_id).strip()
    try:
        return get_person(db, uuid.UUID(text))
    except (ValueError, NotFoundError):
        raise NotFoundError(_("There is no person with the id {id}.").format(id=text)) from None


def _date(value: dt.date | None) -> str:
    return format_date(value) if value else "—"


def _registry(person: PersonView, created: str) -> tuple[tuple[str, str], ...]:
    facts = [
        (_("Full name"), person.full_name),
        (_("Date of birth"), _date(person.birth_date)),
        (_("Sex"), person.sex_label or "—"),
        (_("EGN"), person.egn or _("not stored")),
        (_("Role in the family"), person.role_label),
        (_("Phone"), format_phone(person.phone) if person.phone else "—"),
    ]
    if person.expected_birth:
        facts.append((_("Expected birth"), format_date(person.expected_birth)))
    facts += [(_("Notes"), person.notes or "—"), (_("Registered on"), created)]
    return tuple(facts)


def _family_section(db: Database, person: PersonView) -> AccessSection:
    title = _("Family")
    if person.family_id is None:
        return AccessSection(title, (), (), (), _("The person belongs to no family."))
    family = get_family(db, person.family_id)
    phones = ", ".join(format_phone(p) for p in (family.phone, family.phone2) if p) or "—"
    place = ", ".join(p for p in (family.settlement, family.address) if p) or "—"
    note = _("Family code {code}; address: {place}; phone: {phones}.").format(
        code=family.code, place=place, phones=phones
    )
    rows = tuple((m.full_name, m.role_label) for m in family.members)
    return AccessSection(title, (_("Member"), _("Role")), (0.6, 0.4), rows, "", note)


def _visits(session: Session, person_id: uuid.UUID) -> list[VisitView]:
    mine = select(VisitPerson.visit_id).where(
        VisitPerson.person_id == person_id, VisitPerson.deleted_at.is_(None)
    )
    return visit_views(session, Visit.id.in_(mine))


def _visit_section(visits: Sequence[VisitView]) -> AccessSection:
    rows = []
    for v in visits:
        stay = format_time(v.checked_in_at)
        if v.checked_out_at:
            stay += "–" + format_time(v.checked_out_at)
        rows.append(
            (
                format_date(v.checked_in_at.date()),
                stay,
                ", ".join(v.purpose_labels) or "—",
                v.specialist_name or "—",
                v.notes,
            )
        )
    return AccessSection(
        _("Visits"),
        (_("Date"), _("Time"), _("Purposes"), _("Specialist"), _("Note")),
        (0.15, 0.15, 0.28, 0.22, 0.2),
        tuple(rows),
        _("No visits are recorded."),
    )


def _group_sections(db: Database, person_id: uuid.UUID) -> list[AccessSection]:
    groups = tuple(
        (
            g.group_name,
            g.programme_name,
            _date(g.enrolled_on) if g.enrolled_on else _("came without enrolment"),
            _date(g.left_on),
            f"{g.attended} / {g.held}",
        )
        for g in person_groups(db, person_id)
    )
    marks = tuple(
        (
            format_datetime(h.starts_at),
            f"{h.group_name} ({h.programme_name})",
            h.status_label + (" · " + _("walk-in") if h.walk_in else ""),
            h.note,
        )
        for h in person_history(db, person_id)
    )
    return [
        AccessSection(
            _("Groups"),
            (_("Group"), _("Programme"), _("Enrolled on"), _("Left on"), _("Present / held")),
            (0.25, 0.27, 0.15, 0.15, 0.18),
            groups,
            _("The person has not taken part in any group."),
        ),
        AccessSection(
            _("Attendance at group sessions"),
            (_("Session"), _("Group"), _("Mark"), _("Note")),
            (0.22, 0.42, 0.16, 0.2),
            marks,
            _("No attendance marks are recorded."),
        ),
    ]


def _loan_section(db: Database, person: PersonView) -> AccessSection:
    loans = family_loans(db, person.family_id) if person.family_id else []
    rows = tuple(
        (
            lo.toy_code,
            lo.toy_name,
            lo.person_name or "—",
            format_date(lo.lent_on),
            format_date(lo.due_on),
            _date(lo.returned_on) if lo.returned_on else _("not returned"),
        )
        for lo in loans
    )
    return AccessSection(
        _("Toy loans of the family"),
        (_("Code"), _("Toy"), _("Borrowed by"), _("Lent on"), _("Due on"), _("Returned on")),
        (0.14, 0.23, 0.18, 0.15, 0.15, 0.15),
        rows,
        _("The family has borrowed no toys."),
    )


def _consent_section(session: Session, person_id: uuid.UUID) -> AccessSection:
    forms = {(f.kind, f.version): f for f in session.scalars(select(ConsentForm))}
    names = {}
    query = (
        select(Consent)
        .where(Consent.person_id == person_id, Consent.deleted_at.is_(None))
        .order_by(Consent.given_on.desc())
    )
    rows = []
    for c in session.scalars(query):
        form = forms.get((c.kind, c.version))
        labels = (form.body or {}).get("purposes", {}) if form else {}
        purposes = ", ".join(str(labels.get(p, p)) for p in c.purposes)
        how = ConsentMethod(c.method).label
        if c.witness:
            how += " (" + _("witness: {name}").format(name=c.witness) + ")"
        if c.signed_by_id and c.signed_by_id != person_id:
            if c.signed_by_id not in names:
                signer = session.get(Person, c.signed_by_id)
                names[c.signed_by_id] = signer.full_name if signer else ""
            how += "; " + _("signed by {name}").format(name=names[c.signed_by_id])
        rows.append(
            (
                _("{kind}, version {version}").format(
                    kind=ConsentKind(c.kind).label, version=c.version
                ),
                purposes,
                how,
                format_date(c.given_on),
                _date(c.withdrawn_on),
            )
        )
    return AccessSection(
        _("Consents"),
        (_("Form"), _("Purposes"), _("How given"), _("Given on"), _("Withdrawn on")),
        (0.16, 0.3, 0.24, 0.15, 0.15),
        tuple(rows),
        _("No consent is recorded."),
    )


def _referral_section(db: Database, person: PersonView) -> AccessSection:
    mine = list_referrals(db, person_id=person.id)
    if person.family_id:  # referrals of the whole family concern every member
        mine += [r for r in list_referrals(db, family_id=person.family_id) if r.person_id is None]
    rows = tuple(
        (
            r.number,
            format_date(r.issued_on),
            r.institution,
            r.reason,
            r.status_label + (f" ({format_date(r.status_on)})" if r.status_on else ""),
        )
        for r in sorted(mine, key=lambda r: r.issued_on, reverse=True)
    )
    return AccessSection(
        _("Referrals"),
        (_("Number"), _("Date"), _("Institution"), _("Reason"), _("Status")),
        (0.21, 0.15, 0.23, 0.25, 0.16),
        rows,
        _("The person has not been referred anywhere."),
    )


def _audit_section(session: Session, person_id: uuid.UUID) -> AccessSection:
    ids = {str(person_id)}
    ids |= {
        str(i) for i in session.scalars(select(Consent.id).where(Consent.person_id == person_id))
    }
    ids |= {
        str(i) for i in session.scalars(select(Referral.id).where(Referral.person_id == person_id))
    }
    users = {u.id: u.full_name for u in session.scalars(select(User))}
    query = (
        select(AuditEvent)
        .where(AuditEvent.entity_id.in_(ids), AuditEvent.deleted_at.is_(None))
        .order_by(AuditEvent.at)
    )
    rows = []
    for e in session.scalars(query):
        fields = [_(_FIELDS[f]) for f in (e.fields or {}) if f in _FIELDS]
        rows.append(
            (
                format_datetime(_local(e.at)),
                users.get(e.user_id, _("the system")) if e.user_id else _("the system"),
                _(_ENTITIES.get(e.entity, e.entity)),
                _(_OPERATIONS.get(e.operation, e.operation)),
                ", ".join(fields),
            )
        )
    return AccessSection(
        _("Record of changes"),
        (_("When"), _("Who"), _("Record"), _("Action"), _("Fields")),
        (0.19, 0.19, 0.15, 0.15, 0.32),
        tuple(rows),
        _("No changes are recorded."),
    )


def _controller(session: Session) -> tuple[str, str]:
    """The controller and the retention as the newest personal-data form states them."""
    form = session.scalars(
        select(ConsentForm)
        .where(ConsentForm.kind == ConsentKind.PERSONAL_DATA, ConsentForm.deleted_at.is_(None))
        .order_by(ConsentForm.version.desc())
    ).first()
    body = form.body if form and isinstance(form.body, dict) else {}
    return str(body.get("controller", "")), str(body.get("retention", ""))


@needs(Permission.DOCUMENTS)
def subject_access_data(db: Database, person_id: uuid.UUID | str) -> SubjectAccessData:
    person = _person(db, person_id)
    house = house_header(db)
    with db.read() as session:
        row = session.get(Person, person.id)
        created = format_date(row.created_at.date()) if row else "—"
        visits = _visits(session, person.id)
        consents = _consent_section(session, person.id)
        audit = _audit_section(session, person.id)
        controller, retention = _controller(session)
        family = session.get(Family, person.family_id) if person.family_id else None
        family_code = family.code if family else ""
    record_reading(db, "view_subject_access", "people", [str(person.id)])  # who read whom
    return SubjectAccessData(
        person=person.full_name,
        family_code=family_code,
        controller=controller or house.name,
        house=", ".join(p for p in (house.name, house.contact_line()) if p),
        retention=retention,
        facts=_registry(person, created),
        sections=(
            _family_section(db, person),
            _visit_section(visits),
            *_group_sections(db, person.id),
            _loan_section(db, person),
            consents,
            _referral_section(db, person),
            audit,
        ),
    )


@needs(Permission.DOCUMENTS)
def subject_access(db: Database, person_id: uuid.UUID | str) -> bytes:
    """The art. 15 PDF of one person."""
    return subject_access_pdf(subject_access_data(db, person_id), house_header(db))
