"""A week of the house's sessions: one column a day (Monday first), one cell a session.

Row n of a day is its n-th session by time, so a day with three sessions fills three rows.
Holidays say so in the header; today's column is tinted; cancelled sessions are grey.
"""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from bgfuture_desk.domain.calendar import holidays
from bgfuture_desk.domain.vocab import SessionStatus
from bgfuture_desk.i18n import _
from bgfuture_desk.services.groups.service import SessionView
from bgfuture_desk.ui.models.group_texts import day_month, time_span, weekday_name

DAYS = 7
TODAY_COLOUR = QColor("#e8f0fb")
HOLIDAY_COLOUR = QColor("#f3f3f3")

Index = QModelIndex | QPersistentModelIndex


def cell_text(session: SessionView) -> str:
    """Time, group, programme and place, one to a line."""
    lines = [time_span(session.starts_at, session.ends_at), session.group_name]
    lines.append(session.programme_name)
    if session.place:
        lines.append(session.place)
    if session.status == SessionStatus.CANCELLED:
        lines[0] = _("{time} (cancelled)").format(time=lines[0])
    return "\n".join(lines)


class WeekTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.monday = dt.date(2000, 1, 3)
        self.today: dt.date | None = None
        self._days: list[list[SessionView]] = [[] for _day in range(DAYS)]

    def set_week(
        self, monday: dt.date, sessions: list[SessionView], today: dt.date | None = None
    ) -> None:
        self.beginResetModel()
        self.monday, self.today = monday, today
        self._days = [[] for _day in range(DAYS)]
        for session in sorted(sessions, key=lambda s: s.starts_at):
            offset = (session.starts_at.date() - monday).days
            if 0 <= offset < DAYS:
                self._days[offset].append(session)
        self.endResetModel()

    def day(self, column: int) -> dt.date:
        return self.monday + dt.timedelta(days=column)

    def sessions(self) -> list[SessionView]:
        return [s for day in self._days for s in day]

    def sessions_on(self, column: int) -> list[SessionView]:
        return list(self._days[column])

    def session_at(self, index: Index) -> SessionView | None:
        if not index.isValid() or not 0 <= index.column() < DAYS:
            return None
        day = self._days[index.column()]
        return day[index.row()] if index.row() < len(day) else None

    def index_of(self, session_id: uuid.UUID) -> QModelIndex:
        for column, day in enumerate(self._days):
            for row, session in enumerate(day):
                if session.id == session_id:
                    return self.index(row, column)
        return QModelIndex()

    def is_holiday(self, column: int) -> bool:
        day = self.day(column)
        return day in holidays(day.year)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else max(1, *(len(day) for day in self._days))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else DAYS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < DAYS:
            return None
        day = self.day(section)
        if role == Qt.ItemDataRole.DisplayRole:
            text = f"{weekday_name(day)}\n{day_month(day)}"
            return _("{day}\nholiday").format(day=text) if self.is_holiday(section) else text
        if role == Qt.ItemDataRole.FontRole and day == self.today:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if self.session_at(index) is None:
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        session = self.session_at(index)
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.day(index.column()) == self.today:
                return TODAY_COLOUR
            if self.is_holiday(index.column()):
                return HOLIDAY_COLOUR
            return None
        if session is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(session)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(p for p in (cell_text(session), session.topic) if p)
        if role == Qt.ItemDataRole.ForegroundRole and session.status == SessionStatus.CANCELLED:
            return QColor(Qt.GlobalColor.gray)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None
