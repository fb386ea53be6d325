"""Families, people, specialists and visits (the reception's records)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bgfuture_desk.db.base import Base, Travelling


class Family(Travelling, Base):
    __tablename__ = "families"
    __table_args__ = (UniqueConstraint("house_id", "code"),)

    code: Mapped[str] = mapped_column(String(20))
    settlement: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    phone2: Mapped[str] = mapped_column(String(40), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    archived_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("families.id"))
    borrowing_blocked: Mapped[bool] = mapped_column(Boolean, default=False)

    members: Mapped[list[Person]] = relationship(
        back_populates="family", foreign_keys="Person.family_id"
    )


class Person(Travelling, Base):
    __tablename__ = "people"
    # with the id, a family's members are found without reading their rows (migration 0008)
    __table_args__ = (Index("ix_people_family_id", "family_id", "id"),)

    family_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("families.id"))
    role: Mapped[str] = mapped_column(String(20))
    first_name: Mapped[str] = mapped_column(String(100))
    middle_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    birth_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    sex: Mapped[str | None] = mapped_column(String(10), default=None)
    egn: Mapped[str | None] = mapped_column(String(10), default=None, index=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    expected_birth: Mapped[dt.date | None] = mapped_column(Date, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")

    family: Mapped[Family | None] = relationship(
        back_populates="members", foreign_keys=[family_id]
    )

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.middle_name, self.last_name) if p)


class Specialist(Travelling, Base):
    """A member of the house team whom a visit or a group is with."""

    __tablename__ = "specialists"

    full_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    phone: Mapped[str] = mapped_column(String(40), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Visit(Travelling, Base):
    """One arrival at the house: a family's members, or anonymous visitors."""

    __tablename__ = "visits"
    # The month's report reads visits by their day and by their id; both indexes carry what
    # it asks of a visit, so it never reads the row itself (migration 0008).
    __table_args__ = (
        Index("ix_visits_checked_in", "checked_in_at", "deleted_at", "house_id", "family_id",
              "id"),
        Index("ix_visits_id_live", "id", "deleted_at", "checked_in_at"),
    )  # fmt: skip

    family_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("families.id"), index=True
    )
    specialist_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("specialists.id"))
    checked_in_at: Mapped[dt.datetime] = mapped_column(DateTime)
    checked_out_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    anonymous_adults: Mapped[int] = mapped_column(Integer, default=0)
    anonymous_children: Mapped[int] = mapped_column(Integer, default=0)
    recorded_late: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")

    people: Mapped[list[VisitPerson]] = relationship(back_populates="visit")
    purposes: Mapped[list[VisitPurposeRow]] = relationship(back_populates="visit")


class VisitPerson(Travelling, Base):
    __tablename__ = "visit_people"
    __table_args__ = (
        Index("ix_visit_people_visit", "visit_id", "deleted_at", "person_id"),
        Index("ix_visit_people_person", "person_id", "deleted_at", "visit_id"),
    )

    visit_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("visits.id"))
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"))
    # when this member left (None: still in the house); the visit is out when all are
    checked_out_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)

    visit: Mapped[Visit] = relationship(back_populates="people")


class VisitPurposeRow(Travelling, Base):
    __tablename__ = "visit_purposes"
    __table_args__ = (Index("ix_visit_purposes_visit", "visit_id", "deleted_at", "purpose"),)

    visit_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("visits.id"))
    purpose: Mapped[str] = mapped_column(String(32))

    visit: Mapped[Visit] = relationship(back_populates="purposes")

