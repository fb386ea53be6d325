"""Consent forms and records, institutions and referrals."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from bgfuture_desk.db.base import Base, Travelling


class ConsentForm(Travelling, Base):
    """One version of a consent text; a signed version is never edited, only superseded."""

    __tablename__ = "consent_forms"

    kind: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[dict] = mapped_column(JSON, default=dict)
    valid_from: Mapped[dt.date] = mapped_column(Date)


class Consent(Travelling, Base):
    """A signed consent: which form, which purposes, who signed for whom, how and when."""

    __tablename__ = "consents"
    # a person's consents with what decides whether one is valid; the month's report finds
    # those given or withdrawn in a period by their days (migration 0008)
    __table_args__ = (
        Index("ix_consents_person", "person_id", "kind", "deleted_at", "given_on",
              "withdrawn_on"),
        Index("ix_consents_given_on", "given_on"),
        Index("ix_consents_withdrawn_on", "withdrawn_on"),
    )  # fmt: skip

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"))
    signed_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("people.id"))
    family_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("families.id"))
    kind: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer)
    purposes: Mapped[list] = mapped_column(JSON, default=list)
    method: Mapped[str] = mapped_column(String(16), default="signed")
    witness: Mapped[str] = mapped_column(String(200), default="")
    given_on: Mapped[dt.date] = mapped_column(Date)
    withdrawn_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    withdrawn_by_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id"))


class Institution(Travelling, Base):
    """Where families are referred to (ДСП, ОЗД, ОПЛ …); an editable list."""

    __tablename__ = "institutions"

    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(50), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Referral(Travelling, Base):
    __tablename__ = "referrals"

    number: Mapped[str] = mapped_column(String(30))
    person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    family_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("families.id"))
    institution_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("institutions.id"))
    specialist_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("specialists.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    urgency: Mapped[str] = mapped_column(String(16), default="routine")
    steps_taken: Mapped[str] = mapped_column(Text, default="")
    consent_to_share: Mapped[bool] = mapped_column(Boolean, default=False)
    issued_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="issued")
    status_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    outcome: Mapped[str] = mapped_column(Text, default="")
