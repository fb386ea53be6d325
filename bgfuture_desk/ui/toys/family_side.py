"""Under the basket: toys that suit the family's children, and the toys the family has.

Enter (or a double click) on a suggestion puts it into the basket; on a toy the family has,
it brings that loan to the returns — a family bringing back part of what it took.
"""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHeaderView, QTabWidget, QWidget

from bgfuture_desk.i18n import _
from bgfuture_desk.services.toys.service import LoanView, ToyView
from bgfuture_desk.ui.models.loan_table_model import OPEN_LOAN_COLUMNS, LoanTableModel
from bgfuture_desk.ui.models.toy_table_model import (
    COL_AGE,
    COL_AREA,
    COL_NAME,
    COL_SHELF,
    ToyTableModel,
)
from bgfuture_desk.ui.widgets.controls import table_view

# What finds the toy on the shelf; its code (in the name's tooltip) is scanned from its label,
# and leaving it out gives the returns beside this list room for their names at 1366×768.
SUGGESTED_COLUMNS = (COL_NAME, COL_AGE, COL_AREA, COL_SHELF)


class FamilySide(QTabWidget):
    toy_chosen = Signal(str)  # the code of a suggested toy, for the basket
    loan_chosen = Signal(str)  # the toy code of one of the family's loans, for the returns

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.suggested = ToyTableModel(self)
        self.suggested_view = table_view(self, self.suggested, _("Suggested toys"))
        for column in range(self.suggested.columnCount()):
            self.suggested_view.setColumnHidden(column, column not in SUGGESTED_COLUMNS)
        self.suggested_view.horizontalHeader().setSectionResizeMode(
            COL_NAME, QHeaderView.ResizeMode.Stretch
        )  # the others fit their text, so a shelf or an area is read whole
        self._suggestions: list[ToyView] = []
        self._today = dt.date.min  # set with the rows
        self._hidden: set[uuid.UUID] = set()
        self.suggested_view.activated.connect(self.on_suggestion_activated)
        self.addTab(self.suggested_view, _("&Suggested for the children"))
        self.loans = LoanTableModel(OPEN_LOAN_COLUMNS, self)
        self.loans_view = table_view(self, self.loans, _("Toys the family has"), stretch=0)
        self.loans_view.activated.connect(self.on_loan_activated)
        self.addTab(self.loans_view, _("Toys the famil&y has"))
        self.setMinimumHeight(120)

    def show_rows(self, suggested: list[ToyView], loans: list[LoanView], today: dt.date) -> None:
        self._suggestions, self._today = list(suggested), today
        self._show_suggestions()
        self.loans.set_rows(loans)
        self.setTabText(1, _("Toys the famil&y has ({n})").format(n=len(loans)))

    def hide_toys(self, toy_ids: set[uuid.UUID]) -> None:
        """Leave out of the suggestions the toys already in the basket."""
        if toy_ids != self._hidden:
            self._hidden = set(toy_ids)
            self._show_suggestions()

    def _show_suggestions(self) -> None:
        rows = [t for t in self._suggestions if t.id not in self._hidden]
        self.suggested.set_rows(rows, self._today)

    def clear(self) -> None:
        self._suggestions = []
        self.suggested.set_rows([])
        self.loans.set_rows([])
        self.setTabText(1, _("Toys the famil&y has"))

    def on_suggestion_activated(self, index) -> None:
        toy = self.suggested.row_at(index)
        if toy is not None:
            self.toy_chosen.emit(toy.inventory_code)

    def on_loan_activated(self, index) -> None:
        loan = self.loans.row_at(index)
        if loan is not None:
            self.loan_chosen.emit(loan.toy_code)
