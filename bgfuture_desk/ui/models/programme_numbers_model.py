"""Per-programme numbers of one month, as the coordinator reports them."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from bgfuture_desk.i18n import N_, _, format_number
from bgfuture_desk.services.groups import ProgrammeNumbers

COL_PROGRAMME, COL_HELD, COL_PARTICIPANTS, COL_AVERAGE, COL_COMPLETIONS = range(5)
HEADERS = (
    N_("Programme"),
    N_("Sessions held"),
    N_("Unique participants"),
    N_("Average attendance"),
    N_("Completions"),
)

Index = QModelIndex | QPersistentModelIndex


def average_text(value: float) -> str:
    """Present per held session with one decimal: „4,5“."""
    return format_number(round(value, 1))


class ProgrammeNumbersModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ProgrammeNumbers] = []

    def set_rows(self, rows: list[ProgrammeNumbers]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[ProgrammeNumbers]:
        return list(self._rows)

    def row_at(self, index: Index) -> ProgrammeNumbers | None:
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
            if column == COL_PROGRAMME:
                return row.programme_name
            if column == COL_HELD:
                return format_number(row.sessions_held)
            if column == COL_PARTICIPANTS:
                return format_number(row.unique_participants)
            if column == COL_AVERAGE:
                return average_text(row.average_attendance)
            if column == COL_COMPLETIONS:
                return format_number(row.completions)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != COL_PROGRAMME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
