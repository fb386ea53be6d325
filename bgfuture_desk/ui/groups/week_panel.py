"""The week's sessions in the house, Monday to Sunday; a double click opens the register."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.domain.vocab import SessionStatus
from bgfuture_desk.i18n import _, format_date_long, ngettext
from bgfuture_desk.services.groups import service as groups
from bgfuture_desk.services.unit import Database
from bgfuture_desk.ui.models.group_texts import day_month, week_monday
from bgfuture_desk.ui.models.week_table_model import DAYS, WeekTableModel
from bgfuture_desk.ui.widgets.page import page_heading


def week_title(monday: dt.date) -> str:
    """„17 – 23 ноември 2025 г.“ (or across months: „29 декември – 4 януари 2026 г.“)."""
    sunday = monday + dt.timedelta(days=6)
    start = str(monday.day) if monday.month == sunday.month else day_month(monday)
    if monday.year != sunday.year:
        start = format_date_long(monday)
    return f"{start} – {format_date_long(sunday)}"


class WeekPanel(QWidget):
    session_opened = Signal(object)  # SessionView

    def __init__(
        self, db: Database, today: Callable[[], dt.date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today
        self.monday: dt.date | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        row = QHBoxLayout()
        self.previous_button = QPushButton("‹", self)
        self.previous_button.setToolTip(_("The week before (Ctrl+PgUp)"))
        self.previous_button.setAccessibleName(_("The week before"))
        self.next_button = QPushButton("›", self)
        self.next_button.setToolTip(_("The week after (Ctrl+PgDown)"))
        self.next_button.setAccessibleName(_("The week after"))
        for button in (self.previous_button, self.next_button):
            button.setFixedWidth(44)
        self.this_week_button = QPushButton(_("This &week"), self)
        self.title = page_heading("", self)
        row.addWidget(self.previous_button)
        row.addWidget(self.title)
        row.addWidget(self.next_button)
        row.addStretch(1)
        row.addWidget(self.this_week_button)
        layout.addLayout(row)
        self.caption = QLabel(self)
        layout.addWidget(self.caption)
        self.model = WeekTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Sessions of the week"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.this_week_button.clicked.connect(self.show_this_week)
        self.table.activated.connect(self.on_activated)
        self.table.doubleClicked.connect(self.on_activated)
        for keys, step in (("Ctrl+PgUp", -1), ("Ctrl+PgDown", 1)):
            act = QAction(self)
            act.setShortcut(QKeySequence(keys))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(lambda _checked=False, s=step: self.step(s))
            self.addAction(act)

    def show_this_week(self) -> None:
        self.show_week(week_monday(self.today()))

    def step(self, weeks: int) -> None:
        monday = self.monday or week_monday(self.today())
        self.show_week(monday + dt.timedelta(weeks=weeks))

    def show_week(self, monday: dt.date) -> None:
        self.monday = week_monday(monday)
        sunday = self.monday + dt.timedelta(days=DAYS - 1)
        sessions = groups.sessions_between(self.db, self.monday, sunday)
        self.model.set_week(self.monday, sessions, self.today())
        self.title.setText(week_title(self.monday))
        held = [s for s in sessions if s.status != SessionStatus.CANCELLED]
        self.caption.setText(
            ngettext("{n} session this week.", "{n} sessions this week.", len(held)).format(
                n=len(held)
            )
            if held
            else _("No sessions this week.")
        )
        first = self.model.index(0, self.first_day_with_sessions())
        if self.model.session_at(first) is not None:
            self.table.setCurrentIndex(first)

    def first_day_with_sessions(self) -> int:
        """Today's column if it has sessions, else the first day that has."""
        columns = range(DAYS)
        today = self.today()
        if self.monday is not None and self.monday <= today < self.monday + dt.timedelta(DAYS):
            column = (today - self.monday).days
            if self.model.sessions_on(column):
                return column
        return next((c for c in columns if self.model.sessions_on(c)), 0)

    def reload(self) -> None:
        if self.monday is None:
            self.show_this_week()
        else:
            self.show_week(self.monday)

    def on_activated(self, index: QModelIndex) -> None:
        session = self.model.session_at(index)
        if session is not None:
            self.session_opened.emit(session)

    def focus_first(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
