"""„История и числа“: the loans of one toy or one family, and a month in numbers (loans,
returns, the most borrowed toys, the toys nobody has borrowed yet)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import N_, _, format_number, ngettext
from bgfuture_desk.services.families.search import SearchIndex
from bgfuture_desk.services.families.service import FamilyView
from bgfuture_desk.services.toys import service as toys
from bgfuture_desk.services.unit import Database
from bgfuture_desk.ui.models.loan_table_model import (
    FAMILY_HISTORY_COLUMNS,
    TOY_HISTORY_COLUMNS,
    LoanTableModel,
)
from bgfuture_desk.ui.models.toy_count_model import COL_NAME, ToyCountModel
from bgfuture_desk.ui.toys.common import STYLES, ToyScreen
from bgfuture_desk.ui.widgets.controls import ScanEdit, table_view
from bgfuture_desk.ui.widgets.family_finder import FamilyFinder
from bgfuture_desk.ui.widgets.fields import py_date, qdate

NUMBERS = (
    ("loans", N_("Loans in the month")),
    ("returns", N_("Returns in the month")),
    ("families", N_("Families that borrowed")),
    ("returned_incomplete", N_("Returned with missing pieces")),
    ("overdue", N_("Overdue at the end of the month")),
)


def _bold(label: QLabel, scale: float = 1.0) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


class HistoryTab(ToyScreen):
    def __init__(
        self, db: Database, index: Callable[[], SearchIndex], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.index = index
        self.shown: tuple[str, object] | None = None  # ("toy", code) or ("family", id)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 8, 8, 8)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_history(splitter))
        splitter.addWidget(self._build_month(splitter))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 440])
        row.addWidget(splitter)

    # -- building ---------------------------------------------------------------------------

    def _build_history(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 4, 0)
        column.addWidget(_bold(QLabel(_("History of loans"), box), 1.2))
        grid = QGridLayout()
        toy_label = QLabel(_("Of the &toy:"), box)
        self.toy_code = ScanEdit(_("Toy code — or scan the label"), box)
        toy_label.setBuddy(self.toy_code)
        family_label = QLabel(_("Of the fa&mily:"), box)
        self.finder = FamilyFinder(self.db, self.index, box)
        family_label.setBuddy(self.finder.search)
        grid.addWidget(toy_label, 0, 0)
        grid.addWidget(self.toy_code, 0, 1)
        grid.addWidget(family_label, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.finder, 1, 1)
        column.addLayout(grid)
        self.caption = QLabel(box)
        self.caption.setWordWrap(True)
        column.addWidget(self.caption)
        self.model = LoanTableModel(TOY_HISTORY_COLUMNS, box)
        self.view = table_view(box, self.model, _("Loans"), stretch=0)
        column.addWidget(self.view, 1)
        self.toy_code.returnPressed.connect(self.on_toy_entered)
        self.finder.family_chosen.connect(self.show_family)
        self.finder.failed.connect(lambda text: self.say(text, "error"))
        self.say("")
        return box

    def _build_month(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        column = QVBoxLayout(box)
        column.setContentsMargins(4, 0, 0, 0)
        column.addWidget(_bold(QLabel(_("The month in numbers"), box), 1.2))
        row = QHBoxLayout()
        month_label = QLabel(_("Mont&h:"), box)
        self.month = QDateEdit(box)
        self.month.setDisplayFormat("MM.yyyy")
        self.month.setCalendarPopup(False)
        month_label.setBuddy(self.month)
        row.addWidget(month_label)
        row.addWidget(self.month)
        row.addStretch(1)
        column.addLayout(row)
        grid = QGridLayout()
        self.number_labels: dict[str, QLabel] = {}
        for number, (key, text) in enumerate(NUMBERS):
            grid.addWidget(QLabel(_(text), box), number, 0)
            value = _bold(QLabel("0", box))
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(value, number, 1)
            self.number_labels[key] = value
        grid.setColumnStretch(2, 1)
        column.addLayout(grid)
        self.top_caption = QLabel(_("Most borrowed in the month:"), box)
        column.addWidget(self.top_caption)
        self.top = ToyCountModel(box)
        self.top_view = table_view(box, self.top, _("Most borrowed toys"), stretch=COL_NAME)
        column.addWidget(self.top_view, 3)
        self.never_caption = QLabel(box)
        column.addWidget(self.never_caption)
        self.never = ToyCountModel(box, with_count=False)
        self.never_view = table_view(box, self.never, _("Toys never borrowed"), stretch=COL_NAME)
        column.addWidget(self.never_view, 2)
        self.month.dateChanged.connect(lambda _d: self.show_month())
        return box

    # -- the history ------------------------------------------------------------------------

    def say(self, text: str, kind: str = "ok") -> None:
        self.caption.setText(text or _("Scan a toy or find a family to see its loans."))
        self.caption.setStyleSheet(STYLES[kind] if text else "")

    def show_toy(self, code: str) -> None:
        try:
            toy = toys.toy_by_code(self.db, code)
            loans = toys.toy_history(self.db, toy.id)
        except UserError as err:
            self.say(err.message, "error")
            return
        self.shown = ("toy", toy.inventory_code)
        self.model.set_rows(loans, TOY_HISTORY_COLUMNS)
        self.say(
            ngettext("{toy}: lent {n} time.", "{toy}: lent {n} times.", len(loans)).format(
                toy=f"{toy.inventory_code} {toy.name}", n=len(loans)
            )
        )

    def on_toy_entered(self) -> None:
        code = self.toy_code.text().strip()
        if code:
            self.show_toy(code)
            self.toy_code.selectAll()

    def show_family(self, family: FamilyView) -> None:
        loans = toys.family_loans(self.db, family.id)
        self.shown = ("family", family)
        self.model.set_rows(loans, FAMILY_HISTORY_COLUMNS)
        out = sum(1 for loan in loans if loan.returned_on is None)
        self.say(
            ngettext(
                "{family}: {n} loan, {out} still out.",
                "{family}: {n} loans, {out} still out.",
                len(loans),
            ).format(family=family.title, n=len(loans), out=out)
        )

    # -- the month --------------------------------------------------------------------------

    def show_month(self) -> None:
        day = py_date(self.month.date())
        numbers = toys.loan_numbers(self.db, f"{day.year:04d}-{day.month:02d}")
        for key, label in self.number_labels.items():
            label.setText(format_number(getattr(numbers, key)))
        self.top.set_rows(numbers.most_borrowed)
        self.never.set_rows(numbers.never_borrowed)
        self.never_caption.setText(
            _("Never borrowed by the end of the month: {n}").format(n=len(numbers.never_borrowed))
        )

    def reload(self) -> None:
        today = self.db.clock.today()
        self.month.setMaximumDate(qdate(today))
        if self.stale and self.month.date() == QDate(2000, 1, 1):
            self.month.setDate(qdate(today.replace(day=1)))
        self.show_month()
        kind, what = self.shown or ("", None)
        if kind == "toy":
            self.show_toy(str(what))
        elif kind == "family" and isinstance(what, FamilyView):
            self.show_family(what)
        self.stale = False

    def focus_first(self) -> None:
        self.toy_code.setFocus(Qt.FocusReason.OtherFocusReason)
        self.toy_code.selectAll()

    def on_escape(self) -> None:
        if self.finder.search.hasFocus() and self.finder.search.text():
            self.finder.clear()
        elif self.toy_code.hasFocus():
            self.toy_code.clear()
        else:
            self.focus_first()
