"""Per-programme numbers of a chosen month: sessions held, people, attendance, completions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.groups import service as groups
from bgfuture_desk.services.unit import Database
from bgfuture_desk.ui.models.group_texts import month_name
from bgfuture_desk.ui.models.programme_numbers_model import COL_PROGRAMME, ProgrammeNumbersModel
from bgfuture_desk.ui.widgets.controls import read_only_table

MONTHS_BACK = 24


def months_until(day: dt.date, count: int = MONTHS_BACK) -> list[dt.date]:
    """The first days of the ``count`` months up to ``day``'s, newest first."""
    first = day.replace(day=1)
    out = []
    for _step in range(count):
        out.append(first)
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return out


class NumbersPanel(QWidget):
    notified = Signal(str, bool, object)  # text, error, undo (a callable or None)

    def __init__(
        self, db: Database, today: Callable[[], dt.date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        row = QHBoxLayout()
        label = QLabel(_("&Month:"), self)
        self.month = QComboBox(self)
        self.month.setMinimumWidth(200)
        label.setBuddy(self.month)
        row.addWidget(label)
        row.addWidget(self.month)
        row.addStretch(1)
        layout.addLayout(row)
        self.model = ProgrammeNumbersModel(self)
        self.table = read_only_table(self.model, self, COL_PROGRAMME, _("Numbers per programme"))
        layout.addWidget(self.table, 1)
        self.note = QLabel(
            _(
                "Average attendance: people present per held session. A completion counts in "
                "the month of the group's last session."
            ),
            self,
        )
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        layout.addWidget(self.note)
        self.month.currentIndexChanged.connect(self.on_month_changed)

    def fill_months(self) -> None:
        """The last two years of months, the current one chosen (kept when refilled)."""
        keep = self.month.currentData()
        self.month.blockSignals(True)
        self.month.clear()
        for first in months_until(self.today()):
            self.month.addItem(month_name(first), first.strftime("%Y-%m"))
        self.month.setCurrentIndex(max(0, self.month.findData(keep)) if keep else 0)
        self.month.blockSignals(False)

    def reload(self) -> None:
        if not self.month.count():
            self.fill_months()
        self.on_month_changed()

    def show_month(self, month: str) -> None:
        index = self.month.findData(month)
        if index >= 0:
            self.month.setCurrentIndex(index)
        self.on_month_changed()

    def on_month_changed(self, *_args: object) -> None:
        month = self.month.currentData()
        if month is None:
            return
        try:
            self.model.set_rows(groups.programme_numbers(self.db, month))
        except UserError as err:
            self.notified.emit(err.message, True, None)

    def focus_first(self) -> None:
        self.month.setFocus(Qt.FocusReason.OtherFocusReason)
