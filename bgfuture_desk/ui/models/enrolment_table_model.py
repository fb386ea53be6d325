"""Who is enrolled in a group: name, family and since when (and, if shown, who left)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from bgfuture_desk.i18n import N_, _, format_date
from bgfuture_desk.services.groups import EnrolmentView

COL_NAME, COL_FAMILY, COL_SINCE, COL_LEFT = range(4)
HEADERS = (N_("Name"), N_("Family"), N_("Enrolled on"), N_("Left on"))

Index = QModelIndex | QPersistentModelIndex


class EnrolmentTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[EnrolmentView] = []

    def set_rows(self, rows: list[EnrolmentView]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[EnrolmentView]:
        return list(self._rows)

    def row_at(self, index: Index) -> EnrolmentView | None:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def row_of(self, person_id: uuid.UUID) -> int:
        return next((n for n, r in enumerate(self._rows) if r.person_id == person_id), -1)

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
            if column == COL_NAME:
                return row.full_name
            if column == COL_FAMILY:
                return row.family_code or ""
            if column == COL_SINCE:
                return format_date(row.enrolled_on)
            if column == COL_LEFT:
                return format_date(row.left_on) if row.left_on else ""
        if role == Qt.ItemDataRole.ForegroundRole and row.left_on is not None:
            return QColor(Qt.GlobalColor.gray)
        return None
