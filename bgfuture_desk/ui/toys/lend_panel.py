"""Lending at the desk: find the family, scan the toys into a basket, „Заеми“ (Ctrl+Enter).

Every scanned code is checked by the services at once: a refusal is shown in red and the
toy stays out of the basket, a warning (age, overdue toys, the limit) is shown in amber
beside its line. The scan field is emptied and keeps the focus after every code, so the
next one can come; nothing in the basket is lost by a wrong code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.domain import toys as toy_rules
from bgfuture_desk.domain.permissions import Permission, allowed
from bgfuture_desk.domain.vocab import ToyStatus
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _, format_date, format_date_long, ngettext
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.search import SearchIndex
from bgfuture_desk.services.families.service import FamilyView
from bgfuture_desk.services.house import settings
from bgfuture_desk.services.printouts import catalogue as printouts
from bgfuture_desk.services.toys import service as toys
from bgfuture_desk.services.toys.service import LendCheck, LoanView, ToyView
from bgfuture_desk.services.unit import Database
from bgfuture_desk.ui.models.basket_model import LEND_NAME, LEND_NOTE, BasketModel
from bgfuture_desk.ui.toys.common import STYLES, ActorSource, ToyScreen, pass_on
from bgfuture_desk.ui.toys.family_header import FamilyHeader
from bgfuture_desk.ui.toys.family_side import FamilySide
from bgfuture_desk.ui.toys.reservation_actions import ReservationActions
from bgfuture_desk.ui.widgets.controls import ScanEdit, table_view
from bgfuture_desk.ui.widgets.family_finder import FamilyFinder
from bgfuture_desk.ui.widgets.fields import confirm, py_date, qdate
from bgfuture_desk.ui.widgets.styles import PRIMARY_ACTION_STYLE


class LendPanel(ToyScreen):
    loan_chosen = Signal(str)  # a toy the family has, by its code: it is coming back

    def __init__(
        self,
        db: Database,
        actor: ActorSource,
        index: Callable[[], SearchIndex],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.reservations = ReservationActions(db, actor, self)
        pass_on(self.reservations, self)
        self.family: FamilyView | None = None
        self.last_loans: list[LoanView] = []
        self.refused_toy: ToyView | None = None  # lent to another family: may be reserved
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.finder = FamilyFinder(db, index, self)
        self.header = FamilyHeader(self.finder, self)
        layout.addWidget(self.header)
        self.finder.family_chosen.connect(self.on_family_chosen)
        self.finder.failed.connect(lambda text: self.say(text, "error"))
        self._build_scan(layout)
        self._build_basket(layout)
        self._build_lend(layout)
        self._build_side(layout)
        self.show_family(None)

    # -- building ---------------------------------------------------------------------------

    def _build_scan(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        label = QLabel(_("&Toy code:"), self)
        self.scan = ScanEdit(_("Scan the label or type the code, then Enter"), self)
        label.setBuddy(self.scan)
        row.addWidget(label)
        row.addWidget(self.scan, 1)
        layout.addLayout(row)
        message_row = QHBoxLayout()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.reserve_button = QPushButton(self)
        self.reserve_button.clicked.connect(self.on_reserve_clicked)
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.reserve_button)
        layout.addLayout(message_row)
        self.scan.returnPressed.connect(self.on_scan_entered)

    def _build_basket(self, layout: QVBoxLayout) -> None:
        self.basket_caption = QLabel(self)
        layout.addWidget(self.basket_caption)
        self.basket = BasketModel(self)
        # the names fit their text; a long warning is cut, whole in its tooltip and above
        self.basket_view = table_view(self, self.basket, _("Toys to lend"), stretch=LEND_NOTE)
        self.basket_view.selectionModel().currentRowChanged.connect(self.on_basket_row_changed)
        self.basket_view.setMinimumHeight(100)
        layout.addWidget(self.basket_view, 2)
        self.basket.rowsInserted.connect(self._update_basket)
        self.basket.rowsRemoved.connect(self._update_basket)
        self.basket.modelReset.connect(self._update_basket)

    def _build_lend(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        self.remove_button = QPushButton(_("&Remove from the basket"), self)
        self.remove_button.clicked.connect(self.remove_current)
        self.earlier = QCheckBox(_("Lent &earlier, on:"), self)
        self.earlier_on = QDateEdit(self)
        self.earlier_on.setDisplayFormat("dd.MM.yyyy")
        self.earlier_on.setCalendarPopup(True)
        self.earlier_on.setEnabled(False)
        self.earlier.toggled.connect(self.on_earlier_toggled)
        self.earlier_on.setDate(qdate(self.db.clock.today()))
        self.earlier_on.dateChanged.connect(lambda _d: self.recheck())
        row.addWidget(self.remove_button)
        row.addStretch(1)
        row.addWidget(self.earlier)
        row.addWidget(self.earlier_on)
        layout.addLayout(row)
        row = QHBoxLayout()
        self.lend_button = QPushButton(_("&Lend (Ctrl+Enter)"), self)
        self.lend_button.setStyleSheet(PRIMARY_ACTION_STYLE)
        font = QFont(self.lend_button.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.lend_button.setFont(font)
        self.lend_button.clicked.connect(self.lend)
        self.due_label = QLabel(self)
        due_font = QFont(self.due_label.font())
        due_font.setBold(True)
        self.due_label.setFont(due_font)
        self.receipt_button = QPushButton(_("&Print the receipt…"), self)
        self.receipt_button.clicked.connect(self.print_receipt)
        row.addWidget(self.lend_button, 1)
        row.addWidget(self.due_label)
        row.addWidget(self.receipt_button)
        layout.addLayout(row)

    def _build_side(self, layout: QVBoxLayout) -> None:
        self.side = FamilySide(self)
        self.side.toy_chosen.connect(self.on_suggestion_chosen)
        self.side.loan_chosen.connect(self.loan_chosen)
        layout.addWidget(self.side, 2)

    # -- the family -------------------------------------------------------------------------

    def on_family_chosen(self, family: FamilyView) -> None:
        if self.family is not None and family.id != self.family.id and self.basket.rowCount():
            self.say(
                _("Lend or empty the basket of {code} first.").format(code=self.family.code),
                "error",
            )
            return
        self.show_family(family)
        self.scan.ready()

    def show_family(self, family: FamilyView | None) -> None:
        self.family = family
        self.last_loans = []
        self.say("")
        self.earlier.setChecked(False)
        for widget in (self.scan, self.basket_view, self.side, self.earlier):
            widget.setEnabled(family is not None)
        if family is None:
            self.header.show_nobody()
            self.side.clear()
            self._update_basket()
            return
        self.reload_family()

    def reload_family(self) -> None:
        """The family's children, the toys it has now, and what suits the children."""
        if self.family is None:
            return
        db, today = self.db, self.db.clock.today()
        family = self.family = families.get_family(db, self.family.id)
        open_loans = toys.open_loans(db, family.id)
        self.header.show_family(family, open_loans, today)
        self.side.show_rows(toys.suggest_toys(db, family.id), open_loans, today)
        self._update_basket()

    # -- scanning ---------------------------------------------------------------------------

    def say(self, text: str, kind: str = "ok") -> None:
        self.message.setText(text)
        self.message.setStyleSheet(STYLES[kind])
        self.message.setVisible(bool(text))
        if kind != "error" or not text:
            self.refused_toy = None
        self.reserve_button.setVisible(self.refused_toy is not None)

    def on_scan_entered(self) -> None:
        text = self.scan.text().strip()
        self.scan.ready()
        if not text:
            return
        if families.canonical_family_code(text) is not None:  # a family card at this field
            self.finder.search.setText(text)
            self.finder.on_search_entered()
            self.scan.setFocus()
            return
        self.add_code(text)

    def _check(self, code: str, basket: list[str]) -> LendCheck:
        assert self.family is not None
        return toys.check_lend(self.db, self.family.id, code, on=self.lent_on(), basket=basket)

    def add_code(self, code: str) -> None:
        self.refused_toy = None
        if self.family is None:
            self.say(_("Find the family first, then scan the toys."), "error")
            return
        try:
            check = self._check(code, self.basket.codes())
        except UserError as err:
            self.say(err.message, "error")
            return
        self.add_check(check)

    def add_check(self, check: LendCheck) -> None:
        toy = check.toy
        if check.blocked:
            waits = toy.reserved_for_family_code is not None
            theirs = self.family is not None and toy.borrower_family_id == self.family.id
            if toy.status in (ToyStatus.LENT, ToyStatus.IN_REPAIR) and not waits and not theirs:
                self.refused_toy = toy
                self.reserve_button.setText(
                    _("Re&serve it for {code}").format(
                        code=self.family.code if self.family is not None else ""
                    )
                )
            self.say(check.message, "error")
            self.reserve_button.setVisible(self.refused_toy is not None)
            return
        row = self.basket.add(check)
        self.basket_view.setCurrentIndex(self.basket.index(row, LEND_NAME))
        added = _("Added: {code} {name}.").format(code=toy.inventory_code, name=toy.name)
        if check.warnings:
            self.say(f"{added} {' '.join(check.warnings)}", "warning")
        else:
            self.say(added)

    def recheck(self) -> None:
        """Ask again for every toy in the basket (a toy taken out, another day of lending):
        the warnings and the limit follow what the basket holds now."""
        self._update_due()
        if self.family is None or not self.basket.rowCount():
            return
        checks: list[LendCheck] = []
        codes: list[str] = []
        try:
            for code in self.basket.codes():
                checks.append(self._check(code, codes))
                codes.append(code)
        except UserError as err:
            self.say(err.message, "error")
            return
        self.basket.set_checks([c for c in checks if not c.blocked])
        refused = [c.message for c in checks if c.blocked]
        if refused:
            self.say(" ".join(refused), "error")

    def on_basket_row_changed(self, current, _previous=None) -> None:
        """The whole warning of the chosen line (the table shows its start)."""
        checks = self.basket.checks()
        if 0 <= current.row() < len(checks) and checks[current.row()].warnings:
            self.say(" ".join(checks[current.row()].warnings), "warning")

    def on_suggestion_chosen(self, code: str) -> None:
        self.add_code(code)
        self.scan.setFocus()

    def remove_current(self) -> None:
        check = self.basket.remove(self.basket_view.currentIndex().row())
        if check is not None:
            self.recheck()
            self.say(_("Taken out of the basket: {code}.").format(code=check.toy.inventory_code))
        self.scan.setFocus()

    def on_reserve_clicked(self) -> None:
        toy, family = self.refused_toy, self.family
        if toy is None or family is None:
            return
        self.say("")
        self.reservations.reserve(toy, family.id, family.code)
        self.scan.ready()

    # -- lending ----------------------------------------------------------------------------

    def lent_on(self) -> dt.date | None:
        """The day of a loan entered later, or None for today."""
        return py_date(self.earlier_on.date()) if self.earlier.isChecked() else None

    def on_earlier_toggled(self, on: bool) -> None:
        today = self.db.clock.today()
        self.earlier_on.setMaximumDate(qdate(today))
        self.earlier_on.blockSignals(True)
        self.earlier_on.setDate(qdate(today - dt.timedelta(days=1)))
        self.earlier_on.blockSignals(False)
        self.earlier_on.setEnabled(on)
        if on:
            self.earlier_on.setFocus()
        self.recheck()

    def _update_due(self) -> None:
        lent_on = self.lent_on() or self.db.clock.today()
        due = toy_rules.due_date(lent_on, settings.read_settings(self.db)["loan_days"])
        self.due_label.setText(_("Due back: {date}").format(date=format_date(due)))
        self.due_label.setToolTip(format_date_long(due))

    def _update_basket(self, *_args: object) -> None:
        count = self.basket.rowCount()
        self.basket_caption.setText(
            ngettext("Basket: {n} toy", "Basket: {n} toys", count).format(n=count)
            if count
            else _("Basket: scan the toys the family takes.")
        )
        self.side.hide_toys({c.toy.id for c in self.basket.checks()})
        self.lend_button.setEnabled(self.family is not None and count > 0)
        self.remove_button.setEnabled(count > 0)
        self.receipt_button.setEnabled(bool(self.last_loans))
        self._update_due()

    def lend(self) -> None:
        """Lend the basket; past the family's limit an administrator is asked to allow it."""
        actor = self.actor()
        if self.family is None or actor is None:
            return
        if not self.basket.rowCount():
            self.say(_("Scan at least one toy first."), "error")
            self.scan.setFocus()
            return
        over = any(c.limit_reached for c in self.basket.checks())
        if over and allowed(actor.role, Permission.LENDING_RULES):
            text = _("The family passes its limit of toys. Lend all of them anyway?")
            box = confirm(self, _("Above the limit"), text, _("&Lend anyway"),
                          lambda: self._lend(override=True))  # fmt: skip
            self.open_dialog(box)
            return
        self._lend(override=False)

    def _lend(self, *, override: bool) -> None:
        family, actor = self.family, self.actor()
        if family is None or actor is None:
            return
        try:
            loans = toys.lend_toys(
                self.db,
                actor,
                family.id,
                self.basket.codes(),
                lent_on=self.lent_on(),
                override_limit=override,
            )
        except UserError as err:
            self.say(err.message, "error")
            self.scan.setFocus()
            return
        self.basket.clear()
        self.earlier.setChecked(False)
        self.last_loans = loans
        text = ngettext(
            "{n} toy lent to {family}, due back on {date}.",
            "{n} toys lent to {family}, due back on {date}.",
            len(loans),
        ).format(n=len(loans), family=family.title, date=format_date(loans[0].due_on))
        self.say(text)
        self.notify(text)
        self.changed.emit()
        self.scan.ready()

    def print_receipt(self) -> None:
        if not self.last_loans or self.family is None:
            return
        loan_id = self.last_loans[0].id
        self.preview_pdf(
            _("Loan receipt {code}").format(code=self.family.code),
            _("receipt-{code}.pdf").format(code=self.family.code),
            lambda: printouts.make(self.db, "receipt", [str(loan_id)]),
        )

    def on_escape(self) -> None:
        """Esc empties the field being typed in, else goes back to the scan field."""
        if self.finder.search.hasFocus() and self.finder.search.text():
            self.finder.clear()
        elif self.scan.hasFocus():
            self.scan.clear()
            self.say("")
        elif self.family is None:
            self.finder.search.setFocus()
        else:
            self.scan.setFocus()
