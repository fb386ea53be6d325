"""The groups of one person with their progress in each (the top of the history)."""

from __future__ import annotations

from bgfuture_desk.i18n import N_, _, format_date, format_number
from bgfuture_desk.services.groups.service import PersonGroupRow
from bgfuture_desk.ui.models.group_texts import percent
from bgfuture_desk.ui.models.progress_table_model import COMPLETED_COLOUR, completion_text
from bgfuture_desk.ui.models.row_table_model import RIGHT, RowTableModel

COL_GROUP, COL_PROGRAMME, COL_SINCE, COL_ATTENDED, COL_SHARE, COL_COMPLETED = range(6)
HEADERS = (
    N_("Group"),
    N_("Programme"),
    N_("Enrolled on"),
    N_("Attended"),
    N_("Share"),
    N_("Completed"),
)


class PersonGroupTableModel(RowTableModel[PersonGroupRow]):
    HEADERS = HEADERS

    def cell(self, row: PersonGroupRow, column: int) -> str:
        if column == COL_GROUP:
            return row.group_name
        if column == COL_PROGRAMME:
            return row.programme_name
        if column == COL_SINCE:
            return format_date(row.enrolled_on) if row.enrolled_on else _("walk-in only")
        if column == COL_ATTENDED:
            return _("{attended} of {held}").format(
                attended=format_number(row.attended), held=format_number(row.held)
            )
        if column == COL_SHARE:
            return percent(row.share)
        return completion_text(row.completed, row.on_track)

    def foreground(self, row: PersonGroupRow, column: int):
        return COMPLETED_COLOUR if column == COL_COMPLETED and row.completed else None

    def alignment(self, row: PersonGroupRow, column: int) -> int | None:
        return RIGHT if column in (COL_ATTENDED, COL_SHARE) else None
