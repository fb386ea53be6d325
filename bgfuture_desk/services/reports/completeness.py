"""Completeness of a consolidated database: which house exports were imported, and when.

A consolidation writes one ``ImportLog`` row per export it imports. An export holds the whole
house file up to the end of its month, so the export of a month also brings every earlier
month: a house is **complete** for a month when an export of that month or of a later one was
imported, and **missing** otherwise. A report over a period names the houses missing for any
of its months (that is: whose latest imported export is older than the period's last month),
so that a low number is not read as if it were true.

A house file is complete by definition (its own records are all there): it has no missing
houses and no matrix. A consolidated database made before the import log existed has no
rows in it, and so shows every house as missing until its exports are consolidated again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import House, ImportLog
from bgfuture_desk.domain.months import Month
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.i18n import _, format_datetime
from bgfuture_desk.services.exchange.snapshot import local_house_id
from bgfuture_desk.services.reports.period import Period
from bgfuture_desk.services.unit import Database, needs

MATRIX_MONTHS = 12  # the matrix shows at least this many months up to the period's last


class State(StrEnum):
    IMPORTED = "imported"  # the export of this very month was imported
    COVERED = "covered"  # a later month's export was imported (it holds this month too)
    MISSING = "missing"  # nothing of this month came in


@dataclass(frozen=True)
class Cell:
    month: Month
    state: State
    imported_at: dt.datetime | None = None  # the latest import of this month's export
    covered_by: Month | None = None  # the export that brings the month (itself or later)

    def text(self, short: bool = False) -> str:
        """What the matrix shows: the time of the import, or why there is none (``short``:
        the later export's month as 11.2026, for narrow columns)."""
        if self.state is State.IMPORTED and self.imported_at is not None:
            return format_datetime(self.imported_at)
        if self.state is State.COVERED and self.covered_by is not None:
            later = self.covered_by
            month = f"{later.month:02d}.{later.year}" if short else later.label()
            return _("with {month}").format(month=month)
        return _("missing")

    def as_json(self) -> dict[str, object]:
        return {
            "state": str(self.state),
            "imported_at": self.imported_at.isoformat() if self.imported_at else None,
            "covered_by": str(self.covered_by) if self.covered_by else None,
        }


@dataclass
class Completeness:
    consolidated: bool  # False for a house file: complete, no matrix
    period: Period
    months: list[Month] = field(default_factory=list)  # the matrix's columns, oldest first
    houses: list[str] = field(default_factory=list)  # the matrix's rows (codes)
    cells: dict[str, dict[Month, Cell]] = field(default_factory=dict)  # house → month → cell
    missing: list[str] = field(default_factory=list)  # houses missing in the period

    def cell(self, house: str, month: Month) -> Cell:
        return self.cells[house][month]

    def as_json(self) -> dict[str, object]:
        return {
            "consolidated": self.consolidated,
            "months": [str(m) for m in self.months],
            "houses": {
                house: {str(m): c.as_json() for m, c in self.cells[house].items()}
                for house in self.houses
            },
            "missing": self.missing,
        }


def missing_houses(session: Session, period: Period) -> list[str]:
    """Codes of the houses without an imported export for every month of ``period`` (none
    in a house file), in code order."""
    return _completeness(session, period, [period.last]).missing


def _completeness(session: Session, period: Period, months: list[Month]) -> Completeness:
    houses = session.execute(select(House.id, House.code).order_by(House.code)).all()
    if local_house_id(session.connection()) is not None:
        return Completeness(False, period)
    imports: dict[str, dict[Month, dt.datetime]] = {code: {} for _id, code in houses}
    code_of = {house_id: code for house_id, code in houses}
    rows = session.execute(select(ImportLog.house_id, ImportLog.month, ImportLog.imported_at))
    for house_id, month_text, imported_at in rows:
        code = code_of.get(house_id)
        if code is None:
            continue
        month = Month.parse(month_text)
        seen = imports[code].get(month)
        if seen is None or imported_at > seen:
            imports[code][month] = imported_at
    out = Completeness(True, period, months, [code for _id, code in houses])
    for code in out.houses:
        latest = max(imports[code], default=None)
        row: dict[Month, Cell] = {}
        for month in months:
            if month in imports[code]:
                row[month] = Cell(month, State.IMPORTED, imports[code][month], month)
            elif latest is not None and latest > month:
                later = min(m for m in imports[code] if m > month)
                row[month] = Cell(month, State.COVERED, covered_by=later)
            else:
                row[month] = Cell(month, State.MISSING)
        out.cells[code] = row
        if latest is None or latest < period.last:
            out.missing.append(code)
    return out


@needs(Permission.REPORTS)
def completeness(db: Database, period: Period, months: int = MATRIX_MONTHS) -> Completeness:
    """The houses × months matrix of the imports: the period's months, and at least the
    ``months`` months up to its last; with the houses missing in the period."""
    first = min(period.first, period.last.shifted(-(months - 1)))
    with db.read() as session:
        return _completeness(session, period, Period(first, period.last).months())


def missing_line(missing: list[str]) -> str:
    """The houses line every output carries: „Missing houses: …“ (a dash when none)."""
    return _("Houses missing: {houses}").format(houses=", ".join(missing) or "—")


def missing_warning(missing: list[str]) -> str | None:
    """The warning shown above the numbers when a house's export was not imported."""
    if not missing:
        return None
    return _(
        "Warning: no export was imported for the whole period from: {houses}. Their numbers "
        "and the total are incomplete."
    ).format(houses=", ".join(missing))
