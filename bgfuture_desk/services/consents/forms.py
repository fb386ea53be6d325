"""The consent forms: versioned texts an administrator supersedes, never edits.

Version 1 of each form ships in ``resources/documents/consent-<kind>-v1.json``; set-up seeds
it, and a file made before the forms existed gets them the first time a form is needed.
A signed version stays as it was: a new text is a new version, valid from the day it is made.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import Consent, ConsentForm, Setting
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.vocab import ConsentKind
from bgfuture_desk.errors import NotFoundError, ValidationError
from bgfuture_desk.i18n import RESOURCES_DIR, _
from bgfuture_desk.services.unit import Actor, Database, clock_of, guarded, local_house, needs

FORMS_DIR = RESOURCES_DIR / "documents"
REQUIRED_PURPOSE = {ConsentKind.PERSONAL_DATA: "registration"}


@dataclass(frozen=True)
class FormView:
    id: uuid.UUID
    kind: str
    version: int
    title: str
    body: dict[str, Any]
    valid_from: dt.date
    signed_count: int
    is_current: bool

    @property
    def kind_label(self) -> str:
        return ConsentKind(self.kind).label

    @property
    def purposes(self) -> dict[str, str]:
        return dict(self.body.get("purposes") or {})


@cache
def _shipped(kind: str) -> tuple[str, str]:
    """(title, body as JSON) of the version-1 text shipped with the program."""
    path = FORMS_DIR / f"consent-{kind}-v1.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["title"], json.dumps(data["body"], ensure_ascii=False)


def shipped_form(kind: str) -> tuple[str, dict[str, Any]]:
    """The shipped version-1 title and body of a form (a fresh copy each time)."""
    title, body = _shipped(ConsentKind(kind).value)
    return title, json.loads(body)


def _kind(kind: str) -> ConsentKind:
    try:
        return ConsentKind(kind)
    except ValueError:
        raise NotFoundError(
            _("There is no consent form of the kind {kind}.").format(kind=kind)
        ) from None


def seed_forms(session: Session, house_id: uuid.UUID, valid_from: dt.date) -> int:
    """Add version 1 of every kind that has no form yet; returns how many were added."""
    have = set(session.scalars(select(ConsentForm.kind).where(ConsentForm.deleted_at.is_(None))))
    added = 0
    for kind in ConsentKind:
        if kind.value in have:
            continue
        title, body = shipped_form(kind)
        session.add(
            ConsentForm(
                house_id=house_id,
                kind=kind.value,
                version=1,
                title=title,
                body=body,
                valid_from=valid_from,
            )
        )
        added += 1
    session.flush()
    return added


def _house_start(session: Session) -> dt.date:
    created = session.get(Setting, "created_on")
    today = clock_of(session).today()
    try:
        return min(dt.date.fromisoformat(created.value), today) if created else today
    except ValueError:
        return today


@needs(Permission.DOCUMENTS)
def ensure_forms(db: Database) -> None:
    """Give a file made before the forms existed its version 1 (valid since its set-up)."""
    with db.read() as session:
        have = set(
            session.scalars(select(ConsentForm.kind).where(ConsentForm.deleted_at.is_(None)))
        )
    if have >= {k.value for k in ConsentKind}:
        return
    with db.unit(Actor.system(), "seed_consent_forms") as uow:
        session = uow.session
        seed_forms(session, local_house(session).id, _house_start(session))
        uow.commit()


def _signed_counts(session: Session) -> dict[tuple[str, int], int]:
    query = (
        select(Consent.kind, Consent.version, func.count())
        .where(Consent.deleted_at.is_(None))
        .group_by(Consent.kind, Consent.version)
    )
    return {(kind, version): n for kind, version, n in session.execute(query)}


def _views(session: Session, rows: list[ConsentForm]) -> list[FormView]:
    counts = _signed_counts(session)
    newest: dict[str, int] = {}
    for row in session.scalars(select(ConsentForm).where(ConsentForm.deleted_at.is_(None))):
        newest[row.kind] = max(newest.get(row.kind, 0), row.version)
    return [
        FormView(
            id=r.id,
            kind=r.kind,
            version=r.version,
            title=r.title,
            body=dict(r.body or {}),
            valid_from=r.valid_from,
            signed_count=counts.get((r.kind, r.version), 0),
            is_current=newest.get(r.kind) == r.version,
        )
        for r in rows
    ]


def _live_forms(session: Session, kind: str | None = None) -> list[ConsentForm]:
    query = select(ConsentForm).where(ConsentForm.deleted_at.is_(None))
    if kind is not None:
        query = query.where(ConsentForm.kind == kind)
    return list(session.scalars(query.order_by(ConsentForm.kind, ConsentForm.version.desc())))


@needs(Permission.DOCUMENTS)
def list_forms(db: Database, kind: str | None = None) -> list[FormView]:
    """Every version, by kind (personal data first), the newest version first."""
    if kind is not None:
        _kind(kind)
    ensure_forms(db)
    with db.read() as session:
        return _views(session, _live_forms(session, kind))


def form_row(session: Session, kind: str, version: int) -> ConsentForm | None:
    query = select(ConsentForm).where(
        ConsentForm.deleted_at.is_(None),
        ConsentForm.kind == kind,
        ConsentForm.version == version,
    )
    return session.scalars(query).first()


@needs(Permission.DOCUMENTS)
def current_form(db: Database, kind: str) -> FormView:
    """The highest version of a form, the one printed for new signatures."""
    _kind(kind)
    ensure_forms(db)
    with db.read() as session:
        rows = _live_forms(session, kind)
        return _views(session, rows[:1])[0]


@needs(Permission.DOCUMENTS)
def get_form(db: Database, kind: str, version: int) -> FormView:
    _kind(kind)
    ensure_forms(db)
    with db.read() as session:
        row = form_row(session, kind, version)
        if row is None:
            raise NotFoundError(
                _("There is no version {version} of the form „{kind}“.").format(
                    version=version, kind=ConsentKind(kind).label
                )
            )
        return _views(session, [row])[0]


def _check_body(kind: str, title: str, body: dict[str, Any]) -> dict[str, str]:
    errors = {}
    if not title.strip():
        errors["title"] = _("Enter the title of the form.")
    purposes = body.get("purposes") if isinstance(body, dict) else None
    if (
        not isinstance(purposes, dict)
        or not purposes
        or not all(isinstance(k, str) and k and str(v).strip() for k, v in purposes.items())
    ):
        errors["purposes"] = _("The form needs at least one purpose, each with its text.")
    elif (required := REQUIRED_PURPOSE.get(ConsentKind(kind))) and required not in purposes:
        errors["purposes"] = _("The personal-data form must keep the purpose „{key}“.").format(
            key=required
        )
    return errors


@guarded(Permission.USERS)
def new_form_version(
    db: Database, actor: Actor, kind: str, title: str, body: dict[str, Any]
) -> FormView:
    """A new text of a form, valid from today; the versions already signed stay untouched."""
    _kind(kind)
    errors = _check_body(kind, title, body)
    if errors:
        raise ValidationError(errors)
    ensure_forms(db)
    with db.unit(actor, "new_consent_form_version") as uow:
        session = uow.session
        highest = session.scalar(
            select(func.max(ConsentForm.version)).where(
                ConsentForm.deleted_at.is_(None), ConsentForm.kind == kind
            )
        )
        row = ConsentForm(
            house_id=uow.house().id,
            kind=kind,
            version=(highest or 0) + 1,
            title=title.strip(),
            body=json.loads(json.dumps(body, ensure_ascii=False)),
            valid_from=uow.clock.today(),
        )
        session.add(row)
        session.flush()
        view = _views(session, [row])[0]
        uow.commit()
        return view
