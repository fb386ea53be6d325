"""The one A4 page style of every printout: house header, footer, fonts, paragraphs, tables.

A document module builds a list of platypus flowables and hands it to ``render_pdf``, which
draws the house and project header on each page and the footer „<title> · отпечатано на
22 ноември 2026 г. … Страница N от M“. The page total is known only once every page has been
laid out, so the footer is drawn by a canvas that keeps each page until the document is saved.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table
from reportlab.platypus.tables import TableStyle

from bgfuture_desk.documents.fonts import BOLD, REGULAR, register_fonts
from bgfuture_desk.i18n import _, format_date_long

# What a table cell holds: text, a flowable, or flowables stacked in the cell.
Cell = Flowable | str | Sequence[Flowable]

PAGE_WIDTH, PAGE_HEIGHT = A4
INK = colors.HexColor("#1F2A36")
MUTED = colors.HexColor("#5B6670")
RULE = colors.HexColor("#9AA5AE")
ACCENT = colors.HexColor("#1F5C99")
HEADER_FILL = colors.HexColor("#E6EDF4")
FOOTER_Y = 8 * mm


def project_name() -> str:
    return _("Future for every child in Kazanlak Municipality")


@dataclass(frozen=True)
class HouseHeader:
    """Who prints: the house as it is named on every page (plain data, no database)."""

    name: str
    settlement: str = ""
    address: str = ""
    phone: str = ""
    project: str = field(default_factory=project_name)

    def contact_line(self) -> str:
        """„гр. Крън, ул. … · тел. 0431 …“ with whatever the house has filled in."""
        place = ", ".join(p for p in (self.settlement, self.address) if p)
        phone = _("phone {phone}").format(phone=self.phone) if self.phone else ""
        return " · ".join(p for p in (place, phone) if p)


class Margins(NamedTuple):
    top: float
    right: float
    bottom: float
    left: float


# Room at the top for the header and at the bottom for the footer.
PAGE_MARGINS = Margins(top=30 * mm, right=18 * mm, bottom=20 * mm, left=18 * mm)
BODY_WIDTH = PAGE_WIDTH - PAGE_MARGINS.left - PAGE_MARGINS.right  # of a portrait page


@cache
def styles() -> StyleSheet1:
    """Paragraph styles in DejaVu Sans (Cyrillic); every document takes its styles from here."""
    register_fonts()
    sheet = StyleSheet1()
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=13.5, textColor=INK)
    sheet.add(base)
    sheet.add(
        ParagraphStyle(
            "title",
            base,
            fontName=BOLD,
            fontSize=15,
            leading=19,
            alignment=TA_CENTER,
            spaceAfter=4 * mm,
        )
    )
    sheet.add(
        ParagraphStyle(
            "heading",
            base,
            fontName=BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=3 * mm,
            spaceAfter=1.5 * mm,
        )
    )
    sheet.add(ParagraphStyle("small", base, fontSize=8, leading=10, textColor=MUTED))
    sheet.add(ParagraphStyle("cell", base, fontSize=9, leading=11.5))
    sheet.add(ParagraphStyle("cell_header", base, fontName=BOLD, fontSize=9, leading=11.5))
    return sheet


def paragraph(text: str, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped: names may hold „&“ or „<“)."""
    return Paragraph(escape(text), styles()[style])


def data_table(
    rows: Sequence[Sequence[Any]], col_widths: Sequence[float], *, header_rows: int = 1
) -> Table:
    """A ruled table whose header row is repeated on every page it breaks across."""
    sheet = styles()
    body = [
        [
            cell
            if isinstance(cell, Flowable)
            else paragraph(
                "" if cell is None else str(cell), "cell_header" if r < header_rows else "cell"
            )
            for cell in row
        ]
        for r, row in enumerate(rows)
    ]
    table = Table(
        body,
        colWidths=list(col_widths),
        repeatRows=header_rows,
        hAlign="LEFT",
        splitByRow=1,
        spaceBefore=2 * mm,
        spaceAfter=3 * mm,
    )
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), sheet["cell"].fontName),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL))
    table.setStyle(TableStyle(commands))
    return table


def _draw_header(canvas: Canvas, house: HouseHeader, margins: Margins) -> None:
    left, right = margins.left, PAGE_WIDTH - margins.right
    top = PAGE_HEIGHT - 12 * mm
    canvas.saveState()
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 10.5)
    canvas.drawString(left, top, house.name)
    canvas.setFont(REGULAR, 8)
    canvas.setFillColor(MUTED)
    canvas.drawString(left, top - 4.5 * mm, house.contact_line())
    canvas.setFillColor(ACCENT)
    canvas.drawRightString(right, top, house.project)
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(0.8)
    canvas.line(left, top - 7.5 * mm, right, top - 7.5 * mm)
    canvas.restoreState()


def _footer_drawer(
    title: str, printed_on: dt.date, margins: Margins
) -> Callable[[Canvas, int, int], None]:
    left_text = _("{title} · printed on {date}").format(
        title=title, date=format_date_long(printed_on)
    )

    def draw(canvas: Canvas, number: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(margins.left, FOOTER_Y, left_text)
        canvas.drawRightString(
            PAGE_WIDTH - margins.right,
            FOOTER_Y,
            _("Page {number} of {total}").format(number=number, total=total),
        )
        canvas.restoreState()

    return draw


def _numbered_canvas(draw_footer: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas class that holds back every page until the total is known, then footers it."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._held_pages.append(dict(self.__dict__))
            # reportlab's own page reset, which its stubs leave out (a private method).
            self._startPage()  # type: ignore[attr-defined]

        def save(self) -> None:
            total = len(self._held_pages)
            for state in self._held_pages:
                self.__dict__.update(state)
                draw_footer(self, self.getPageNumber(), total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def render_pdf(
    flowables: list[Flowable],
    house: HouseHeader,
    *,
    title: str,
    printed_on: dt.date | None = None,
    margins: Margins = PAGE_MARGINS,
    with_header: bool = True,
) -> bytes:
    """Lay out ``flowables`` on A4 pages in the house style and return the PDF.

    ``with_header=False`` leaves the top of the page to the content (card and label sheets,
    which need the whole page); the footer with the page count is always there.
    """
    register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author=house.name,
        subject=house.project,
        creator="bgfuture-desk",
        leftMargin=margins.left,
        rightMargin=margins.right,
        topMargin=margins.top,
        bottomMargin=margins.bottom,
        initialFontName=REGULAR,  # else every page also names Helvetica, which has no Cyrillic
    )
    frame = Frame(
        margins.left,
        margins.bottom,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )

    def on_page(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        if with_header:
            _draw_header(canvas, house, margins)

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    footer = _footer_drawer(title, printed_on or dt.date.today(), margins)
    doc.build(flowables, canvasmaker=_numbered_canvas(footer))
    return buffer.getvalue()
