"""Who is in the house now and since when, the day's counts, and any past day.

One click checks a visit out (the button in its row); „Who leaves…“ (Alt+Й) lets some of
its members go while the others stay. From the keyboard, Alt+Щ goes to the list and the
buttons below it act on the chosen visit. Each member has a line of their own, with the
time of leaving of those who left before the others.
"""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.i18n import _, format_date_long, format_number
from bgfuture_desk.services.unit import Database
from bgfuture_desk.services.visits import service as visits
from bgfuture_desk.services.visits.service import DaySummary, VisitView
from bgfuture_desk.ui.models.visit_table_model import (
    COL_IN,
    COL_OUT,
    COL_PURPOSES,
    COL_WHO,
    VisitTableModel,
)
from bgfuture_desk.ui.widgets.fields import py_date, qdate

COUNT_KEYS = ("here", "children", "adults", "families", "anonymous")
TABLE_MIN_HEIGHT = 120  # a header and two visits; more scroll


def _count_tile(caption: str, parent: QWidget) -> tuple[QWidget, QLabel]:
    tile = QWidget(parent)
    column = QVBoxLayout(tile)
    column.setContentsMargins(4, 0, 4, 0)
    column.setSpacing(0)
    number = QLabel("0", tile)
    font = QFont(number.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    number.setFont(font)
    number.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    column.addWidget(number)
    label = QLabel(caption, tile)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    label.setWordWrap(True)  # „в къщата сега“ on two lines when the panel is narrow
    column.addWidget(label)
    return tile, number


class TodayPanel(QWidget):
    check_out_requested = Signal(object)  # VisitView
    leave_requested = Signal(object)  # VisitView: some of its members leave
    correct_requested = Signal(object)  # VisitView
    cancel_requested = Signal(object)  # VisitView
    family_requested = Signal(object)  # uuid of the family of a visit

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.summary: DaySummary | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self._build_day_row(layout)
        self._build_counts(layout)
        self._build_table(layout)
        self._build_buttons(layout)
        blocked = self.day_edit.blockSignals(True)  # read when the page is first shown
        self.day_edit.setDate(qdate(self.db.clock.today()))
        self.day_edit.blockSignals(blocked)

    # -- building ---------------------------------------------------------------------------

    def _build_day_row(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        day_label = QLabel(_("&Date:"), self)
        self.previous_button = QPushButton("‹", self)
        self.previous_button.setToolTip(_("The day before"))
        self.previous_button.setAccessibleName(_("The day before"))
        self.day_edit = QDateEdit(self)
        self.day_edit.setDisplayFormat("dd.MM.yyyy")
        self.day_edit.setCalendarPopup(True)
        day_label.setBuddy(self.day_edit)
        self.next_button = QPushButton("›", self)
        self.next_button.setToolTip(_("The day after"))
        self.next_button.setAccessibleName(_("The day after"))
        self.today_button = QPushButton(_("Today"), self)
        for button in (self.previous_button, self.next_button):
            button.setFixedWidth(button.sizeHint().height() + 8)
        for widget in (
            day_label,
            self.previous_button,
            self.day_edit,
            self.next_button,
            self.today_button,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        self.previous_button.clicked.connect(lambda: self.step_day(-1))
        self.next_button.clicked.connect(lambda: self.step_day(1))
        self.today_button.clicked.connect(lambda: self.set_day(self.db.clock.today()))
        self.day_edit.dateChanged.connect(self.on_day_changed)
        for keys, step in (("Ctrl+PgUp", -1), ("Ctrl+PgDown", 1)):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(lambda _checked=False, s=step: self.step_day(s))
            self.addAction(action)

    def _build_counts(self, layout: QVBoxLayout) -> None:
        grid = QGridLayout()
        grid.setContentsMargins(0, 4, 0, 4)
        captions = {
            "here": _("in the house now"),
            "children": _("children"),
            "adults": _("adults"),
            "families": _("families"),
            "anonymous": _("anonymous"),
        }
        self.count_labels: dict[str, QLabel] = {}
        self.count_tiles: dict[str, QWidget] = {}
        for column, key in enumerate(COUNT_KEYS):
            tile, number = _count_tile(captions[key], self)
            grid.addWidget(tile, 0, column)
            self.count_labels[key] = number
            self.count_tiles[key] = tile
        layout.addLayout(grid)

    def _build_table(self, layout: QVBoxLayout) -> None:
        label = QLabel(_("&Visits:"), self)
        layout.addWidget(label)
        self.model = VisitTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        label.setBuddy(self.table)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # one line per member and per purpose: a text too long is cut with „…“, whole in
        # its tooltip, never wrapped out of sight
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        # every row as tall as its lines, also after the fonts or the column widths change
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_IN, QHeaderView.ResizeMode.ResizeToContents)
        # the names keep their width; the purposes give way first (whole in their tooltip)
        header.setSectionResizeMode(COL_WHO, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_PURPOSES, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_OUT, QHeaderView.ResizeMode.ResizeToContents)
        title = str(self.model.headerData(COL_PURPOSES, Qt.Orientation.Horizontal))
        header.setMinimumSectionSize(header.fontMetrics().horizontalAdvance(title) + 16)
        self.table.setMinimumHeight(TABLE_MIN_HEIGHT)
        self.table.doubleClicked.connect(self.on_row_double_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(_("No visits on this day."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: gray;")
        layout.addWidget(self.empty)

    def _build_buttons(self, layout: QVBoxLayout) -> None:
        """Two short rows, so the panel stays narrow: leaving first, corrections below."""
        self.check_out_button = QPushButton(_("Check &out"), self)
        self.leave_button = QPushButton(_("Who &leaves…"), self)
        self.leave_button.setToolTip(_("Some members leave, the others stay"))
        self.correct_button = QPushButton(_("Co&rrect…"), self)
        self.cancel_button = QPushButton(_("Ca&ncel the visit…"), self)
        self.check_out_button.clicked.connect(lambda: self._emit(self.check_out_requested))
        self.leave_button.clicked.connect(lambda: self._emit(self.leave_requested))
        self.correct_button.clicked.connect(lambda: self._emit(self.correct_requested))
        self.cancel_button.clicked.connect(lambda: self._emit(self.cancel_requested))
        for buttons in (
            (self.check_out_button, self.leave_button),
            (self.correct_button, self.cancel_button),
        ):
            row = QHBoxLayout()
            for button in buttons:
                row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
        self._update_buttons()

    # -- the day ----------------------------------------------------------------------------

    def day(self) -> dt.date:
        return py_date(self.day_edit.date())

    def is_today(self) -> bool:
        return self.day() == self.db.clock.today()

    def set_day(self, day: dt.date) -> None:
        if day == self.day():
            self.reload()
        else:
            self.day_edit.setDate(qdate(day))  # reloads through dateChanged

    def step_day(self, step: int) -> None:
        day = self.day() + dt.timedelta(days=step)
        if day <= self.db.clock.today():
            self.set_day(day)

    def on_day_changed(self, _date: QDate) -> None:
        self.reload()

    def reload(self, keep: uuid.UUID | None = None) -> None:
        """Read the day again; the chosen visit stays chosen when it is still listed."""
        current = self.selected()
        keep = keep or (current.id if current else None)
        today = self.db.clock.today()
        self.day_edit.setMaximumDate(qdate(today))
        day = self.day()
        self.model.set_rows(visits.visits_on(self.db, day))
        self.summary = visits.day_summary(self.db, day)
        self._show_counts(self.summary)
        self.heading.setText(
            _("Today, {date}").format(date=format_date_long(day))
            if day == today
            else _("Visits on {date}").format(date=format_date_long(day))
        )
        self.next_button.setEnabled(day < today)
        self.today_button.setEnabled(day != today)
        self.empty.setVisible(self.model.rowCount() == 0)
        self._add_row_buttons()
        row = self.model.row_of(keep) if keep else -1
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, COL_WHO))
        self._update_buttons()

    def _show_counts(self, summary: DaySummary) -> None:
        values = {
            "here": summary.in_house_now,
            "children": summary.children,
            "adults": summary.adults,
            "families": summary.families,
            "anonymous": summary.anonymous_adults + summary.anonymous_children,
        }
        for key, value in values.items():
            self.count_labels[key].setText(format_number(value))
        self.count_tiles["here"].setVisible(self.is_today())

    def counts(self) -> dict[str, int]:
        """The numbers as shown (for tests and tips)."""
        return {k: int(v.text().replace("\xa0", "")) for k, v in self.count_labels.items()}

    def _add_row_buttons(self) -> None:
        """A „Излезе“ button in the row of each visit still in the house (today only)."""
        if not self.is_today():
            return
        for row, visit in enumerate(self.model.rows()):
            if not visit.is_open:
                continue
            button = QPushButton(_("Leaves"), self.table)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(_("Check out: the visitors leave now"))
            button.clicked.connect(lambda _c=False, v=visit: self.check_out_requested.emit(v))
            self.table.setIndexWidget(self.model.index(row, COL_OUT), button)

    def row_button(self, row: int) -> QPushButton | None:
        widget = self.table.indexWidget(self.model.index(row, COL_OUT))
        return widget if isinstance(widget, QPushButton) else None

    # -- the chosen visit -------------------------------------------------------------------

    def selected(self) -> VisitView | None:
        return self.model.row_at(self.table.currentIndex())

    def select_visit(self, visit_id: uuid.UUID) -> None:
        row = self.model.row_of(visit_id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, COL_WHO))

    def _emit(self, signal) -> None:
        visit = self.selected()
        if visit is not None:
            signal.emit(visit)

    def _update_buttons(self, *_args: object) -> None:
        visit = self.selected()
        open_today = visit is not None and visit.is_open and self.is_today()
        self.check_out_button.setEnabled(open_today)
        self.leave_button.setEnabled(open_today and visit is not None and len(visit.still_in) > 1)
        self.correct_button.setEnabled(visit is not None)
        self.cancel_button.setEnabled(visit is not None)

    def on_row_double_clicked(self, index) -> None:
        visit = self.model.row_at(index)
        if visit is not None and visit.family_id is not None:
            self.family_requested.emit(visit.family_id)
