"""The audit trail as a table: fed with ``AuditRow``s from ``services.audit``."""

from __future__ import annotations

from bgfuture_desk.i18n import N_, format_datetime
from bgfuture_desk.services.audit.browse import AuditRow
from bgfuture_desk.ui.models.row_table_model import RowTableModel

COL_AT, COL_USER, COL_ACTION, COL_RECORD, COL_OPERATION = range(5)
HEADERS = (N_("When"), N_("Who"), N_("Action"), N_("Record"), N_("What happened"))


class AuditTableModel(RowTableModel[AuditRow]):
    HEADERS = HEADERS

    def cell(self, row: AuditRow, column: int) -> str:
        if column == COL_AT:
            return format_datetime(row.at)
        if column == COL_USER:
            return row.user
        if column == COL_ACTION:
            return row.action_label
        if column == COL_RECORD:
            return row.record
        return row.operation_label

    def tooltip(self, row: AuditRow, column: int) -> str | None:
        return row.entity_id if column == COL_RECORD else None
