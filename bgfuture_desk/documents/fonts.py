"""The Cyrillic fonts of every printout (reportlab's built-in fonts have no Cyrillic).

DejaVu Sans ships in ``resources/fonts`` with its licence; reportlab embeds the subset of
glyphs a PDF uses, so the file prints the same on any PC, with or without the font installed.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from bgfuture_desk.i18n import RESOURCES_DIR

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
FONTS_DIR = RESOURCES_DIR / "fonts"


@cache
def register_fonts() -> None:
    """Register the fonts once per process; ``<b>`` in a Paragraph maps to the bold face."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS_DIR / "DejaVuSans-Bold.ttf")))
    # No italic face is shipped: italic falls back to the upright one rather than to Helvetica.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
