"""The groups of one person with their progress in each (the top of the history)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from bgfuture_desk.i18n import N_, _, format_date, format_number
from bgfuture_desk.services.groups import PersonGroupRow
from bgfuture_desk.ui.models.group_texts import percent
from bgfuture_desk.ui.models.progress_table_model import COMPLETED_COLOUR, completion_text

COL_GROUP, COL_PROGRAMME, COL_SINCE, COL_ATTENDED, COL_SHARE, COL_COMPLETED = range(6)
HEADERS = (
    N_("Group"),
    N_("Programme"),
    N_("Enrolled on"),
    N_("Attended"),
    N_("Share"),
    N_("Completed"),
)

Index = QModelIndex | QPersistentModelIndex


class PersonGroupTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[PersonGroupRow] = []

    def set_rows(self, rows: list[PersonGroupRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[PersonGroupRow]:
        return list(self._rows)

    def row_at(self, index: Index) -> PersonGroupRow | None:
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
            if column == COL_GROUP:
                return row.group_name
            if column == COL_PROGRAMME:
                return row.programme_name
            if column == COL_SINCE:
                return format_date(row.enrolled_on) if row.enrolled_on else _("walk-in only")
            if column == COL_ATTENDED:
                return _("{attended} of {held}").format(
                    attended=format_number(row.attended), held=format_number(row.held)
                )
            if column == COL_SHARE:
                return percent(row.share)
            if column == COL_COMPLETED:
                return completion_text(row.completed, row.on_track)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_COMPLETED and row.completed:
            return COMPLETED_COLOUR
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_ATTENDED, COL_SHARE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
