"""Returns at the desk: scan each toy that came back, note what is missing, „Върни“.

A scanned toy brings its open loan into the list (family, due date, pieces); the line
below the list says how the chosen toy came back (missing pieces, condition, lost). The
toys a family brings back are returned together; the ones it keeps stay lent. A toy that
someone reserved is announced in a box that stays until the next return.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.domain.vocab import ToyCondition, ToyStatus
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _, format_date, ngettext
from bgfuture_desk.services.toys import service as toys
from bgfuture_desk.services.toys.service import ReturnResult, ToyView
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.models.basket_model import RET_TOY, ReturnLine, ReturnTableModel
from bgfuture_desk.ui.models.loan_table_model import days_text
from bgfuture_desk.ui.toys.common import NOTICE_STYLE, STYLES, ActorSource, ToyScreen
from bgfuture_desk.ui.widgets.controls import ScanEdit, table_view
from bgfuture_desk.ui.widgets.fields import py_date, qdate

RETURN_STYLE = (
    "QPushButton { background: #1565c0; color: white; font-weight: bold; padding: 8px 16px;"
    " border-radius: 4px; } QPushButton:focus { border: 2px solid #0d2f5a; }"
    " QPushButton:disabled { background: #9e9e9e; }"
)


def returned_toy_text(toy: ToyView) -> str:
    """„KRN-T-0031 (налична, нова)“: what the return saved, as the catalogue now shows it."""
    if toy.status in (ToyStatus.LOST, ToyStatus.IN_REPAIR):
        state = toy.status_label
    else:
        state = f"{toy.status_label}, {toy.condition_label}"
    return f"{toy.inventory_code} ({state})"


class ReturnPanel(ToyScreen):
    def __init__(self, db: Database, actor: ActorSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(_("Returns"), self)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        self._build_scan(layout)
        self._build_list(layout)
        self._build_details(layout)
        self._build_return(layout)
        self.say("")
        self.show_line()

    # -- building ---------------------------------------------------------------------------

    def _build_scan(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        label = QLabel(_("Toy &back:"), self)
        self.scan = ScanEdit(_("Scan the returned toy, then Enter"), self)
        label.setBuddy(self.scan)
        row.addWidget(label)
        row.addWidget(self.scan, 1)
        layout.addLayout(row)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.scan.returnPressed.connect(self.on_scan_entered)

    def _build_list(self, layout: QVBoxLayout) -> None:
        self.model = ReturnTableModel(self)
        self.view = table_view(self, self.model, _("Toys coming back"), stretch=RET_TOY)
        self.view.setMinimumHeight(110)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self.show_line())
        self.model.rowsInserted.connect(self._update_buttons)
        self.model.rowsRemoved.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        layout.addWidget(self.view, 1)

    def _build_details(self, layout: QVBoxLayout) -> None:
        self.loan_label = QLabel(self)
        self.loan_label.setWordWrap(True)
        layout.addWidget(self.loan_label)
        grid = QGridLayout()
        self.missing = QSpinBox(self)
        self.missing.setRange(0, 0)
        missing_label = QLabel(_("&Missing pieces:"), self)
        missing_label.setBuddy(self.missing)
        self.condition = QComboBox(self)
        for value, label in ToyCondition.choices():
            self.condition.addItem(label, value)
        condition_label = QLabel(_("Con&dition:"), self)
        condition_label.setBuddy(self.condition)
        self.lost = QCheckBox(_("The toy is &lost"), self)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(_("e.g. which piece is missing"))
        note_label = QLabel(_("N&ote:"), self)
        note_label.setBuddy(self.note)
        grid.addWidget(missing_label, 0, 0)
        grid.addWidget(self.missing, 0, 1)
        grid.addWidget(condition_label, 0, 2)
        grid.addWidget(self.condition, 0, 3)
        grid.addWidget(note_label, 1, 0)
        grid.addWidget(self.note, 1, 1, 1, 3)
        grid.addWidget(self.lost, 2, 1, 1, 3)
        grid.setColumnStretch(3, 1)
        layout.addLayout(grid)
        self.missing.valueChanged.connect(lambda v: self._edit(pieces_missing=v))
        self.condition.currentIndexChanged.connect(
            lambda _i: self._edit(condition=self.condition.currentData())
        )
        self.lost.toggled.connect(self.on_lost_toggled)
        self.note.textEdited.connect(lambda text: self._edit(note=text))

    def _build_return(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        self.earlier = QCheckBox(_("Returned e&arlier, on:"), self)
        self.earlier_on = QDateEdit(self)
        self.earlier_on.setDisplayFormat("dd.MM.yyyy")
        self.earlier_on.setCalendarPopup(True)
        self.earlier_on.setEnabled(False)
        self.earlier.toggled.connect(self.on_earlier_toggled)
        self.earlier_on.setDate(qdate(self.db.clock.today()))
        self.remove_button = QPushButton(_("Ta&ke off the list"), self)
        self.remove_button.clicked.connect(self.remove_current)
        row.addWidget(self.earlier)
        row.addWidget(self.earlier_on)
        row.addStretch(1)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        self.return_button = QPushButton(_("Return (Ctrl+Enter)"), self)
        self.return_button.setStyleSheet(RETURN_STYLE)
        font = QFont(self.return_button.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.return_button.setFont(font)
        self.return_button.clicked.connect(self.return_all)
        layout.addWidget(self.return_button)
        self.reserved = QLabel(self)
        self.reserved.setStyleSheet(NOTICE_STYLE)
        self.reserved.setWordWrap(True)
        self.reserved.hide()
        layout.addWidget(self.reserved)
        self._update_buttons()

    # -- scanning ---------------------------------------------------------------------------

    def say(self, text: str, kind: str = "ok") -> None:
        self.message.setText(text)
        self.message.setStyleSheet(STYLES[kind])
        self.message.setVisible(bool(text))

    def on_scan_entered(self) -> None:
        text = self.scan.text().strip()
        self.scan.ready()
        if text:
            self.add_code(text)

    def add_code(self, code: str) -> None:
        """Bring the open loan of the toy ``code`` into the list and choose it."""
        try:
            loan = toys.open_loan_for_toy(self.db, code)
            condition = toys.get_toy(self.db, loan.toy_id).condition
        except UserError as err:
            self.say(err.message, "error")
            return
        row = self.model.add(loan, condition)
        self.view.setCurrentIndex(self.model.index(row, RET_TOY))
        text = _("{toy}: lent to {family} until {date}.").format(
            toy=f"{loan.toy_code} {loan.toy_name}",
            family=loan.family_title or loan.family_code,
            date=format_date(loan.due_on),
        )
        if loan.overdue:
            late = _("Overdue by {days}.").format(days=days_text(loan.days_overdue))
            self.say(f"{text} {late}", "warning")
        else:
            self.say(text)

    def remove_current(self) -> None:
        line = self.model.remove(self.view.currentIndex().row())
        if line is not None:
            self.say(_("Taken off the list: {code}.").format(code=line.loan.toy_code))
        self.scan.setFocus()

    # -- the chosen line --------------------------------------------------------------------

    def current_row(self) -> int:
        return self.view.currentIndex().row()

    def show_line(self) -> None:
        """Fill the fields below the list from the chosen line (or empty them)."""
        line = self.model.line(self.current_row())
        self.loading = True
        try:
            for widget in (self.missing, self.condition, self.lost, self.note):
                widget.setEnabled(line is not None)
            if line is None:
                self.loan_label.setText(_("Scan a toy to see its loan."))
                self.missing.setRange(0, 0)
                self.missing.setSuffix("")
                self.lost.setChecked(False)
                self.note.clear()
                return
            loan = line.loan
            self.loan_label.setText(
                _("{family}, lent on {lent}, {pieces} pieces went out.").format(
                    family=loan.family_title or loan.family_code,
                    lent=format_date(loan.lent_on),
                    pieces=loan.pieces_out,
                )
            )
            # all pieces missing is a lost toy: the check box below says that
            self.missing.setRange(0, max(0, loan.pieces_out - 1))
            self.missing.setSuffix(_(" of {n}").format(n=loan.pieces_out))
            self.missing.setValue(line.pieces_missing)
            self.condition.setCurrentIndex(max(0, self.condition.findData(line.condition)))
            self.lost.setChecked(line.lost)
            self.note.setText(line.note)
            self.missing.setEnabled(not line.lost)
            self.condition.setEnabled(not line.lost)
        finally:
            self.loading = False

    def _edit(self, **changes) -> None:
        if not self.loading:
            self.model.update(self.current_row(), **changes)

    def on_lost_toggled(self, lost: bool) -> None:
        self.missing.setEnabled(not lost and self.model.line(self.current_row()) is not None)
        self.condition.setEnabled(self.missing.isEnabled())
        self._edit(lost=lost)

    def on_earlier_toggled(self, on: bool) -> None:
        today = self.db.clock.today()
        self.earlier_on.setMaximumDate(qdate(today))
        if on:
            self.earlier_on.setDate(qdate(today - dt.timedelta(days=1)))
            self.earlier_on.setFocus()
        self.earlier_on.setEnabled(on)

    def _update_buttons(self, *_args: object) -> None:
        has = self.model.rowCount() > 0
        self.return_button.setEnabled(has)
        self.remove_button.setEnabled(has)
        if has and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, RET_TOY))
        self.show_line()

    # -- returning --------------------------------------------------------------------------

    def return_all(self) -> None:
        """Return every listed toy; one refused stays on the list with the reason."""
        actor = self.actor()
        if actor is None or not self.model.rowCount():
            self.say(_("Scan the toys that came back first."), "error")
            self.scan.setFocus()
            return
        returned_on = py_date(self.earlier_on.date()) if self.earlier.isChecked() else None
        done, reserved, refused = [], [], []
        for line in self.model.lines():
            try:
                result = self._return(actor, line, returned_on)
            except UserError as err:
                refused.append(f"{line.loan.toy_code}: {err.message}")
                continue
            self.model.remove(self.model.row_of(line.loan.id))
            done.append(result)
            if result.reserved_for:
                reserved.append(
                    f"{line.loan.toy_code} {line.loan.toy_name} — {result.reserved_for}"
                )
        self._after_return(done, reserved, refused)

    def _return(self, actor: Actor, line: ReturnLine, returned_on: dt.date | None) -> ReturnResult:
        return toys.return_toy(
            self.db,
            actor,
            line.loan.id,
            returned_on=returned_on,
            pieces_missing=0 if line.lost else line.pieces_missing,
            condition=line.condition,
            lost=line.lost,
            note=line.note.strip(),
        )

    def _after_return(self, done: list, reserved: list[str], refused: list[str]) -> None:
        if done:
            names = ", ".join(returned_toy_text(r.toy) for r in done)
            text = ngettext("{n} toy returned: {names}.", "{n} toys returned: {names}.", len(done))
            text = text.format(n=len(done), names=names)
            self.notify(text)
            self.say(text)
            self.earlier.setChecked(False)
            self.changed.emit()
        if reserved:
            self.reserved.setText("\n".join([_("Put aside, someone waits for it:"), *reserved]))
        self.reserved.setVisible(bool(reserved))
        if refused:
            self.say(" ".join(refused), "error")
        self.scan.ready()

    def on_escape(self) -> None:
        if self.scan.hasFocus():
            self.scan.clear()
            self.say("")
        else:
            self.scan.setFocus()
