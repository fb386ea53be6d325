"""``report``: the month's indicators of a house file, a consolidated file or a database URL,
on the screen, as one JSON object, or as an Excel workbook."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bgfuture_desk.commands import open_db, write_atomically
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _

FORMATS = (".xlsx", ".pdf")


def _checked_out(path: Path | None) -> Path | None:
    if path is not None and path.suffix.lower() not in FORMATS:
        raise UserError(
            _(
                "The report is written as an Excel or a PDF file: give a name ending in .xlsx or "
                ".pdf."
            ),
            "out",
        )
    return path


def cmd_report(args: argparse.Namespace) -> int:
    from bgfuture_desk.services.reports.indicators import compare
    from bgfuture_desk.services.reports.period import Period
    from bgfuture_desk.services.reports.profiles import Profile, shown

    period = Period.parse(args.month, args.to)  # bad input is refused before the file opens
    out = _checked_out(args.out)
    db = open_db(args.db)
    try:
        view = shown(compare(db, period), Profile(args.profile))
        made_at = db.clock.now()
        header = _header(db, view.report.houses)
    finally:
        db.dispose()
    if out is not None:
        write_atomically(out, _document(out, view, header, made_at))
        print(_("Written: {path}").format(path=out))
    elif args.json:
        print(json.dumps(view.as_json(), ensure_ascii=False))
    else:
        _print_table(view)
    return 0


def _header(db, houses: list[str]):
    """The house's own heading for a house file; the project's for several houses."""
    from bgfuture_desk.documents.page import HouseHeader
    from bgfuture_desk.services.printouts.printing import house_header

    if len(houses) == 1:
        return house_header(db)
    return HouseHeader(name=_("Family Houses of the municipality of Kazanlak"))


def _document(out: Path, view, header, made_at) -> bytes:
    if out.suffix.lower() == ".pdf":
        from bgfuture_desk.documents.report_pdf import report_pdf

        return report_pdf(view, header, made_at)
    from bgfuture_desk.documents.report_workbook import report_workbook

    return report_workbook(view, made_at)


def _print_table(view) -> None:
    from bgfuture_desk.services.reports.indicators import TOTAL

    report = view.report
    columns = [*report.houses, TOTAL]
    heads = [*report.houses, _("total")]
    width = max(len(f.label) for f in report.figures)
    print(_("Indicators for {period}").format(period=report.period.label()))
    print(_("Profile: {profile}").format(profile=view.label()))
    print(" " * width + "".join(f"{h:>12}" for h in heads))
    for figure in report.figures:
        cells = "".join(f"{view.cell(figure.values.get(c, 0))!s:>12}" for c in columns)
        print(f"{figure.label:<{width}}{cells}")
