"""``report``: the month's indicators of a house file, a consolidated file or a database URL,
on the screen, as one JSON object, or as an Excel workbook or a PDF."""

from __future__ import annotations

import argparse
import json

from bgfuture_desk.commands import open_db, write_atomically
from bgfuture_desk.i18n import _


def cmd_report(args: argparse.Namespace) -> int:
    from bgfuture_desk.services.reports import files
    from bgfuture_desk.services.reports.indicators import compare, trend
    from bgfuture_desk.services.reports.period import Period
    from bgfuture_desk.services.reports.profiles import Profile, shown

    # bad input is refused before the file opens
    period = Period.parse(args.month, args.to, args.ytd)
    out = files.check_name(args.out) if args.out is not None else None
    db = open_db(args.db)
    try:
        view = shown(compare(db, period), Profile(args.profile))
        workbook = out is not None and out.suffix.lower() == ".xlsx"
        months = trend(db, period.last) if workbook else None  # its trends sheet
        made_at = db.clock.now()
        header = files.report_header(db, view.report.houses)
    finally:
        db.dispose()
    if out is not None:
        write_atomically(out, files.report_bytes(out, view, header, made_at, months))
        print(_("Written: {path}").format(path=out))
    elif args.json:
        print(json.dumps(view.as_json(), ensure_ascii=False))
    else:
        _print_table(view)
    return 0


def _print_table(view) -> None:
    from bgfuture_desk.services.reports.indicators import TOTAL

    report = view.report
    columns = [*report.houses, TOTAL]
    heads = [*report.houses, _("total")]
    width = max(len(f.label) for f in report.figures)
    print(_("Indicators for {period}").format(period=report.period.label()))
    print(_("Profile: {profile}").format(profile=view.label()))
    if report.missing:
        print(_("Missing houses (no export imported for the period): {houses}").format(
            houses=", ".join(report.missing)))
    print(" " * width + "".join(f"{h:>12}" for h in heads))
    for figure in report.figures:
        cells = "".join(f"{view.cell(figure.values.get(c, 0))!s:>12}" for c in columns)
        print(f"{figure.label:<{width}}{cells}")
