"""Loans as a table, with the columns each list needs (overdue calls, a toy's or a family's
history, a family's open loans), and the reminder calls of one loan.

Fed with ``LoanView``s from ``services.loans``; an overdue loan still out is red.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from bgfuture_desk.domain.vocab import ToyCondition
from bgfuture_desk.i18n import N_, _, format_date, ngettext
from bgfuture_desk.services.toys.service import LoanView, ReminderView
from bgfuture_desk.ui.models.row_table_model import RowTableModel

Index = QModelIndex | QPersistentModelIndex
OVERDUE_COLOR = QColor("#b3261e")

TOY, FAMILY, PHONE, LENT, DUE, DAYS, RETURNED, PIECES, LAST_CALL = (
    "toy",
    "family",
    "phone",
    "lent",
    "due",
    "days",
    "returned",
    "pieces",
    "last_call",
)
HEADERS = {
    TOY: N_("Toy"),
    FAMILY: N_("Family"),
    PHONE: N_("Phone"),
    LENT: N_("Lent on"),
    DUE: N_("Due"),
    DAYS: N_("Overdue"),
    RETURNED: N_("Returned"),
    PIECES: N_("Pieces"),
    LAST_CALL: N_("Last call"),
}
OVERDUE_COLUMNS = (FAMILY, PHONE, TOY, LENT, DUE, DAYS, LAST_CALL)
TOY_HISTORY_COLUMNS = (FAMILY, LENT, DUE, RETURNED, PIECES)
FAMILY_HISTORY_COLUMNS = (TOY, LENT, DUE, RETURNED, PIECES)
OPEN_LOAN_COLUMNS = (TOY, LENT, DUE, PIECES)


def days_text(days: int) -> str:
    return ngettext("{n} day", "{n} days", days).format(n=days)


def toy_text(loan: LoanView) -> str:
    return f"{loan.toy_code} {loan.toy_name}"


def pieces_text(loan: LoanView) -> str:
    """„5“, or „5, липсват 2“ after a return with missing pieces."""
    if loan.pieces_missing:
        return _("{out}, {missing} missing").format(
            out=loan.pieces_out, missing=loan.pieces_missing
        )
    return str(loan.pieces_out)


def returned_text(loan: LoanView) -> str:
    if loan.returned_on is None:
        return _("not yet")
    text = format_date(loan.returned_on)
    if loan.return_condition:
        try:
            text += f" ({ToyCondition(loan.return_condition).label})"
        except ValueError:
            pass
    return text


class LoanTableModel(QAbstractTableModel):
    def __init__(self, columns: tuple[str, ...] = OVERDUE_COLUMNS, parent=None) -> None:
        super().__init__(parent)
        self.columns = columns
        self._rows: list[LoanView] = []

    def set_rows(self, rows: list[LoanView], columns: tuple[str, ...] | None = None) -> None:
        """New rows (and, for a list that shows one thing or another, other columns)."""
        self.beginResetModel()
        self._rows = list(rows)
        if columns is not None:
            self.columns = columns
        self.endResetModel()

    def rows(self) -> list[LoanView]:
        return list(self._rows)

    def row_at(self, index: Index) -> LoanView | None:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def row_of(self, loan_id: uuid.UUID) -> int:
        return next((n for n, loan in enumerate(self._rows) if loan.id == loan_id), -1)

    def column_of(self, key: str) -> int:
        return self.columns.index(key)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return _(HEADERS[self.columns[section]])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        loan = self.row_at(index)
        if loan is None or not 0 <= index.column() < len(self.columns):
            return None
        key = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(loan, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(loan, key)
        if role == Qt.ItemDataRole.ForegroundRole and key in (DUE, DAYS):
            if loan.overdue and loan.returned_on is None:
                return OVERDUE_COLOR
        if role == Qt.ItemDataRole.TextAlignmentRole and key == DAYS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, loan: LoanView, key: str) -> str:
        if key == TOY:
            return toy_text(loan)
        if key == FAMILY:
            return loan.family_title or loan.family_code
        if key == PHONE:
            return loan.phone
        if key == LENT:
            return format_date(loan.lent_on)
        if key == DUE:
            return format_date(loan.due_on)
        if key == DAYS:
            return days_text(loan.days_overdue) if loan.days_overdue > 0 else ""
        if key == RETURNED:
            return returned_text(loan)
        if key == PIECES:
            return pieces_text(loan)
        if key == LAST_CALL and loan.reminders:
            last = max(loan.reminders, key=lambda r: r.called_on)
            return format_date(last.called_on)
        return ""

    def _tip(self, loan: LoanView, key: str) -> str | None:
        """The call's note; else the whole text of the cell (a narrow column cuts it)."""
        if key == LAST_CALL and loan.reminders:
            last = max(loan.reminders, key=lambda r: r.called_on)
            return last.note or None
        return self._text(loan, key) or None


class ReminderTableModel(RowTableModel[ReminderView]):
    """The calls made about one overdue loan, the newest first."""

    HEADERS = (N_("Called on"), N_("Note"))

    def set_rows(self, rows: list[ReminderView] | tuple[ReminderView, ...]) -> None:
        super().set_rows(sorted(rows, key=lambda r: r.called_on, reverse=True))

    def cell(self, reminder: ReminderView, column: int) -> str:
        return format_date(reminder.called_on) if column == 0 else reminder.note

    def tooltip(self, reminder: ReminderView, column: int) -> str:
        return self.cell(reminder, column)
