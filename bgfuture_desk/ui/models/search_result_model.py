"""The hits of the reception search (or today's visitors while the box is empty) as a table.

Fed with ``SearchHit``s from ``services.search``; the page swaps the rows on every key.
Archived families are shown grey.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services.search import SearchHit

COL_NAME, COL_DETAIL, COL_CODE = range(3)
HEADERS = (N_("Name"), N_("Details"), N_("Code"))

Index = QModelIndex | QPersistentModelIndex


class SearchResultModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[SearchHit] = []

    def set_rows(self, rows: list[SearchHit]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[SearchHit]:
        return list(self._rows)

    def row_at(self, index: Index) -> SearchHit | None:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return _(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        hit = self.row_at(index)
        if hit is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = index.column()
            if column == COL_NAME:
                return hit.name
            if column == COL_DETAIL:
                return hit.detail
            if column == COL_CODE:
                return hit.family_code or ""
        if role == Qt.ItemDataRole.ForegroundRole and hit.archived:
            return QColor(Qt.GlobalColor.gray)
        return None
