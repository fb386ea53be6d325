"""Who of a group has completed it: each participant's attended share of the held sessions."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from bgfuture_desk.i18n import N_, _, format_date, format_number
from bgfuture_desk.services.groups import ParticipantProgress
from bgfuture_desk.ui.models.group_texts import percent

COL_NAME, COL_FAMILY, COL_ATTENDED, COL_SHARE, COL_COMPLETED = range(5)
HEADERS = (N_("Name"), N_("Family"), N_("Attended"), N_("Share"), N_("Completed"))
COMPLETED_COLOUR = QColor("#1b5e20")

Index = QModelIndex | QPersistentModelIndex


def attended_text(row: ParticipantProgress) -> str:
    """„5 от 8“"""
    return _("{attended} of {held}").format(
        attended=format_number(row.attended), held=format_number(row.held)
    )


def completion_text(completed: bool, on_track: bool) -> str:
    """„да“; „засега да“ while the group still meets and the share is reached; „не“."""
    if completed:
        return _("yes")
    return _("on track") if on_track else _("no")


class ProgressTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ParticipantProgress] = []

    def set_rows(self, rows: list[ParticipantProgress]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[ParticipantProgress]:
        return list(self._rows)

    def row_at(self, index: Index) -> ParticipantProgress | None:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def completed_count(self) -> int:
        return sum(1 for row in self._rows if row.completed)

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
            if column == COL_ATTENDED:
                return attended_text(row)
            if column == COL_SHARE:
                return percent(row.share)
            if column == COL_COMPLETED:
                return completion_text(row.completed, row.on_track)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_NAME and row.left_on:
            return _("Left the group on {day}").format(day=format_date(row.left_on))
        if role == Qt.ItemDataRole.ForegroundRole and row.left_on is not None:
            return QColor(Qt.GlobalColor.gray)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_ATTENDED, COL_SHARE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_COMPLETED and row.completed:
            return COMPLETED_COLOUR
        if role == Qt.ItemDataRole.FontRole and column == COL_COMPLETED and row.completed:
            font = QFont()
            font.setBold(True)
            return font
        return None
