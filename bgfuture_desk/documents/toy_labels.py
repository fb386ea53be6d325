"""Toy labels: an A4 sheet of stickers, each with the toy's code as a Code 128 barcode.

At the desk the assistant scans the label to lend or take back a toy, so the barcode is
printed black at the widest bars the label allows; the code is repeated in text for when a
scanner fails, with the toy's name and age range to tell the toy at a glance. The layout
(columns × rows) follows the label paper the house has; 3 × 8 is the common one.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from bgfuture_desk.documents.family_card import barcode_for
from bgfuture_desk.documents.fonts import BOLD, REGULAR
from bgfuture_desk.documents.page import (
    INK,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    HouseHeader,
    Margins,
    render_pdf,
)
from bgfuture_desk.i18n import _

LAYOUT = (3, 8)
MAX_COLUMNS, MAX_ROWS = 4, 10  # smaller labels leave no room for a barcode a scanner reads
# The grid fills the page inside these margins; the footer sits under it.
SHEET_MARGINS = Margins(top=10 * mm, right=7 * mm, bottom=16 * mm, left=7 * mm)
GRID_WIDTH = PAGE_WIDTH - SHEET_MARGINS.left - SHEET_MARGINS.right
GRID_HEIGHT = PAGE_HEIGHT - SHEET_MARGINS.top - SHEET_MARGINS.bottom

PAD = 3 * mm  # inner margin of a label: the cut or the sticker's edge is never exact
BAR_INSET = 1.5 * mm  # the barcode's quiet zones may come closer to the edge than the text
MAX_BAR_HEIGHT = 14 * mm
CUT_LINE = colors.HexColor("#C8CED3")


@dataclass(frozen=True)
class ToyLabelData:
    code: str  # KRN-T-0107
    name: str
    age_label: str = ""  # „1–3 г.“


def check_layout(layout: tuple[int, int]) -> None:
    columns, rows = layout
    if not (1 <= columns <= MAX_COLUMNS and 1 <= rows <= MAX_ROWS):
        raise ValueError(f"layout {columns}x{rows} outside 1..{MAX_COLUMNS} x 1..{MAX_ROWS}")


def fitted(canvas: Canvas, text: str, font: str, size: float, smallest: float, width: float) -> str:
    """Set the largest font size down to ``smallest`` at which ``text`` fits; past that, cut
    the text with „…“. Returns what to draw."""
    while size > smallest and stringWidth(text, font, size) > width:
        size -= 0.25
    canvas.setFont(font, size)
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip(" ,–-") + "…"


def draw_label(canvas: Canvas, label: ToyLabelData, width: float, height: float) -> None:
    """One label with its lower left corner at the canvas origin."""
    text_width = width - 2 * PAD
    canvas.setFillColor(INK)
    name = fitted(canvas, label.name, BOLD, 9, 8, text_width)
    canvas.drawString(PAD, height - PAD - 2.4 * mm, name)
    if label.age_label:
        canvas.setFillColor(MUTED)
        age = fitted(canvas, label.age_label, REGULAR, 7, 6, text_width)
        canvas.drawString(PAD, height - PAD - 5.6 * mm, age)
    # The barcode takes the room between the text at the top and the code at the bottom.
    low, high = 6.5 * mm, height - PAD - 7 * mm
    bar_height = min(MAX_BAR_HEIGHT, high - low)
    barcode = barcode_for(label.code, width - 2 * BAR_INSET, bar_height)
    canvas.setFillColor(colors.black)  # full contrast for the scanner
    barcode.drawOn(canvas, (width - barcode.width) / 2, low + (high - low - bar_height) / 2)
    canvas.saveState()  # the character spacing must not leak into the next label
    canvas.setFillColor(INK)
    size, spacing = 9.5, 0.8
    text = canvas.beginText()
    text.setFont(BOLD, size)
    text.setCharSpace(spacing)
    code_width = stringWidth(label.code, BOLD, size) + spacing * (len(label.code) - 1)
    text.setTextOrigin((width - code_width) / 2, 2.6 * mm)
    text.textOut(label.code)
    canvas.drawText(text)
    canvas.restoreState()


class LabelSheet(Flowable):
    """One A4 page of labels; ``None`` leaves a label of a partly used sheet blank."""

    def __init__(self, labels: list[ToyLabelData | None], layout: tuple[int, int]) -> None:
        super().__init__()
        self.labels = labels
        self.columns, self.rows = layout
        self.label_width = GRID_WIDTH / self.columns
        self.label_height = GRID_HEIGHT / self.rows

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return GRID_WIDTH, GRID_HEIGHT

    def _origin(self, index: int) -> tuple[float, float]:
        row, column = divmod(index, self.columns)
        return column * self.label_width, GRID_HEIGHT - (row + 1) * self.label_height

    def draw(self) -> None:
        canvas = self.canv
        for index, label in enumerate(self.labels):
            if label is None:
                continue
            x, y = self._origin(index)
            canvas.saveState()
            canvas.translate(x, y)
            canvas.setStrokeColor(CUT_LINE)
            canvas.setLineWidth(0.3)
            canvas.rect(0, 0, self.label_width, self.label_height, stroke=1, fill=0)
            draw_label(canvas, label, self.label_width, self.label_height)
            canvas.restoreState()


def toy_labels_pdf(
    labels: list[ToyLabelData],
    layout: tuple[int, int] = LAYOUT,
    house: HouseHeader | None = None,
    *,
    skip: int = 0,
) -> bytes:
    """Sheets of labels in the order given; ``skip`` leaves the first labels of the first
    sheet blank (they were used before)."""
    if not labels:
        raise ValueError("no toy labels to print")
    check_layout(layout)
    per_page = layout[0] * layout[1]
    slots: list[ToyLabelData | None] = [None] * (skip % per_page) + list(labels)
    sheets: list[Flowable] = [
        LabelSheet(slots[start : start + per_page], layout)
        for start in range(0, len(slots), per_page)
    ]
    return render_pdf(
        sheets,
        house or HouseHeader(name=""),
        title=_("Toy labels"),
        margins=SHEET_MARGINS,
        with_header=False,
    )
