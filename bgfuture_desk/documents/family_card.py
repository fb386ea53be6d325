"""Family cards: bank-card size, ten to an A4 sheet, the family code as a Code 128 barcode.

The assistant cuts the cards out along the light lines; at the desk a cheap USB scanner reads
the code and the search lands on the family. A card carries only what finding the family
needs (data minimisation): no ЕГН, no address, no birth dates.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from bgfuture_desk.documents.fonts import BOLD, REGULAR
from bgfuture_desk.documents.page import (
    ACCENT,
    HEADER_FILL,
    INK,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    HouseHeader,
    Margins,
    render_pdf,
)
from bgfuture_desk.i18n import _

CARD_WIDTH = 85.6 * mm
CARD_HEIGHT = 54 * mm
COLUMNS, ROWS = 2, 5
PER_PAGE = COLUMNS * ROWS
GRID_WIDTH, GRID_HEIGHT = COLUMNS * CARD_WIDTH, ROWS * CARD_HEIGHT
# The grid is centred across; vertically it sits higher to leave the footer its own strip.
SHEET_MARGINS = Margins(
    top=10 * mm,
    right=(PAGE_WIDTH - GRID_WIDTH) / 2,
    bottom=PAGE_HEIGHT - GRID_HEIGHT - 10 * mm,
    left=(PAGE_WIDTH - GRID_WIDTH) / 2,
)

PAD = 4 * mm  # inner margin of a card
INSET = 2.5 * mm  # the coloured band keeps clear of the cut, which is never exact
BAND_HEIGHT = 11 * mm
CUT_LINE = colors.HexColor("#C8CED3")
CROP_MARK = colors.HexColor("#7A848C")
# Code 128 module: 0.38 mm (15 mil) prints crisply on an office laser and is read by any
# USB scanner; narrower only when a long code would not fit the card.
MODULE = 0.38 * mm
MIN_MODULE = 0.25 * mm
QUIET_MODULES = 12
BARCODE_HEIGHT = 12 * mm


@dataclass(frozen=True)
class FamilyCardData:
    """What one card shows; the service decides the wording of the family line."""

    code: str
    surname_line: str  # „Семейство Иванови“
    first_names: tuple[str, ...] = ()
    settlement: str = ""


def _fitted_size(text: str, font: str, size: float, min_size: float, width: float) -> float:
    while size > min_size and stringWidth(text, font, size) > width:
        size -= 0.25
    return size


def _clipped(text: str, font: str, size: float, width: float) -> str:
    """The text, cut with „…“ when even the smallest size does not fit."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip(" ,") + "…"


def _fit_line(
    canvas: Canvas, text: str, font: str, size: float, min_size: float, width: float
) -> str:
    """Set the largest size down to ``min_size`` at which the text fits; return the text."""
    size = _fitted_size(text, font, size, min_size, width)
    canvas.setFont(font, size)
    return _clipped(text, font, size, width)


def barcode_for(code: str, width: float, height: float = BARCODE_HEIGHT) -> Code128:
    """A Code 128 symbol with quiet zones, at the widest module that fits ``width``."""
    probe = Code128(code, barWidth=MODULE, quiet=0)
    modules = probe.width / MODULE + 2 * QUIET_MODULES
    module = max(MIN_MODULE, min(MODULE, width / modules))
    quiet = QUIET_MODULES * module
    return Code128(
        code,
        barWidth=module,
        barHeight=height,
        humanReadable=False,
        quiet=1,
        lquiet=quiet,
        rquiet=quiet,
    )


def _draw_band(canvas: Canvas, house: HouseHeader) -> None:
    top = CARD_HEIGHT - INSET
    width = CARD_WIDTH - 2 * INSET
    canvas.setFillColor(HEADER_FILL)
    canvas.roundRect(INSET, top - BAND_HEIGHT, width, BAND_HEIGHT, 1.8 * mm, stroke=0, fill=1)
    text_width = width - 2 * (PAD - INSET) - 2 * mm
    canvas.setFillColor(INK)
    name = _fit_line(canvas, house.name, BOLD, 8.5, 6.5, text_width)
    canvas.drawString(PAD, top - 4.6 * mm, name)
    canvas.setFillColor(ACCENT)
    project = _fit_line(canvas, _("Future for every child"), REGULAR, 7, 6, text_width)
    canvas.drawString(PAD, top - 8.6 * mm, project)


def _draw_family(canvas: Canvas, card: FamilyCardData) -> None:
    width = CARD_WIDTH - 2 * PAD
    baseline = CARD_HEIGHT - INSET - BAND_HEIGHT - 5 * mm
    settlement_width = stringWidth(card.settlement, REGULAR, 7) + 3 * mm
    show_settlement = card.settlement and (
        stringWidth(card.surname_line, BOLD, 11.5) + settlement_width <= width
    )
    canvas.setFillColor(INK)
    line = _fit_line(canvas, card.surname_line, BOLD, 11.5, 8.5, width)
    canvas.drawString(PAD, baseline, line)
    if show_settlement:
        canvas.setFont(REGULAR, 7)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(CARD_WIDTH - PAD, baseline, card.settlement)
    names = ", ".join(card.first_names)
    size = 8.0
    lines = simpleSplit(names, REGULAR, size, width)
    while len(lines) > 2 and size > 6.5:
        size -= 0.5
        lines = simpleSplit(names, REGULAR, size, width)
    if len(lines) > 2:
        lines = [lines[0], _clipped(" ".join(lines[1:]), REGULAR, size, width)]
    canvas.setFont(REGULAR, size)
    canvas.setFillColor(INK)
    for i, text in enumerate(lines):
        canvas.drawString(PAD, baseline - (4 + i * 3.3) * mm, text)


def _draw_code(canvas: Canvas, card: FamilyCardData, house: HouseHeader) -> None:
    barcode = barcode_for(card.code, CARD_WIDTH - 2 * INSET)
    canvas.setFillColor(colors.black)  # full contrast for the scanner
    barcode.drawOn(canvas, (CARD_WIDTH - barcode.width) / 2, 12.5 * mm)
    canvas.saveState()  # the character spacing would otherwise stay for the phone line
    canvas.setFillColor(INK)
    text = canvas.beginText()
    text.setFont(BOLD, 13)
    text.setCharSpace(1.2)
    width = stringWidth(card.code, BOLD, 13) + 1.2 * (len(card.code) - 1)
    text.setTextOrigin((CARD_WIDTH - width) / 2, 7.6 * mm)
    text.textOut(card.code)
    canvas.drawText(text)
    canvas.restoreState()
    if house.phone:
        canvas.setFillColor(MUTED)
        phone = _fit_line(
            canvas,
            _("Family House phone: {phone}").format(phone=house.phone),
            REGULAR,
            6.5,
            5.5,
            CARD_WIDTH - 2 * PAD,
        )
        canvas.drawCentredString(CARD_WIDTH / 2, 3.2 * mm, phone)


def draw_card(canvas: Canvas, card: FamilyCardData, house: HouseHeader) -> None:
    """One card with its lower left corner at the canvas origin."""
    canvas.saveState()
    _draw_band(canvas, house)
    _draw_family(canvas, card)
    _draw_code(canvas, card, house)
    canvas.restoreState()


class CardSheet(Flowable):
    """Up to ten cards on one A4 page, with cut lines between them and crop marks outside."""

    def __init__(self, cards: list[FamilyCardData], house: HouseHeader) -> None:
        super().__init__()
        self.cards = cards
        self.house = house

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return GRID_WIDTH, GRID_HEIGHT

    def _origin(self, index: int) -> tuple[float, float]:
        row, column = divmod(index, COLUMNS)
        return column * CARD_WIDTH, GRID_HEIGHT - (row + 1) * CARD_HEIGHT

    def draw(self) -> None:
        canvas = self.canv
        for index, card in enumerate(self.cards):
            x, y = self._origin(index)
            canvas.saveState()
            canvas.translate(x, y)
            draw_card(canvas, card, self.house)
            canvas.restoreState()
        self._draw_cut_lines()

    def _draw_cut_lines(self) -> None:
        canvas = self.canv
        rows = -(-len(self.cards) // COLUMNS)
        columns = min(len(self.cards), COLUMNS)
        bottom = GRID_HEIGHT - rows * CARD_HEIGHT
        right = columns * CARD_WIDTH
        canvas.saveState()
        canvas.setStrokeColor(CUT_LINE)
        canvas.setLineWidth(0.3)
        for index in range(len(self.cards)):
            x, y = self._origin(index)
            canvas.rect(x, y, CARD_WIDTH, CARD_HEIGHT, stroke=1, fill=0)
        canvas.setStrokeColor(CROP_MARK)
        canvas.setLineWidth(0.5)
        gap, length = 1.5 * mm, 4 * mm
        for column in range(columns + 1):
            x = column * CARD_WIDTH
            canvas.line(x, GRID_HEIGHT + gap, x, GRID_HEIGHT + gap + length)
            canvas.line(x, bottom - gap, x, bottom - gap - length)
        for row in range(rows + 1):
            y = GRID_HEIGHT - row * CARD_HEIGHT
            canvas.line(-gap, y, -gap - length, y)
            canvas.line(right + gap, y, right + gap + length, y)
        canvas.restoreState()


def family_cards_pdf(cards: list[FamilyCardData], house: HouseHeader) -> bytes:
    """Sheets of family cards, ten to a page, in the order given."""
    if not cards:
        raise ValueError("no family cards to print")
    sheets: list[Flowable] = [
        CardSheet(cards[start : start + PER_PAGE], house)
        for start in range(0, len(cards), PER_PAGE)
    ]
    return render_pdf(
        sheets, house, title=_("Family cards"), margins=SHEET_MARGINS, with_header=False
    )
