"""The sessions of one group: when, where, about what, who leads it, and how it went."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from bgfuture_desk.domain.vocab import SessionStatus
from bgfuture_desk.i18n import N_, _, format_number
from bgfuture_desk.services.groups import SessionView
from bgfuture_desk.ui.models.group_texts import day_with_weekday, time_span

COL_DATE, COL_TIME, COL_TOPIC, COL_PLACE, COL_FACILITATOR, COL_STATUS, COL_PRESENT = range(7)
HEADERS = (
    N_("Date"),
    N_("Time"),
    N_("Topic"),
    N_("Place"),
    N_("Facilitator"),
    N_("Status"),
    N_("Present"),
)

Index = QModelIndex | QPersistentModelIndex


def present_text(session: SessionView) -> str:
    """„6 / 9“ once held; nothing before."""
    if session.status != SessionStatus.HELD:
        return ""
    return f"{format_number(session.present)} / {format_number(session.enrolled)}"


class SessionTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[SessionView] = []

    def set_rows(self, rows: list[SessionView]) -> None:
        self.beginResetModel()
        self._rows = sorted(rows, key=lambda s: s.starts_at)
        self.endResetModel()

    def rows(self) -> list[SessionView]:
        return list(self._rows)

    def row_at(self, index: Index) -> SessionView | None:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def row_of(self, session_id: uuid.UUID) -> int:
        return next((n for n, s in enumerate(self._rows) if s.id == session_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return _(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        session = self.row_at(index)
        if session is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(session, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_TOPIC, COL_PLACE):
            return self._text(session, column) or None
        cancelled = session.status == SessionStatus.CANCELLED
        if role == Qt.ItemDataRole.ForegroundRole and cancelled:
            return QColor(Qt.GlobalColor.gray)
        if role == Qt.ItemDataRole.FontRole and cancelled:
            font = QFont()
            font.setStrikeOut(column != COL_STATUS)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_PRESENT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, session: SessionView, column: int) -> str:
        if column == COL_DATE:
            return day_with_weekday(session.starts_at.date())
        if column == COL_TIME:
            return time_span(session.starts_at, session.ends_at)
        if column == COL_TOPIC:
            return session.topic
        if column == COL_PLACE:
            return session.place
        if column == COL_FACILITATOR:
            return session.facilitator_name or ""
        if column == COL_STATUS:
            return session.status_label
        if column == COL_PRESENT:
            return present_text(session)
        return ""
