"""The indicators' table of the report screen: a heading row per section, then one row per
indicator with the houses, the total, the period before and a year before."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from bgfuture_desk.i18n import _, format_number
from bgfuture_desk.services.reports.indicators import INDICATORS, TOTAL, Figure
from bgfuture_desk.services.reports.profiles import Shown

Index = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class IndicatorTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._shown: Shown | None = None
        self._rows: list[str | Figure] = []  # a section's title, or an indicator
        self._houses: list[str] = []

    def set_report(self, shown: Shown | None) -> None:
        self.beginResetModel()
        self._shown = shown
        self._rows, self._houses = [], []
        if shown is not None:
            self._houses = list(shown.report.houses)
            for section in dict.fromkeys(i.section for i in INDICATORS):
                self._rows.append(_(section))
                self._rows += [f for f in shown.report.figures if f.indicator.section == section]
        self.endResetModel()

    def headers(self) -> list[str]:
        return [
            _("Indicator"), *self._houses, _("total"), _("period before"), _("a year before"),
        ]  # fmt: skip

    def figure_at(self, row: int) -> Figure | None:
        item = self._rows[row] if 0 <= row < len(self._rows) else None
        return item if isinstance(item, Figure) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._shown is None else len(self.headers())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        heads = self.headers()
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return heads[section] if 0 <= section < len(heads) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._shown is None or not 0 <= index.row() < len(self._rows):
            return None
        item, column = self._rows[index.row()], index.column()
        if isinstance(item, str):  # a section's title
            if role == Qt.ItemDataRole.DisplayRole:
                return item if column == 0 else ""
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return item.label if column == 0 else self._cell(item, column - 1)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return RIGHT
        return None

    def _cell(self, figure: Figure, column: int) -> str:
        assert self._shown is not None
        keys = [*self._houses, TOTAL]
        if column < len(keys):
            value = figure.values.get(keys[column])
        else:
            earlier = figure.previous if column == len(keys) else figure.year_before
            if earlier is None:
                return "—"
            value = earlier.get(TOTAL)
        cell = self._shown.cell(value)
        return format_number(cell) if isinstance(cell, int) else cell
