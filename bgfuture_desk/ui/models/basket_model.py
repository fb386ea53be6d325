"""The desk's two baskets: toys about to be lent to a family, and loans about to come back.

A lending line is the ``LendCheck`` the services gave when the toy was scanned; its warnings
(age, overdue toys, the limit) are shown in amber beside it. A return line is an open loan
with what the assistant noted about how it came back.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from bgfuture_desk.domain.vocab import ToyCondition
from bgfuture_desk.i18n import N_, _, format_date
from bgfuture_desk.services.toys.service import LendCheck, LoanView

Index = QModelIndex | QPersistentModelIndex
WARNING_COLOR = QColor("#7a4f00")
WARNING_BACKGROUND = QColor("#fff3d6")
OVERDUE_COLOR = QColor("#b3261e")


class _Table(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return _(self.HEADERS[section])
        return None

    def _lines(self) -> list:
        raise NotImplementedError

    def _valid(self, index: Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._lines())


# ---- lending ----------------------------------------------------------------------------

LEND_CODE, LEND_NAME, LEND_AGE, LEND_PIECES, LEND_NOTE = range(5)


class BasketModel(_Table):
    HEADERS = (N_("Code"), N_("Toy"), N_("Age"), N_("Pieces"), N_("Warning"))

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._checks: list[LendCheck] = []

    def _lines(self) -> list[LendCheck]:
        return self._checks

    def checks(self) -> list[LendCheck]:
        return list(self._checks)

    def codes(self) -> list[str]:
        return [c.toy.inventory_code for c in self._checks]

    def has(self, toy_id: uuid.UUID) -> bool:
        return any(c.toy.id == toy_id for c in self._checks)

    def add(self, check: LendCheck) -> int:
        row = len(self._checks)
        self.beginInsertRows(QModelIndex(), row, row)
        self._checks.append(check)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> LendCheck | None:
        if not 0 <= row < len(self._checks):
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        check = self._checks.pop(row)
        self.endRemoveRows()
        return check

    def set_checks(self, checks: list[LendCheck]) -> None:
        """The basket checked again (its warnings follow what it holds now)."""
        self.beginResetModel()
        self._checks = list(checks)
        self.endResetModel()

    def clear(self) -> None:
        self.set_checks([])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index):
            return None
        check, column = self._checks[index.row()], index.column()
        toy = check.toy
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = {
                LEND_CODE: toy.inventory_code,
                LEND_NAME: toy.name,
                LEND_AGE: toy.age_label,
                LEND_PIECES: str(toy.pieces),
                LEND_NOTE: " ".join(check.warnings),
            }
            return values.get(column)
        if check.warnings and column == LEND_NOTE:
            if role == Qt.ItemDataRole.ForegroundRole:
                return WARNING_COLOR
            if role == Qt.ItemDataRole.BackgroundRole:
                return WARNING_BACKGROUND
        return None


# ---- returning --------------------------------------------------------------------------

RET_TOY, RET_FAMILY, RET_DUE, RET_STATE = range(4)


@dataclass(frozen=True)
class ReturnLine:
    """An open loan scanned for return and how it came back (what ``return_toy`` is told)."""

    loan: LoanView
    pieces_missing: int = 0
    condition: str = ToyCondition.GOOD.value
    lost: bool = False
    note: str = ""


def state_text(line: ReturnLine) -> str:
    """„добра“, „износена, липсват 2“, „изгубена“."""
    if line.lost:
        return _("lost")
    text = ToyCondition(line.condition).label
    if line.pieces_missing:
        return _("{condition}, {n} missing").format(condition=text, n=line.pieces_missing)
    return text


class ReturnTableModel(_Table):
    HEADERS = (N_("Toy"), N_("Family"), N_("Due"), N_("Comes back"))

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[ReturnLine] = []

    def _lines(self) -> list[ReturnLine]:
        return self._items

    def lines(self) -> list[ReturnLine]:
        return list(self._items)

    def line(self, row: int) -> ReturnLine | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, loan_id: uuid.UUID) -> int:
        return next((n for n, x in enumerate(self._items) if x.loan.id == loan_id), -1)

    def add(self, loan: LoanView, condition: str = ToyCondition.GOOD.value) -> int:
        """Add the loan (once), expected back in ``condition`` (the toy's when it went out);
        the row where it stands."""
        row = self.row_of(loan.id)
        if row >= 0:
            return row
        row = len(self._items)
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.append(ReturnLine(loan, condition=condition))
        self.endInsertRows()
        return row

    def update(self, row: int, **changes) -> None:
        if not 0 <= row < len(self._items):
            return
        self._items[row] = replace(self._items[row], **changes)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def remove(self, row: int) -> ReturnLine | None:
        if not 0 <= row < len(self._items):
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        line = self._items.pop(row)
        self.endRemoveRows()
        return line

    def clear(self) -> None:
        self.beginResetModel()
        self._items = []
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index):
            return None
        line, column = self._items[index.row()], index.column()
        loan = line.loan
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = {
                RET_TOY: f"{loan.toy_code} {loan.toy_name}",
                RET_FAMILY: loan.family_code,
                RET_DUE: format_date(loan.due_on),
                RET_STATE: state_text(line),
            }
            if role == Qt.ItemDataRole.ToolTipRole and column == RET_FAMILY:
                return loan.family_title
            return values.get(column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == RET_DUE and loan.overdue:
                return OVERDUE_COLOR
            if column == RET_STATE and (line.lost or line.pieces_missing):
                return WARNING_COLOR
        return None
