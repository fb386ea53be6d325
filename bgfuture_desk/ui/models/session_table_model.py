"""The sessions of one group: when, where, about what, who leads it, and how it went."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from bgfuture_desk.domain.vocab import SessionStatus
from bgfuture_desk.i18n import N_, format_number
from bgfuture_desk.services.groups.service import SessionView
from bgfuture_desk.ui.models.group_texts import day_with_weekday, time_span
from bgfuture_desk.ui.models.row_table_model import RIGHT, RowTableModel

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


def present_text(session: SessionView) -> str:
    """„6 / 9“ once held; nothing before."""
    if session.status != SessionStatus.HELD:
        return ""
    return f"{format_number(session.present)} / {format_number(session.enrolled)}"


def _cancelled(session: SessionView) -> bool:
    return session.status == SessionStatus.CANCELLED


class SessionTableModel(RowTableModel[SessionView]):
    HEADERS = HEADERS

    def set_rows(self, rows: list[SessionView]) -> None:
        super().set_rows(sorted(rows, key=lambda s: s.starts_at))

    def row_of(self, session_id: uuid.UUID) -> int:
        return next((n for n, s in enumerate(self._rows) if s.id == session_id), -1)

    def tooltip(self, session: SessionView, column: int) -> str | None:
        if column not in (COL_TOPIC, COL_PLACE):
            return None
        return self.cell(session, column) or None

    def foreground(self, session: SessionView, column: int) -> QColor | None:
        return QColor(Qt.GlobalColor.gray) if _cancelled(session) else None

    def font(self, session: SessionView, column: int) -> QFont | None:
        if not _cancelled(session):
            return None
        font = QFont()
        font.setStrikeOut(column != COL_STATUS)
        return font

    def alignment(self, session: SessionView, column: int) -> int | None:
        return RIGHT if column == COL_PRESENT else None

    def cell(self, session: SessionView, column: int) -> str:
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
