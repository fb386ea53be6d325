"""The hits of the reception search (or today's visitors while the box is empty) as a table.

Fed with ``SearchHit``s from ``services.search``; the page swaps the rows on every key.
Archived families are shown grey; a long name or detail shows whole as a tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from bgfuture_desk.i18n import N_
from bgfuture_desk.services.families.search import SearchHit
from bgfuture_desk.ui.models.row_table_model import RowTableModel

COL_NAME, COL_DETAIL, COL_CODE = range(3)
HEADERS = (N_("Name"), N_("Details"), N_("Code"))


class SearchResultModel(RowTableModel[SearchHit]):
    HEADERS = HEADERS

    def cell(self, row: SearchHit, column: int) -> str:
        if column == COL_NAME:
            return row.name
        if column == COL_DETAIL:
            return row.detail
        return row.family_code or ""

    def tooltip(self, row: SearchHit, column: int) -> str:
        return self.cell(row, column)

    def foreground(self, row: SearchHit, column: int) -> QColor | None:
        return QColor(Qt.GlobalColor.gray) if row.archived else None
