"""What each house file brought into the consolidated database (``FileImport`` rows)."""

from __future__ import annotations

from bgfuture_desk.i18n import N_, format_number
from bgfuture_desk.services.exchange.consolidate_import import FileImport
from bgfuture_desk.services.exchange.export import month_label
from bgfuture_desk.ui.models.row_table_model import RIGHT, RowTableModel

COL_FILE, COL_HOUSE, COL_MONTH, COL_INSERTED, COL_UPDATED, COL_UNCHANGED = range(6)
HEADERS = (N_("File"), N_("House"), N_("Month"), N_("New"), N_("Updated"), N_("Unchanged"))


class FileImportTableModel(RowTableModel[FileImport]):
    HEADERS = HEADERS

    def cell(self, row: FileImport, column: int) -> str:
        if column == COL_FILE:
            return row.path.name
        if column == COL_HOUSE:
            return row.house_name
        if column == COL_MONTH:
            return month_label(row.month)
        count = (row.inserted, row.updated, row.unchanged)[column - COL_INSERTED]
        return format_number(count)

    def alignment(self, row: FileImport, column: int) -> int | None:
        return RIGHT if column >= COL_INSERTED else None

    def tooltip(self, row: FileImport, column: int) -> str | None:
        return str(row.path) if column == COL_FILE else None
