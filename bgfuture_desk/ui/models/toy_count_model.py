"""Toys with a number beside them: the most borrowed of a month, or the never borrowed."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services.toys.service import ToyCount

Index = QModelIndex | QPersistentModelIndex
COL_CODE, COL_NAME, COL_COUNT = range(3)


class ToyCountModel(QAbstractTableModel):
    HEADERS = (N_("Code"), N_("Toy"), N_("Loans"))

    def __init__(self, parent=None, *, with_count: bool = True) -> None:
        super().__init__(parent)
        self.with_count = with_count
        self._rows: list[ToyCount] = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[ToyCount]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self.HEADERS) if self.with_count else len(self.HEADERS) - 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < self.columnCount()
        ):
            return _(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == COL_CODE:
                return item.inventory_code
            if column == COL_NAME:
                return item.name
            if column == COL_COUNT and self.with_count:
                return str(item.count)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
