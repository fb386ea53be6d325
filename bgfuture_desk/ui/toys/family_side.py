"""Under the basket: toys that suit the family's children, and the toys the family has.

Enter (or a double click) on a suggestion puts it into the basket; on a toy the family has,
it brings that loan to the returns — a family bringing back part of what it took.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHeaderView, QTabWidget, QWidget

from bgfuture_desk.i18n import _
from bgfuture_desk.services.toys import LoanView, ToyView
from bgfuture_desk.ui.models.loan_table_model import OPEN_LOAN_COLUMNS, LoanTableModel
from bgfuture_desk.ui.models.toy_table_model import (
    COL_AGE,
    COL_AREA,
    COL_CODE,
    COL_NAME,
    COL_SHELF,
    ToyTableModel,
)
from bgfuture_desk.ui.widgets.controls import table_view

SUGGESTED_COLUMNS = (COL_CODE, COL_NAME, COL_AGE, COL_AREA, COL_SHELF)


class FamilySide(QTabWidget):
    toy_chosen = Signal(str)  # the code of a suggested toy, for the basket
    loan_chosen = Signal(str)  # the toy code of one of the family's loans, for the returns

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.suggested = ToyTableModel(self)
        self.suggested_view = table_view(self, self.suggested, _("Suggested toys"))
        for column in range(self.suggested.columnCount()):
            self.suggested_view.setColumnHidden(column, column not in SUGGESTED_COLUMNS)
        header = self.suggested_view.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_AREA, 110), (COL_SHELF, 100)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.suggested_view.setColumnWidth(column, width)
        self.suggested_view.activated.connect(self.on_suggestion_activated)
        self.addTab(self.suggested_view, _("&Suggested for the children"))
        self.loans = LoanTableModel(OPEN_LOAN_COLUMNS, self)
        self.loans_view = table_view(self, self.loans, _("Toys the family has"), stretch=0)
        self.loans_view.activated.connect(self.on_loan_activated)
        self.addTab(self.loans_view, _("Toys the famil&y has"))
        self.setMinimumHeight(120)

    def show_rows(self, suggested: list[ToyView], loans: list[LoanView], today: dt.date) -> None:
        self.suggested.set_rows(suggested, today)
        self.loans.set_rows(loans)
        self.setTabText(1, _("Toys the famil&y has ({n})").format(n=len(loans)))

    def clear(self) -> None:
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
