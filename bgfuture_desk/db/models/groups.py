"""Parenting programmes, their groups, sessions, enrolment and attendance."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from bgfuture_desk.db.base import Base, Travelling


class Programme(Travelling, Base):
    __tablename__ = "programmes"

    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Group(Travelling, Base):
    __tablename__ = "groups"

    programme_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("programmes.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    facilitator_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("specialists.id"))
    target: Mapped[str] = mapped_column(String(32))
    planned_sessions: Mapped[int] = mapped_column(Integer, default=0)
    completion_share: Mapped[float] = mapped_column(Float, default=0.75)
    starts_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    ends_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class Meeting(Travelling, Base):
    """One meeting of a group (named for the domain; not a database session)."""

    __tablename__ = "sessions"

    group_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("groups.id"), index=True)
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    ends_at: Mapped[dt.datetime] = mapped_column(DateTime)
    place: Mapped[str] = mapped_column(String(200), default="")
    topic: Mapped[str] = mapped_column(String(300), default="")
    facilitator_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("specialists.id"))
    status: Mapped[str] = mapped_column(String(16), default="planned")


class Enrolment(Travelling, Base):
    __tablename__ = "enrolments"

    group_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("groups.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    enrolled_on: Mapped[dt.date] = mapped_column(Date)
    left_on: Mapped[dt.date | None] = mapped_column(Date, default=None)


class Attendance(Travelling, Base):
    __tablename__ = "attendances"

    session_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("sessions.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
