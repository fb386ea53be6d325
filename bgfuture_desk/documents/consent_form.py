"""The consent forms a parent signs: the personal-data declaration and the photo consent.

Each form starts on its own page, pre-filled with who signs, for which children, the family
code, the house and the date; every purpose has its own empty box to tick, so that a consent
is given purpose by purpose (Regulation (EU) 2016/679, art. 7). The texts are the versioned
ones an administrator keeps; this module only lays them out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from bgfuture_desk.documents.fonts import REGULAR
from bgfuture_desk.documents.page import (
    HEADER_FILL,
    INK,
    PAGE_MARGINS,
    PAGE_WIDTH,
    RULE,
    Cell,
    HouseHeader,
    render_pdf,
    styles,
)
from bgfuture_desk.i18n import _, format_date, format_date_long

CONTENT_WIDTH = PAGE_WIDTH - PAGE_MARGINS.left - PAGE_MARGINS.right
BOX = 4.2 * mm
SIGN_LINE = "_" * 34
LABEL_WIDTH = 52 * mm


@dataclass(frozen=True)
class ConsentFormData:
    """One form to print: its versioned text and whom it is pre-filled for."""

    kind: str  # "personal_data" or "photo"
    version: int
    title: str
    body: dict
    day: dt.date
    signer: str = ""  # the parent's or guardian's full name; "" leaves a line to fill in
    children: tuple[str, ...] = ()  # „Иван Петров Иванов (р. 12.03.2021)“
    family_code: str = ""
    house: str = ""
    valid_from: dt.date | None = None


class TickBox(Flowable):
    """An empty square to tick by hand (drawn, so no font has to have the glyph)."""

    def __init__(self, size: float = BOX) -> None:
        super().__init__()
        self.size = size
        self.width = self.height = size

    def wrap(self, _avail_width: float, _avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.9)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)
        self.canv.restoreState()


@cache
def _styles() -> dict[str, ParagraphStyle]:
    base = styles()
    text = ParagraphStyle(
        "consent_text", base["body"], fontSize=9.5, leading=12.5, alignment=TA_JUSTIFY
    )
    return {
        "text": text,
        "title": ParagraphStyle(
            "consent_title", base["title"], fontSize=13.5, leading=17, spaceAfter=1 * mm
        ),
        "subtitle": ParagraphStyle(
            "consent_subtitle", base["small"], alignment=TA_CENTER, spaceAfter=3 * mm
        ),
        "heading": ParagraphStyle(
            "consent_heading",
            base["heading"],
            fontSize=10,
            leading=13,
            spaceBefore=2.5 * mm,
            spaceAfter=1 * mm,
        ),
        "bullet": ParagraphStyle(
            "consent_bullet",
            text,
            leftIndent=6 * mm,
            bulletIndent=2 * mm,
            bulletFontName=REGULAR,  # else the bullet alone would be in Helvetica
            spaceAfter=0.6 * mm,
        ),
        "cell": ParagraphStyle("consent_cell", base["body"], fontSize=9.5, leading=12.5),
        "small": ParagraphStyle("consent_small", base["small"], fontSize=8, leading=10),
        "note": ParagraphStyle("consent_note", text, fontSize=8.5, leading=11),
    }


def _p(text: str, style: str = "text") -> Paragraph:
    return Paragraph(escape(text), _styles()[style])


def _bold(text: str, style: str = "cell") -> Paragraph:
    return Paragraph(f"<b>{escape(text)}</b>", _styles()[style])


def _particulars(form: ConsentFormData) -> Table:
    """Who signs, for whom, where and when: the pre-filled head of the form."""
    blank = "_" * 40
    # A blank form leaves lines for the children; an adult without children gets a dash.
    children = form.children or (("—",) if form.signer else (blank, blank))
    value_width = CONTENT_WIDTH - LABEL_WIDTH
    rows: list[list[Cell]] = [
        [_bold(_("Parent or guardian:")), _bold(form.signer) if form.signer else _p(blank), ""],
        [_bold(_("Children:")), [_p(name, "cell") for name in children], ""],
        [
            _bold(_("Family House:")),
            _p(form.house or "—", "cell"),
            Paragraph(
                escape(_("Family code:")) + f" <b>{escape(form.family_code or '—')}</b>",
                _styles()["cell"],
            ),
        ],
    ]
    widths = (LABEL_WIDTH, value_width * 0.5, value_width * 0.5)
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, -1), HEADER_FILL),
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("SPAN", (1, 0), (2, 0)),
                ("SPAN", (1, 1), (2, 1)),
                ("LEFTPADDING", (0, 0), (-1, -1), 2.5 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 1.2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
                ("TOPPADDING", (0, 0), (-1, 0), 2 * mm),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 2 * mm),
            ]
        )
    )
    return table


def _purposes(purposes: dict[str, str]) -> Table:
    """One row per purpose: an empty box, then the purpose in words."""
    rows = [[TickBox(), _p(str(label), "cell")] for label in purposes.values()]
    table = Table(rows, colWidths=(9 * mm, CONTENT_WIDTH - 9 * mm), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (0, 0), (0, -1), 1.5 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (0, -1), 3.5),
                ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE),
            ]
        )
    )
    return table


def _rights(body: dict) -> list[Flowable]:
    items = [str(r) for r in body.get("rights") or ()]
    out: list[Flowable] = []
    if items and items[0][:1].islower():  # fragments of one sentence: „Имате право на: …“
        out.append(_p(_("You have the right to:")))
    out += [Paragraph(escape(item), _styles()["bullet"], bulletText="•") for item in items]
    if body.get("complaint"):
        out.append(Spacer(0, 1 * mm))
        out.append(_p(str(body["complaint"])))
    return out


def _sections(form: ConsentFormData) -> list[Flowable]:
    """The numbered sections of the text, in the order the law lists them."""
    body = form.body
    out: list[Flowable] = []
    number = 0

    def section(title: str, flowables: list[Flowable]) -> None:
        nonlocal number
        number += 1
        heading = _p(f"{number}. {title}", "heading")
        out.append(KeepTogether([heading, *flowables[:1]]))
        out.extend(flowables[1:])

    who = [str(body[k]) for k in ("controller", "contact") if body.get(k)]
    if who:
        section(_("Controller and contact"), [_p(t) for t in who])
    if body.get("data"):
        section(_("Data processed"), [_p(str(body["data"]))])
    purposes = dict(body.get("purposes") or {})
    if purposes:
        section(
            _("Purposes"),
            [
                _p(_("Tick the box of every purpose you agree to; leave it empty if you do not.")),
                Spacer(0, 1 * mm),
                _purposes(purposes),
            ],
        )
    if body.get("recipients"):
        section(_("Recipients of the data"), [_p(str(body["recipients"]))])
    if body.get("retention"):
        section(_("How long the data are kept"), [_p(str(body["retention"]))])
    rights = _rights(body)
    if rights:
        section(_("Your rights"), rights)
    return out


def _signatures(form: ConsentFormData) -> Table:
    """The date, the signer's line with the pre-filled name, and the house's acceptance."""
    name = f"( {form.signer} )" if form.signer else _("(full name)")
    rows: list[list[Cell]] = [
        [_p(_("Date: {date}").format(date=format_date_long(form.day)), "cell"), ""],
        [
            _p(_("Signature of the parent or guardian:"), "cell"),
            _p(_("Received for the Family House:"), "cell"),
        ],
        [_p(SIGN_LINE, "cell"), _p(SIGN_LINE, "cell")],
        [_p(name, "small"), _p(_("(name, position, signature)"), "small")],
    ]
    half = CONTENT_WIDTH / 2
    table = Table(rows, colWidths=(half, half), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 2.5 * mm),
                ("TOPPADDING", (0, 2), (-1, 2), 6 * mm),
            ]
        )
    )
    return table


def _witness() -> Table:
    """Filled in only when the text was read aloud to a parent who cannot read."""
    text = _(
        "To be filled in when the text was read aloud to a person who cannot read: I read "
        "this form aloud to the person named above, who confirmed the consent for the "
        "ticked purposes in my presence."
    )
    rows: list[list[Cell]] = [
        [_p(text, "note"), _p(_("Witness:"), "cell")],
        ["", _p(SIGN_LINE, "cell")],
        ["", _p(_("(name, position, signature)"), "small")],
    ]
    right = 66 * mm
    table = Table(rows, colWidths=(CONTENT_WIDTH - right, right), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("SPAN", (0, 0), (0, -1)),
                ("VALIGN", (0, 0), (0, -1), "MIDDLE"),
                ("VALIGN", (1, 0), (1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2.5 * mm),
                ("RIGHTPADDING", (0, 0), (0, -1), 5 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
                ("TOPPADDING", (1, 0), (1, 0), 2 * mm),
                ("TOPPADDING", (1, 1), (1, 1), 4 * mm),
                ("BOTTOMPADDING", (1, -1), (1, -1), 2 * mm),
            ]
        )
    )
    return table


def _form(form: ConsentFormData) -> list[Flowable]:
    version = _("Form version {version}").format(version=form.version)
    if form.valid_from:
        version = _("Form version {version}, valid from {date}").format(
            version=form.version, date=format_date(form.valid_from)
        )
    subtitle = " · ".join(
        (_("Regulation (EU) 2016/679 and the Personal Data Protection Act"), version)
    )
    head: list[Flowable] = [
        _p(form.title, "title"),
        _p(subtitle, "subtitle"),
        _particulars(form),
        Spacer(0, 3 * mm),
    ]
    if form.body.get("intro"):
        head.append(_p(str(form.body["intro"])))
    age_note = _(
        "Children under 14 do not sign themselves: a parent or guardian signs for them "
        "(Personal Data Protection Act, art. 25c)."
    )
    closing: list[Flowable] = [Spacer(0, 2 * mm)]
    if form.body.get("closing"):
        closing.append(_bold(str(form.body["closing"]), "text"))
    closing += [
        Spacer(0, 1.5 * mm),
        _p(age_note, "note"),
        Spacer(0, 2 * mm),
        _signatures(form),
        Spacer(0, 4 * mm),
        _witness(),
    ]
    return [*head, *_sections(form), KeepTogether(closing)]


def consent_forms_pdf(forms: Sequence[ConsentFormData], house: HouseHeader) -> bytes:
    """The forms one after the other, each from the top of a new page, on A4."""
    story: list[Flowable] = []
    for n, form in enumerate(forms):
        if n:
            story.append(PageBreak())
        story += _form(form)
    return render_pdf(story, house, title=_("Consent forms"))


__all__ = ["ConsentFormData", "TickBox", "consent_forms_pdf"]
