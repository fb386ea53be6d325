"""The export log of the house as a table: fed with ``ExportLogRow``s from ``services.export``."""

from __future__ import annotations

from pathlib import Path

from bgfuture_desk.i18n import N_, format_datetime, format_number
from bgfuture_desk.services.exchange.export import ExportLogRow, month_label
from bgfuture_desk.ui.models.row_table_model import RIGHT, RowTableModel

COL_MONTH, COL_AT, COL_USER, COL_RECORDS, COL_FILE, COL_SHA = range(6)
HEADERS = (N_("Month"), N_("Exported on"), N_("By"), N_("Records"), N_("File"), N_("Checksum"))
SHA_SHOWN = 16  # enough to compare with what the coordinator reads out


def short_sha(sha256: str) -> str:
    return sha256[:SHA_SHOWN]


class ExportLogTableModel(RowTableModel[ExportLogRow]):
    HEADERS = HEADERS

    def cell(self, row: ExportLogRow, column: int) -> str:
        if column == COL_MONTH:
            return month_label(row.month)
        if column == COL_AT:
            return format_datetime(row.exported_at)
        if column == COL_USER:
            return row.user_name
        if column == COL_RECORDS:
            return format_number(row.records)
        if column == COL_FILE:
            return Path(row.path).name
        return short_sha(row.sha256)

    def alignment(self, row: ExportLogRow, column: int) -> int | None:
        return RIGHT if column == COL_RECORDS else None

    def tooltip(self, row: ExportLogRow, column: int) -> str | None:
        if column == COL_FILE:
            return row.path
        if column == COL_SHA:
            return row.sha256
        return None
