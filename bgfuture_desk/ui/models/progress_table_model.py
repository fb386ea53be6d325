"""Who of a group has completed it: each participant's attended share of the held sessions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from bgfuture_desk.i18n import N_, _, format_date, format_number
from bgfuture_desk.services.groups.service import ParticipantProgress
from bgfuture_desk.ui.models.group_texts import percent
from bgfuture_desk.ui.models.row_table_model import RIGHT, RowTableModel

COL_NAME, COL_FAMILY, COL_ATTENDED, COL_SHARE, COL_COMPLETED = range(5)
HEADERS = (N_("Name"), N_("Family"), N_("Attended"), N_("Share"), N_("Completed"))
COMPLETED_COLOUR = QColor("#1b5e20")


def attended_text(row: ParticipantProgress) -> str:
    """„5 от 8“"""
    return _("{attended} of {held}").format(
        attended=format_number(row.attended), held=format_number(row.held)
    )


def completion_text(completed: bool, on_track: bool) -> str:
    """„да“; „засега да“ while the group still meets and the share is reached; „не“."""
    if completed:
        return _("yes")
    return _("on track") if on_track else _("no")


class ProgressTableModel(RowTableModel[ParticipantProgress]):
    HEADERS = HEADERS

    def completed_count(self) -> int:
        return sum(1 for row in self._rows if row.completed)

    def cell(self, row: ParticipantProgress, column: int) -> str:
        if column == COL_NAME:
            return row.full_name
        if column == COL_FAMILY:
            return row.family_code or ""
        if column == COL_ATTENDED:
            return attended_text(row)
        if column == COL_SHARE:
            return percent(row.share)
        return completion_text(row.completed, row.on_track)

    def tooltip(self, row: ParticipantProgress, column: int) -> str | None:
        if column == COL_NAME and row.left_on:
            return _("Left the group on {day}").format(day=format_date(row.left_on))
        return None

    def foreground(self, row: ParticipantProgress, column: int):
        if row.left_on is not None:
            return QColor(Qt.GlobalColor.gray)
        return COMPLETED_COLOUR if column == COL_COMPLETED and row.completed else None

    def alignment(self, row: ParticipantProgress, column: int) -> int | None:
        return RIGHT if column in (COL_ATTENDED, COL_SHARE) else None

    def font(self, row: ParticipantProgress, column: int):
        if column != COL_COMPLETED or not row.completed:
            return None
        font = QFont()
        font.setBold(True)
        return font
