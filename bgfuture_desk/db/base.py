"""Declarative base and the columns every travelling record carries.

A record "travels" when it leaves the house in the monthly export: it has a UUID key
made where it is born, the house it belongs to, creation and update times (UTC) and a
tombstone (``deleted_at``) instead of a hard delete, so consolidation can apply changes
and deletions idempotently. Business times (a check-in, a session) are local wall-clock
times of the house; metadata times are UTC.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import DateTime, ForeignKey, MetaData, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """Naive UTC, the form every metadata timestamp is stored in."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Travelling:
    """Mixin for records that leave the house in the export."""

    if TYPE_CHECKING:
        # What the declarative base gives every mapped subclass, for code that is generic
        # over the travelling models (``type[M]`` with ``M`` bound to this mixin).
        __tablename__: str

        def __init__(self, **kw: Any) -> None: ...

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # No index on updated_at nor house_id: nothing looks rows up by them (the merge joins by
    # id), and every index is built again for each record a consolidation brings.
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)

    @declared_attr
    def house_id(cls) -> Mapped[uuid.UUID]:  # noqa: N805
        return mapped_column(Uuid, ForeignKey("houses.id"))
