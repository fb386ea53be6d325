"""Which texts of a table the assistant cannot read whole: a header or a cell whose text,
with the margins Qt keeps around it, is wider than its column."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTableView

CELL_MARGIN = 6  # the text margins Qt keeps inside a cell, both sides
HEADER_MARGIN = 8  # the header section's text margins, both sides


@dataclass(frozen=True)
class Cut:
    row: int  # -1 for the header
    column: int
    text: str
    need: int
    width: int
    tooltip: str  # what the assistant sees when she points at it

    def __str__(self) -> str:
        return f"{self.row},{self.column} „{self.text}“ needs {self.need} px, has {self.width}"


def text_width(font: QFont, text: str) -> int:
    lines = text.split("\n")
    return max(QFontMetrics(font).horizontalAdvance(line) for line in lines)


def cut_texts(view: QTableView) -> list[Cut]:
    """Every visible header and cell cut short."""
    model, header = view.model(), view.horizontalHeader()
    cut = []
    for column in range(model.columnCount()):
        if view.isColumnHidden(column):
            continue
        width = view.columnWidth(column)
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        need = text_width(header.font(), title) + HEADER_MARGIN
        if need > width:
            cut.append(Cut(-1, column, title, need, width, ""))
        for row in range(model.rowCount()):
            index = model.index(row, column)
            text = str(index.data() or "")
            font = index.data(Qt.ItemDataRole.FontRole) or view.font()
            need = text_width(font, text) + CELL_MARGIN
            if text and need > width:
                tip = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
                cut.append(Cut(row, column, text, need, width, tip))
    return cut
