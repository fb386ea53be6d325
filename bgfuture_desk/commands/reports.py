"""``report``: the month's indicators of a house file, a consolidated file or a database URL."""

from __future__ import annotations

import argparse
import json

from bgfuture_desk.commands import open_db
from bgfuture_desk.i18n import _, format_number


def cmd_report(args: argparse.Namespace) -> int:
    from bgfuture_desk.services.reports.indicators import TOTAL, count
    from bgfuture_desk.services.reports.period import Period

    period = Period.parse(args.month, args.to)  # a bad month is refused before the file opens
    db = open_db(args.db)
    try:
        report = count(db, period)
    finally:
        db.dispose()
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
        return 0
    columns = [*report.houses, TOTAL]
    heads = [*report.houses, _("total")]
    width = max(len(f.label) for f in report.figures)
    print(_("Indicators for {period}").format(period=period.label()))
    print(" " * width + "".join(f"{h:>12}" for h in heads))
    for figure in report.figures:
        cells = "".join(f"{format_number(figure.values.get(c, 0)):>12}" for c in columns)
        print(f"{figure.label:<{width}}{cells}")
    return 0
