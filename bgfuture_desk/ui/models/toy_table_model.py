"""The toy catalogue as a table: what a toy is, for whom, where it stands and who has it.

Fed with ``ToyView``s from ``services.toys``; a lent toy past its due date shows its loan in
red, a lost or retired toy is grey.
"""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from bgfuture_desk.domain.vocab import ToyStatus
from bgfuture_desk.i18n import N_, _, format_date
from bgfuture_desk.services.toys import ToyView

(
    COL_CODE,
    COL_NAME,
    COL_AGE,
    COL_AREA,
    COL_PIECES,
    COL_CONDITION,
    COL_STATUS,
    COL_SHELF,
    COL_LOAN,
    COL_RESERVED,
) = range(10)
HEADERS = (
    N_("Code"),
    N_("Toy"),
    N_("Age"),
    N_("Area"),
    N_("Pieces"),
    N_("Condition"),
    N_("Status"),
    N_("Shelf"),
    N_("Lent to"),
    N_("Reserved for"),
)

Index = QModelIndex | QPersistentModelIndex
OVERDUE_COLOR = QColor("#b3261e")
GONE = (ToyStatus.LOST, ToyStatus.RETIRED)


def loan_text(toy: ToyView) -> str:
    """„KRN-0042 до 02.12.2025“ while the toy is out, else nothing."""
    if toy.borrower_family_code is None:
        return ""
    if toy.due_on is None:
        return toy.borrower_family_code
    return _("{family} until {date}").format(
        family=toy.borrower_family_code, date=format_date(toy.due_on)
    )


class ToyTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ToyView] = []
        self._today = dt.date.today()

    def set_rows(self, rows: list[ToyView], today: dt.date | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = today or dt.date.today()
        self.endResetModel()

    def rows(self) -> list[ToyView]:
        return list(self._rows)

    def row_at(self, index: Index) -> ToyView | None:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def row_of(self, toy_id: uuid.UUID) -> int:
        return next((n for n, t in enumerate(self._rows) if t.id == toy_id), -1)

    def replace(self, toy: ToyView) -> bool:
        """Show a changed toy in place (after an edit, a status change, a photo)."""
        row = self.row_of(toy.id)
        if row < 0:
            return False
        self._rows[row] = toy
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        return True

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
        toy = self.row_at(index)
        if toy is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(toy, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(toy, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_LOAN and self._overdue(toy):
                return OVERDUE_COLOR
            if toy.status in GONE:
                return QColor(Qt.GlobalColor.gray)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_PIECES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _overdue(self, toy: ToyView) -> bool:
        return toy.due_on is not None and toy.due_on < self._today

    def _text(self, toy: ToyView, column: int) -> str:
        values = {
            COL_CODE: toy.inventory_code,
            COL_NAME: toy.name,
            COL_AGE: toy.age_label,
            COL_AREA: toy.area_label,
            COL_PIECES: str(toy.pieces),
            COL_CONDITION: toy.condition_label,
            COL_STATUS: toy.status_label,
            COL_SHELF: toy.shelf,
            COL_LOAN: loan_text(toy),
            COL_RESERVED: toy.reserved_for_family_code or "",
        }
        return values.get(column, "")

    def _tip(self, toy: ToyView, column: int) -> str | None:
        """The whole text of a narrow cell; the description of a toy; a loan's due date."""
        if column == COL_NAME and toy.description:
            return f"{toy.name}\n{toy.description}"
        if column == COL_LOAN and self._overdue(toy):
            return _("Was due back on {date}").format(date=format_date(toy.due_on))
        return self._text(toy, column) or None
