"""„Просрочени“: the call list of overdue loans, the calls made about each, and a new call.

The most overdue come first; the chosen loan's calls are listed below it, newest first,
and a call is recorded with its date and what was said. The list prints for the phone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _, format_date, ngettext
from bgfuture_desk.services.printouts import catalogue as printouts
from bgfuture_desk.services.toys import service as toys
from bgfuture_desk.services.toys.service import LoanView
from bgfuture_desk.services.unit import Database
from bgfuture_desk.ui.models.loan_table_model import (
    FAMILY,
    OVERDUE_COLUMNS,
    LoanTableModel,
    ReminderTableModel,
)
from bgfuture_desk.ui.toys.common import ActorSource, ToyScreen
from bgfuture_desk.ui.widgets.controls import table_view
from bgfuture_desk.ui.widgets.fields import py_date, qdate
from bgfuture_desk.ui.widgets.form import error_label, show_message


class OverdueTab(ToyScreen):
    def __init__(self, db: Database, actor: ActorSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        row = QHBoxLayout()
        self.caption = QLabel(self)
        self.print_button = QPushButton(_("&Print the call list…"), self)
        self.print_button.clicked.connect(self.print_list)
        row.addWidget(self.caption, 1)
        row.addWidget(self.print_button)
        layout.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        self.model = LoanTableModel(OVERDUE_COLUMNS, self)
        self.view = table_view(
            splitter, self.model, _("Overdue loans"), stretch=OVERDUE_COLUMNS.index(FAMILY)
        )
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self.show_calls())
        splitter.addWidget(self.view)
        splitter.addWidget(self._build_calls(splitter))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        action = QAction(self)
        action.setShortcut(QKeySequence("Ctrl+P"))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(self.print_list)
        self.addAction(action)

    def _build_calls(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 4, 0, 0)
        self.calls_caption = QLabel(box)
        column.addWidget(self.calls_caption)
        self.calls = ReminderTableModel(box)
        self.calls_view = table_view(box, self.calls, _("Calls made"), stretch=1)
        self.calls_view.setMinimumHeight(80)
        column.addWidget(self.calls_view, 1)
        grid = QGridLayout()
        date_label = QLabel(_("Called &on:"), box)
        self.called_on = QDateEdit(box)
        self.called_on.setDisplayFormat("dd.MM.yyyy")
        self.called_on.setCalendarPopup(True)
        date_label.setBuddy(self.called_on)
        note_label = QLabel(_("What was &said:"), box)
        self.note = QLineEdit(box)
        self.note.setPlaceholderText(_("e.g. will bring it on Friday; no answer"))
        note_label.setBuddy(self.note)
        self.record_button = QPushButton(_("&Record the call"), box)
        self.record_button.clicked.connect(self.record_call)
        self.note.returnPressed.connect(self.record_call)
        grid.addWidget(date_label, 0, 0)
        grid.addWidget(self.called_on, 0, 1)
        grid.addWidget(note_label, 0, 2)
        grid.addWidget(self.note, 0, 3)
        grid.addWidget(self.record_button, 0, 4)
        grid.setColumnStretch(3, 1)
        column.addLayout(grid)
        self.error = error_label(box)
        column.addWidget(self.error)
        return box

    # -- reading ----------------------------------------------------------------------------

    def reload(self) -> None:
        current = self.current_loan()
        today = self.db.clock.today()
        rows = toys.overdue_loans(self.db, today)
        self.model.set_rows(rows)
        self.stale = False
        self.caption.setText(
            ngettext(
                "{n} overdue loan on {date}, the most overdue first.",
                "{n} overdue loans on {date}, the most overdue first.",
                len(rows),
            ).format(n=len(rows), date=format_date(today))
            if rows
            else _("No overdue loans on {date}.").format(date=format_date(today))
        )
        self.called_on.setMaximumDate(qdate(today))
        self.called_on.setDate(qdate(today))
        row = self.model.row_of(current.id) if current is not None else -1
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(max(row, 0), 0))
        self.print_button.setEnabled(bool(rows))
        self.show_calls()

    def current_loan(self) -> LoanView | None:
        return self.model.row_at(self.view.currentIndex())

    def show_calls(self) -> None:
        loan = self.current_loan()
        show_message(self.error, "")
        for widget in (self.called_on, self.note, self.record_button):
            widget.setEnabled(loan is not None)
        if loan is None:
            self.calls.set_rows([])
            self.calls_caption.setText(_("Choose a loan to see the calls made about it."))
            return
        self.calls.set_rows(loan.reminders)
        self.calls_caption.setText(
            _("Calls about {toy} ({family}):").format(
                toy=f"{loan.toy_code} {loan.toy_name}", family=loan.family_code
            )
            if loan.reminders
            else _("No calls yet about {toy} ({family}).").format(
                toy=f"{loan.toy_code} {loan.toy_name}", family=loan.family_code
            )
        )

    # -- acting -----------------------------------------------------------------------------

    def record_call(self) -> None:
        loan, actor = self.current_loan(), self.actor()
        if loan is None or actor is None:
            return
        called_on = py_date(self.called_on.date())
        note = self.note.text()
        try:
            toys.record_reminder(self.db, actor, loan.id, called_on, note)
        except UserError as err:
            show_message(self.error, err.message)
            return
        self.note.clear()
        self.reload()
        self.notify(
            _("The call to {family} on {date} was recorded.").format(
                family=loan.family_code, date=format_date(called_on)
            )
        )
        self.view.setFocus()

    def print_list(self) -> None:
        name = _("overdue-{date}.pdf").format(date=self.db.clock.today().isoformat())
        self.preview_pdf(
            _("Overdue toys: call list"), name, lambda: printouts.make(self.db, "overdue")
        )

    def focus_first(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def on_escape(self) -> None:
        if self.note.hasFocus() and self.note.text():
            self.note.clear()
        else:
            self.focus_first()
