"""The audit trail for an inspection: which events were chosen, then one row per event.

Landscape would fit more, but the house style is portrait A4 with the house header; five
narrow columns (when, who, action, record, what happened) fit it in 9-point type.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from bgfuture_desk.documents.page import (
    PAGE_MARGINS,
    PAGE_WIDTH,
    HouseHeader,
    data_table,
    paragraph,
    render_pdf,
)
from bgfuture_desk.i18n import _, format_date_long, format_number

BODY_WIDTH = PAGE_WIDTH - PAGE_MARGINS.left - PAGE_MARGINS.right


@dataclass(frozen=True)
class AuditTrailData:
    filters: tuple[tuple[str, str], ...]  # (what, chosen): „Потребител“, „Анна Иванова“
    rows: tuple[tuple[str, str, str, str, str], ...]  # when, who, action, record, operation
    more: bool  # the trail holds more events than the document lists
    printed_on: dt.date


def audit_trail_pdf(data: AuditTrailData, house: HouseHeader) -> bytes:
    flowables: list[Flowable] = [
        paragraph(_("Audit trail"), "title"),
        paragraph(
            _("Extract of the record of actions in the program, made on {date}.").format(
                date=format_date_long(data.printed_on)
            )
        ),
        paragraph(_("Events chosen"), "heading"),
    ]
    for label, value in data.filters:
        flowables.append(paragraph(f"{label}: {value}"))
    count = format_number(len(data.rows))
    if data.more:
        note = _("The first {n} events are listed, the newest first; narrow the choice to see "
                 "the others.").format(n=count)  # fmt: skip
    else:
        note = _("{n} events, the newest first.").format(n=count)
    flowables.append(paragraph(note, "small"))
    if not data.rows:
        flowables.append(paragraph(_("No event matches the choice.")))
    else:
        header = (_("When"), _("Who"), _("Action"), _("Record"), _("What happened"))
        widths = [33 * mm, 30 * mm, 44 * mm, 41 * mm]
        widths.append(BODY_WIDTH - sum(widths))
        flowables.append(data_table([header, *data.rows], widths))
    return render_pdf(flowables, house, title=_("Audit trail"), printed_on=data.printed_on)
