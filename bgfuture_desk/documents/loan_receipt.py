"""The loan receipt: what a family took home on a day, how many pieces, and when it is due.

The family keeps it on the fridge: the due date stands out, with its weekday; the pieces are
counted so that a return can be checked against them; both sides sign.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date as babel_format_date
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from bgfuture_desk.documents.page import (
    BODY_WIDTH,
    INK,
    HouseHeader,
    data_table,
    paragraph,
    render_pdf,
)
from bgfuture_desk.i18n import LOCALE, _, format_date, format_number


@dataclass(frozen=True)
class ReceiptLine:
    code: str
    name: str
    pieces: int
    due_on: dt.date


@dataclass(frozen=True)
class LoanReceiptData:
    family_code: str
    family_name: str  # „Семейство Иванови“
    borrower: str  # who took the toys (a full name), "" when not recorded
    phone: str
    lent_on: dt.date
    lines: tuple[ReceiptLine, ...]
    settlement: str = ""

    @property
    def due_on(self) -> dt.date:
        """The earliest due date: the one the family must keep."""
        return min(line.due_on for line in self.lines)


def weekday(day: dt.date) -> str:
    return babel_format_date(day, "EEEE", locale=LOCALE)


def _facts(receipt: LoanReceiptData) -> Table:
    """The family, who took the toys, and the dates, as label: value lines."""
    family = " · ".join(p for p in (receipt.family_code, receipt.family_name) if p)
    due = f"{format_date(receipt.due_on)}, {weekday(receipt.due_on)}"
    rows = [
        (_("Family:"), family),
        (_("Borrowed by:"), receipt.borrower),
        (_("Phone:"), receipt.phone),
        (_("Lent on:"), format_date(receipt.lent_on)),
        (_("Return by:"), due),
    ]
    body = [
        [paragraph(label, "cell"), paragraph(value, "cell_header" if i == 4 else "cell")]
        for i, (label, value) in enumerate(rows)
        if value
    ]
    table = Table(body, colWidths=[38 * mm, BODY_WIDTH - 38 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


def _items(receipt: LoanReceiptData) -> Table:
    rows: list[list[object]] = [
        ["№", _("Code"), _("Toy"), _("Pieces"), _("Return by")],
    ]
    for number, line in enumerate(receipt.lines, start=1):
        rows.append(
            [number, line.code, line.name, format_number(line.pieces), format_date(line.due_on)]
        )
    widths = [9 * mm, 30 * mm, BODY_WIDTH - 84 * mm, 18 * mm, 27 * mm]
    if len(receipt.lines) == 1:
        return data_table(rows, widths)
    total = sum(line.pieces for line in receipt.lines)
    rows.append(["", "", _("In all"), format_number(total), ""])
    table = data_table(rows, widths)
    table.setStyle(TableStyle([("LINEABOVE", (0, -1), (-1, -1), 0.8, INK)]))
    return table


def _signatures() -> Table:
    line = "_" * 30
    body = [
        [paragraph(_("Handed over by (the house):"), "cell"), paragraph(_("Received by:"), "cell")],
        [paragraph(line, "cell"), paragraph(line, "cell")],
        [paragraph(_("name and signature"), "small"), paragraph(_("name and signature"), "small")],
    ]
    table = Table(body, colWidths=[BODY_WIDTH / 2] * 2, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 9 * mm),
            ]
        )
    )
    return table


def loan_receipt_pdf(
    receipt: LoanReceiptData, house: HouseHeader, *, printed_on: dt.date | None = None
) -> bytes:
    if not receipt.lines:
        raise ValueError("a receipt lists at least one toy")
    count = len(receipt.lines)
    flowables: list[Flowable] = [
        paragraph(_("Receipt for borrowed toys"), "title"),
        _facts(receipt),
        Spacer(0, 3 * mm),
        _items(receipt),
        paragraph(
            _(
                "Please bring the toys back by {date} with all their pieces. If a piece is lost "
                "or something breaks, tell us: it happens, and we will sort it out together."
            ).format(date=format_date(receipt.due_on))
            if count > 1
            else _(
                "Please bring the toy back by {date} with all its pieces. If a piece is lost "
                "or something breaks, tell us: it happens, and we will sort it out together."
            ).format(date=format_date(receipt.due_on))
        ),
        Spacer(0, 8 * mm),
        KeepTogether([_signatures()]),
    ]
    return render_pdf(
        flowables,
        house,
        title=_("Loan receipt {code}").format(code=receipt.family_code),
        printed_on=printed_on,
    )
