"""A person's history in the groups: every session they were marked at, newest first."""

from __future__ import annotations

from bgfuture_desk.domain.vocab import AttendanceStatus
from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services.groups.service import HistoryRow
from bgfuture_desk.ui.models.group_texts import day_with_weekday
from bgfuture_desk.ui.models.register_table_model import COLOURS
from bgfuture_desk.ui.models.row_table_model import RowTableModel

COL_DATE, COL_PROGRAMME, COL_GROUP, COL_MARK, COL_NOTE = range(5)
HEADERS = (N_("Date"), N_("Programme"), N_("Group"), N_("Attendance"), N_("Note"))


def mark_text(row: HistoryRow) -> str:
    """„присъства“, or „присъства (гост)“ for a walk-in."""
    if row.walk_in:
        return _("{mark} (walk-in)").format(mark=row.status_label)
    return row.status_label


class HistoryTableModel(RowTableModel[HistoryRow]):
    HEADERS = HEADERS

    def cell(self, row: HistoryRow, column: int) -> str:
        if column == COL_DATE:
            return day_with_weekday(row.starts_at.date())
        if column == COL_PROGRAMME:
            return row.programme_name
        if column == COL_GROUP:
            return row.group_name
        if column == COL_MARK:
            return mark_text(row)
        return row.note

    def background(self, row: HistoryRow, column: int):
        if column != COL_MARK:
            return None
        try:
            return COLOURS.get(AttendanceStatus(row.status))
        except ValueError:
            return None

    def tooltip(self, row: HistoryRow, column: int) -> str | None:
        return (row.note or None) if column == COL_NOTE else None
