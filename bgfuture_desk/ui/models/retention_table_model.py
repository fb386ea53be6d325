"""The families due for review (retention) as a table: fed with ``RetentionRow``s."""

from __future__ import annotations

from bgfuture_desk.i18n import N_, format_date
from bgfuture_desk.services.families.retention import RetentionRow
from bgfuture_desk.ui.models.row_table_model import RowTableModel

COL_CODE, COL_MEMBERS, COL_LAST_SEEN, COL_KEPT = range(4)
HEADERS = (N_("Family"), N_("Members"), N_("Last visit"), N_("Kept on"))


class RetentionTableModel(RowTableModel[RetentionRow]):
    HEADERS = HEADERS

    def cell(self, row: RetentionRow, column: int) -> str:
        if column == COL_CODE:
            return row.code
        if column == COL_MEMBERS:
            return ", ".join(row.names)
        if column == COL_LAST_SEEN:
            return format_date(row.last_seen)
        return format_date(row.kept_on) if row.kept_on else ""
