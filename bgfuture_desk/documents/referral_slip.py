"""The referral slip (направление): who is sent where and why, with a tear-off feedback part.

The family takes the slip to the institution. The upper part tells the institution who refers,
whom, why, how urgently and what has been done so far, and whether the parent agreed that the
data be shared. Under a dashed cut line, the „обратна информация“ part repeats the number and
the person; the institution fills it in (date seen, action taken, signature, stamp) and sends it
back to the house. Everything stays on one A4 page: a long reason shrinks the upper part's type
rather than pushing the feedback part onto a second sheet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, Table, TableStyle

from bgfuture_desk.documents.fonts import REGULAR
from bgfuture_desk.documents.page import (
    INK,
    MUTED,
    PAGE_HEIGHT,
    PAGE_MARGINS,
    PAGE_WIDTH,
    RULE,
    HouseHeader,
    paragraph,
    render_pdf,
    styles,
)
from bgfuture_desk.i18n import _, format_date, format_date_long

CONTENT_WIDTH = PAGE_WIDTH - PAGE_MARGINS.left - PAGE_MARGINS.right
FRAME_HEIGHT = PAGE_HEIGHT - PAGE_MARGINS.top - PAGE_MARGINS.bottom
LABEL_WIDTH = 52 * mm
SAFETY = 4  # points of slack in the page-fitting sums


@dataclass(frozen=True)
class ReferralSlipData:
    number: str
    issued_on: dt.date
    specialist: str  # „Мария Иванова, социален работник“ or ""
    phone: str  # the phone the institution can call back on
    institution: str
    institution_contact: str  # address · phone, or ""
    person: str  # the person's full name, or the family's name for a whole family
    birth_date: dt.date | None
    family_code: str
    settlement: str
    reason: str
    urgency: str  # the Urgency code
    urgencies: tuple[tuple[str, str], ...]  # (code, label) of every urgency, in order
    steps_taken: str
    consent_to_share: bool
    return_to: str  # where the feedback part goes back: the house, its address and phone
    for_family: bool = False


def _label(text: str) -> Paragraph:
    return Paragraph(f"<b>{escape(text)}</b>", styles()["body"])


def _text(text: str) -> Paragraph:
    """Plain text that may run over several lines (line breaks kept)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), styles()["body"])


def _pairs(rows: list[tuple[str, Flowable | str]], label_width: float = LABEL_WIDTH) -> Table:
    body = [
        [_label(label), value if isinstance(value, Flowable) else _text(value)]
        for label, value in rows
    ]
    table = Table(body, colWidths=[label_width, CONTENT_WIDTH - label_width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE),
            ]
        )
    )
    return table


def _identification(data: ReferralSlipData) -> str:
    """The minimal identification: name, date of birth, family code, settlement (no ЕГН)."""
    parts = [data.person]
    if data.birth_date:
        parts.append(_("born {date}").format(date=format_date(data.birth_date)))
    if data.family_code:
        parts.append(_("family code {code}").format(code=data.family_code))
    if data.settlement:
        parts.append(data.settlement)
    return ", ".join(parts)


def _urgency(data: ReferralSlipData) -> Paragraph:
    boxes = [
        ("☒" if code == data.urgency else "☐") + "\u00a0" + escape(label)
        for code, label in data.urgencies
    ]
    return Paragraph("\u2003\u2003".join(boxes), styles()["body"])


def _consent(data: ReferralSlipData) -> Paragraph:
    if data.consent_to_share:
        text = _(
            "Given: the parent (the person) agreed in writing that the data on this slip be "
            "shared with the institution for the purpose of the referral."
        )
    else:
        text = _(
            "Not given: the house shares no data with the institution; the family hands over "
            "this slip itself, if it so decides."
        )
    return _text(text)


def _signature_table(
    cells: list[tuple[str, str]], top: float = 10 * mm, lines: tuple[str, ...] = ()
) -> Table:
    """Labels over blank lines, with a small grey caption under each line."""
    width = CONTENT_WIDTH / len(cells)
    drawn = lines or ("_" * 34,) * len(cells)
    body = [
        [_label(label) for label, _caption in cells],
        [paragraph(line) for line in drawn],
        [paragraph(caption, "small") for _label_text, caption in cells],
    ]
    table = Table(body, colWidths=[width] * len(cells), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), top),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 0),
                ("TOPPADDING", (0, 2), (-1, 2), 0),
            ]
        )
    )
    return table


class CutLine(Flowable):
    """A dashed line across the page with „✂ откъснете тук“ in its middle."""

    def __init__(self, width: float, text: str) -> None:
        super().__init__()
        self.width, self.text, self.height = width, text, 6 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        y = self.height / 2
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        label = f"✂ {self.text}"
        text_width = canvas.stringWidth(label, REGULAR, 8)
        gap = 3 * mm
        middle = self.width / 2
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.7)
        canvas.setDash(4, 3)
        canvas.line(-6 * mm, y, middle - text_width / 2 - gap, y)
        canvas.line(middle + text_width / 2 + gap, y, self.width + 6 * mm, y)
        canvas.setFillColor(MUTED)
        canvas.drawCentredString(middle, y - 2.8, label)
        canvas.restoreState()


def _slip_part(data: ReferralSlipData) -> list[Flowable]:
    """The upper part, kept by the institution."""
    refers = [data.specialist] if data.specialist else []
    if data.phone:  # a number is not broken across lines
        refers.append(_("phone {phone}").format(phone=data.phone.replace(" ", "\u00a0")))
    institution = data.institution
    if data.institution_contact:
        institution += "\n" + data.institution_contact
    who = _("Family") if data.for_family else _("Person referred")
    rows: list[tuple[str, Flowable | str]] = [
        (_("Referred by:"), ", ".join(refers) or "—"),
        (_("To:"), institution),
        (who + ":", _identification(data)),
        (_("Reason for the referral:"), data.reason),
        (_("Urgency:"), _urgency(data)),
        (_("Steps taken so far:"), data.steps_taken or "—"),
        (_("Consent to share data:"), _consent(data)),
    ]
    return [
        paragraph(_("REFERRAL No. {number}").format(number=data.number), "title"),
        Paragraph(
            escape(_("of {date}").format(date=format_date_long(data.issued_on))),
            styles()["body"].clone("subtitle", alignment=1, spaceAfter=4 * mm),
        ),
        _pairs(rows),
        Spacer(0, 3 * mm),
        _signature_table(
            [
                (_("Referred by:"), _("(name, signature)")),
                (_("Parent / person referred:"), _("(name, signature)")),
            ]
        ),
    ]


def _blank_lines(count: int) -> Table:
    table = Table(
        [[""] for _n in range(count)],
        colWidths=[CONTENT_WIDTH - LABEL_WIDTH],
        rowHeights=[7 * mm] * count,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, INK),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _feedback_part(data: ReferralSlipData) -> list[Flowable]:
    """The lower part, filled in by the institution and sent back to the house."""
    heading = Paragraph(
        escape(_("FEEDBACK")), styles()["title"].clone("feedback", fontSize=12.5, spaceAfter=1 * mm)
    )
    about = Paragraph(
        escape(
            _("on referral No. {number} of {date}").format(
                number=data.number, date=format_date(data.issued_on)
            )
        ),
        styles()["body"].clone("about", alignment=1, spaceAfter=2.5 * mm),
    )
    who = _("Family") if data.for_family else _("Person referred")
    rows: list[tuple[str, Flowable | str]] = [
        (who + ":", _identification(data)),
        (_("Institution:"), data.institution),
        (_("Date seen:"), "_____ . _____ . 20_____"),
        (_("Action taken:"), _blank_lines(3)),
    ]
    return [
        heading,
        about,
        _pairs(rows),
        Spacer(0, 1 * mm),
        _signature_table(
            [
                (_("For the institution:"), _("(name, position, signature)")),
                (_("Stamp:"), ""),
            ],
            top=9 * mm,
            lines=("_" * 34, _("L.S.")),
        ),
        Spacer(0, 2 * mm),
        paragraph(
            _("Please send this part back to: {place}").format(place=data.return_to), "small"
        ),
    ]


def _height(flowables: list[Flowable]) -> float:
    total = 0.0
    for f in flowables:
        _width, height = f.wrap(CONTENT_WIDTH, FRAME_HEIGHT)
        total += height + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def referral_slip_pdf(
    data: ReferralSlipData, house: HouseHeader, *, printed_on: dt.date | None = None
) -> bytes:
    """One A4 page: the slip, a cut line, the feedback part at the bottom of the page."""
    cut = CutLine(CONTENT_WIDTH, _("tear off here"))
    lower = [Spacer(0, 2 * mm), cut, Spacer(0, 2 * mm), *_feedback_part(data)]
    room = FRAME_HEIGHT - _height(lower) - SAFETY
    upper = _slip_part(data)
    upper_height = _height(upper)
    story: list[Flowable]
    if upper_height <= room:
        story = [*upper, Spacer(0, room - upper_height), *lower]
    else:  # a very long reason: smaller type rather than a second page
        story = [KeepInFrame(CONTENT_WIDTH, room, upper, mode="shrink"), *lower]
    return render_pdf(
        story,
        house,
        title=_("Referral No. {number}").format(number=data.number),
        printed_on=printed_on,
    )


__all__ = ["ReferralSlipData", "referral_slip_pdf"]
