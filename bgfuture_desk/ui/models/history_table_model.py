"""A person's history in the groups: every session they were marked at, newest first."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from bgfuture_desk.domain.vocab import AttendanceStatus
from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services.groups import HistoryRow
from bgfuture_desk.ui.models.group_texts import day_with_weekday
from bgfuture_desk.ui.models.register_table_model import COLOURS

COL_DATE, COL_PROGRAMME, COL_GROUP, COL_MARK, COL_NOTE = range(5)
HEADERS = (N_("Date"), N_("Programme"), N_("Group"), N_("Attendance"), N_("Note"))

Index = QModelIndex | QPersistentModelIndex


def mark_text(row: HistoryRow) -> str:
    """„присъства“, or „присъства (гост)“ for a walk-in."""
    if row.walk_in:
        return _("{mark} (walk-in)").format(mark=row.status_label)
    return row.status_label


class HistoryTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[HistoryRow] = []

    def set_rows(self, rows: list[HistoryRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[HistoryRow]:
        return list(self._rows)

    def row_at(self, index: Index) -> HistoryRow | None:
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
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_DATE:
                return day_with_weekday(row.starts_at.date())
            if column == COL_PROGRAMME:
                return row.programme_name
            if column == COL_GROUP:
                return row.group_name
            if column == COL_MARK:
                return mark_text(row)
            if column == COL_NOTE:
                return row.note
        if role == Qt.ItemDataRole.BackgroundRole and column == COL_MARK:
            try:
                return COLOURS.get(AttendanceStatus(row.status))
            except ValueError:
                return None
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_NOTE:
            return row.note or None
        return None
