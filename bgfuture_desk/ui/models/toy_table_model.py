"""The toy catalogue as a table: what a toy is, for whom, where it stands and who has it.

Fed with ``ToyView``s from ``services.toys``; a lent toy past its due date shows its loan in
red, a lost or retired toy is grey.
"""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from bgfuture_desk.domain.vocab import ToyStatus
from bgfuture_desk.i18n import N_, _, format_date
from bgfuture_desk.services.toys.service import ToyView
from bgfuture_desk.ui.models.row_table_model import RIGHT, RowTableModel

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


class ToyTableModel(RowTableModel[ToyView]):
    HEADERS = HEADERS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._today = dt.date.min  # set with the rows

    def set_rows(self, rows: list[ToyView], today: dt.date | None = None) -> None:
        """New rows; ``today`` (the desk's day) decides what is overdue, kept when not given."""
        self._today = today or self._today
        super().set_rows(rows)

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

    def _overdue(self, toy: ToyView) -> bool:
        return toy.due_on is not None and toy.due_on < self._today

    def foreground(self, toy: ToyView, column: int) -> QColor | None:
        if column == COL_LOAN and self._overdue(toy):
            return OVERDUE_COLOR
        return QColor(Qt.GlobalColor.gray) if toy.status in GONE else None

    def alignment(self, toy: ToyView, column: int) -> int | None:
        return RIGHT if column == COL_PIECES else None

    def cell(self, toy: ToyView, column: int) -> str:
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

    def tooltip(self, toy: ToyView, column: int) -> str | None:
        """The whole text of a narrow cell; the description of a toy; a loan's due date."""
        if column == COL_NAME:  # with the code, for a list that hides its column
            named = f"{toy.inventory_code} {toy.name}"
            return f"{named}\n{toy.description}" if toy.description else named
        if column == COL_LOAN and self._overdue(toy) and toy.due_on is not None:
            return _("Was due back on {date}").format(date=format_date(toy.due_on))
        return self.cell(toy, column) or None
