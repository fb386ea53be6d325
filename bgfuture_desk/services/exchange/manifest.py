"""The manifest of an export: what the file says about itself, checked when it is read."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from bgfuture_desk.services.exchange.export_errors import DamagedExportError, NotAnExportError

MANIFEST_KIND = "bgfuture-desk monthly export"


@dataclass(frozen=True)
class ExportManifest:
    """What an export says about itself (stored as JSON inside the encrypted payload)."""

    house_id: uuid.UUID
    house_code: str
    house_name: str
    month: str
    app_version: str
    schema_revision: str | None
    created_at: dt.datetime  # UTC, naive
    snapshot_sha256: str
    snapshot_bytes: int
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        first = dt.date(int(self.month[:4]), int(self.month[5:7]), 1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return {
            "kind": MANIFEST_KIND,
            "house": {"id": str(self.house_id), "code": self.house_code, "name": self.house_name},
            "month": self.month,
            "period": {"from": first.isoformat(), "to": last.isoformat()},
            "app_version": self.app_version,
            "schema_revision": self.schema_revision,
            "created_at": self.created_at.isoformat(),
            "snapshot": {"sha256": self.snapshot_sha256, "bytes": self.snapshot_bytes},
            "counts": self.counts,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], name: str) -> ExportManifest:
        try:
            if data["kind"] != MANIFEST_KIND:
                raise NotAnExportError(name)
            return cls(
                house_id=uuid.UUID(data["house"]["id"]),
                house_code=str(data["house"]["code"]),
                house_name=str(data["house"]["name"]),
                month=str(data["month"]),
                app_version=str(data["app_version"]),
                schema_revision=data["schema_revision"],
                created_at=dt.datetime.fromisoformat(data["created_at"]),
                snapshot_sha256=str(data["snapshot"]["sha256"]),
                snapshot_bytes=int(data["snapshot"]["bytes"]),
                counts={k: dict(v) for k, v in data["counts"].items()},
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            raise DamagedExportError(name) from None

    @property
    def records(self) -> int:
        """Every record that travels in the file, live or tombstoned."""
        return sum(c["live"] + c["deleted"] for c in self.counts.values())
