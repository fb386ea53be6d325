"""A report written to a file: an Excel workbook or a PDF, chosen by the file's name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO

from bgfuture_desk.documents.page import HouseHeader
from bgfuture_desk.domain.months import Month
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.exchange.export import write_atomically
from bgfuture_desk.services.reports.profiles import Shown
from bgfuture_desk.services.unit import Database, needs

SUFFIXES = (".xlsx", ".pdf")
Trend = list[tuple[Month, dict[str, int]]]


def check_name(path: Path) -> Path:
    """The name of a report file; a Bulgarian refusal for any other kind of file."""
    if path.suffix.lower() not in SUFFIXES:
        raise UserError(
            _("The report is written as an Excel or a PDF file: give a name ending in .xlsx or "
              ".pdf."), "out"
        )  # fmt: skip
    return path


@needs(Permission.REPORTS)
def report_header(db: Database, houses: list[str]) -> HouseHeader:
    """The house's own heading for a house file; the project's for several houses."""
    from bgfuture_desk.services.printouts.printing import house_header

    if len(houses) == 1:
        return house_header(db)
    return HouseHeader(name=_("Family Houses of the municipality of Kazanlak"))


def report_bytes(
    path: Path,
    shown: Shown,
    header: HouseHeader,
    made_at: dt.datetime,
    trend: Trend | None = None,
) -> bytes:
    """The file's bytes; the workbook also charts ``trend`` (the last 12 months) when given."""
    if check_name(path).suffix.lower() == ".pdf":
        from bgfuture_desk.documents.report_pdf import report_pdf

        return report_pdf(shown, header, made_at)
    from bgfuture_desk.documents.report_workbook import report_workbook

    return report_workbook(shown, made_at, trend)


def save_report(
    path: Path,
    shown: Shown,
    header: HouseHeader,
    made_at: dt.datetime,
    trend: Trend | None = None,
) -> Path:
    """Write the report whole or not at all (a temporary name, then a rename)."""
    data = report_bytes(path, shown, header, made_at, trend)

    def fill(fh: BinaryIO) -> None:
        fh.write(data)

    write_atomically(path, fill)
    return path
