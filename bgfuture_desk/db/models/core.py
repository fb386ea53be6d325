"""The house, its users, its settings and the trails every change leaves."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from bgfuture_desk.db.base import Base, Travelling, utcnow


class House(Base):
    """One Family House; the root every travelling record points to."""

    __tablename__ = "houses"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    prefix: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(200))
    settlement: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)


class User(Travelling, Base):
    """A person who logs in at the desk; every action is attributed to one."""

    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("house_id", "username"),)

    username: Mapped[str] = mapped_column(String(64))
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    # a password somebody else set or typed (``init``, a reset): changed at the next login
    must_change_password: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )


class Setting(Base):
    """A house setting (idle lock, loan days …); stays in the house, does not travel."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AuditEvent(Travelling, Base):
    """Who did what, when, to which record and which fields."""

    __tablename__ = "audit_events"

    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(64), index=True)
    operation: Mapped[str] = mapped_column(String(16))  # insert | update | delete
    fields: Mapped[dict] = mapped_column(JSON, default=dict)


class ExportLog(Travelling, Base):
    """One monthly export: when, which month, where to, with which checksum."""

    __tablename__ = "export_logs"

    month: Mapped[str] = mapped_column(String(7))
    exported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id"))
    path: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    counts: Mapped[dict] = mapped_column(JSON, default=dict)


class ImportLog(Base):
    """One house export imported by a consolidation (the coordinator's side; does not travel).

    An export holds the whole house file up to the end of its month (``month``), so an import
    of a month's export also covers every month before it; the reports' completeness reads
    this log. ``imported_at`` is the local wall-clock time of the consolidation.
    """

    __tablename__ = "import_logs"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    house_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("houses.id"))
    house_code: Mapped[str] = mapped_column(String(32))
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM, the export's month
    file_name: Mapped[str] = mapped_column(String(255))
    exported_at: Mapped[dt.datetime] = mapped_column(DateTime)  # the manifest's (UTC)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    records: Mapped[int] = mapped_column(Integer, default=0)  # inserted or updated
