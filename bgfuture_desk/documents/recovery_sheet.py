"""The recovery key sheet: one page for the house's safe, with the key in groups and as a
QR code, and what it is for. Plain data in, PDF bytes out."""

from __future__ import annotations

import datetime as dt

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from bgfuture_desk.documents.fonts import BOLD
from bgfuture_desk.documents.page import BODY_WIDTH, INK, RULE, HouseHeader, paragraph, render_pdf
from bgfuture_desk.i18n import _, format_date_long

QR_SIZE = 45 * mm
GROUPS_PER_LINE = 5


def _qr(text: str) -> Drawing:
    widget = QrCodeWidget(text, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(QR_SIZE, QR_SIZE,
                      transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def _key_table(text: str) -> Table:
    groups = text.split("-")
    lines = ["  ".join(groups[i:i + GROUPS_PER_LINE])
             for i in range(0, len(groups), GROUPS_PER_LINE)]
    table = Table([[line] for line in lines], colWidths=[BODY_WIDTH - QR_SIZE - 8 * mm])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), BOLD),
        ("FONTSIZE", (0, 0), (-1, -1), 15),
        ("LEADING", (0, 0), (-1, -1), 22),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("BOX", (0, 0), (-1, -1), 0.8, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
    ]))
    return table


def render_recovery_sheet(
    house: HouseHeader, *, text: str, file_name: str, key_id: str, made_on: dt.date
) -> bytes:
    """The sheet for ``text`` (``ABCD-EFGH-…``), the recovery key of ``file_name``."""
    title = _("Recovery key of the house file")
    side = Table([[_key_table(text), _qr(text)]],
                 colWidths=[BODY_WIDTH - QR_SIZE - 6 * mm, QR_SIZE + 6 * mm])
    side.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story: list[Flowable] = [
        paragraph(title, "title"),
        paragraph(_("House: {house}. File: {file}. Made on {date}.").format(
            house=house.name, file=file_name, date=format_date_long(made_on))),
        Spacer(0, 5 * mm),
        side,
        Spacer(0, 5 * mm),
        paragraph(_("What it is for"), "heading"),
        paragraph(_("The house file is encrypted. On this computer it opens by itself; on a "
                    "new computer, after a reinstall, or when no staff member who could log "
                    "in is left, this key opens the file and every backup of it:")),
        paragraph(_("bgfuture-desk unlock --db house.sqlite --recovery-file key.txt "
                    "(key.txt: a text file with the key as written above).")),
        paragraph(_("Keep it safe"), "heading"),
        paragraph(_("Whoever has this sheet can read every record of the house: keep it in "
                    "the house's safe, never beside the computer, and make no photo of it. "
                    "If it is lost while the file still opens, print a new one; if it is lost "
                    "and no computer and no staff login opens the file, nobody can open it "
                    "any more: not the coordinator, not the program's authors.")),
        Spacer(0, 4 * mm),
        paragraph(_("Key id (not secret): {key_id}").format(key_id=key_id), "small"),
    ]
    return render_pdf(story, house, title=title, printed_on=made_on)
