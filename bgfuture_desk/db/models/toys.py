"""The toy library: toys, loans, reminders of overdue loans and reservations."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from bgfuture_desk.db.base import Base, Travelling


class Toy(Travelling, Base):
    __tablename__ = "toys"
    __table_args__ = (UniqueConstraint("house_id", "inventory_code"),)

    inventory_code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(100), default="")
    area: Mapped[str] = mapped_column(String(32), default="")
    age_min_months: Mapped[int] = mapped_column(Integer, default=0)
    age_max_months: Mapped[int] = mapped_column(Integer, default=216)
    pieces: Mapped[int] = mapped_column(Integer, default=1)
    condition: Mapped[str] = mapped_column(String(16), default="good")
    status: Mapped[str] = mapped_column(String(16), default="available")
    shelf: Mapped[str] = mapped_column(String(50), default="")
    acquired_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    source: Mapped[str] = mapped_column(String(200), default="")
    photo_path: Mapped[str] = mapped_column(String(300), default="")


class Loan(Travelling, Base):
    __tablename__ = "loans"

    toy_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("toys.id"), index=True)
    family_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("families.id"), index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("people.id"))
    lent_on: Mapped[dt.date] = mapped_column(Date, index=True)
    due_on: Mapped[dt.date] = mapped_column(Date)
    # the month's report finds the loans still out by it (migration 0008)
    returned_on: Mapped[dt.date | None] = mapped_column(Date, default=None, index=True)
    pieces_out: Mapped[int] = mapped_column(Integer, default=1)
    pieces_missing: Mapped[int] = mapped_column(Integer, default=0)
    return_condition: Mapped[str | None] = mapped_column(String(16), default=None)
    note: Mapped[str] = mapped_column(Text, default="")


class LoanReminder(Travelling, Base):
    __tablename__ = "loan_reminders"

    loan_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("loans.id"), index=True)
    called_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class Reservation(Travelling, Base):
    __tablename__ = "reservations"

    toy_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("toys.id"), index=True)
    family_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("families.id"), index=True)
    reserved_on: Mapped[dt.date] = mapped_column(Date)
    fulfilled_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    cancelled_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
