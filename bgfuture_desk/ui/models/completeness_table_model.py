"""The completeness matrix of a consolidated database: a row per house, a column per month
(newest first), each cell the time its export was imported, „с износа за …“ or „липсва“."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from bgfuture_desk.i18n import _
from bgfuture_desk.services.reports.completeness import Completeness, State

Index = QModelIndex | QPersistentModelIndex
MISSING_INK = QColor("#b00000")
COVERED_INK = QColor("#555555")


class CompletenessTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._matrix: Completeness | None = None
        self._months: list = []

    def set_matrix(self, matrix: Completeness | None) -> None:
        self.beginResetModel()
        self._matrix = matrix if matrix is not None and matrix.consolidated else None
        self._months = list(reversed(self._matrix.months)) if self._matrix else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._matrix is None else len(self._matrix.houses)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._matrix is None else len(self._months) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return _("House")
        if 0 < section <= len(self._months):
            month = self._months[section - 1]
            return f"{month.month:02d}.{month.year}"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        matrix = self._matrix
        if matrix is None or not index.isValid() or not 0 <= index.row() < len(matrix.houses):
            return None
        house, column = matrix.houses[index.row()], index.column()
        if column == 0:
            return house if role == Qt.ItemDataRole.DisplayRole else None
        cell = matrix.cell(house, self._months[column - 1])
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text(short=True)  # the columns are narrow; the tooltip says it all
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.text()
        if role == Qt.ItemDataRole.ForegroundRole and cell.state != State.IMPORTED:
            return QBrush(MISSING_INK if cell.state == State.MISSING else COVERED_INK)
        return None
