"""The house's backups as a table: fed with ``BackupInfo`` rows from ``services.house``."""

from __future__ import annotations

from bgfuture_desk.i18n import N_, _, format_datetime, format_number
from bgfuture_desk.services.house.backup import BackupInfo
from bgfuture_desk.ui.models.row_table_model import RIGHT, RowTableModel

COL_TAKEN, COL_SIZE, COL_FAMILIES, COL_PEOPLE, COL_VISITS = range(5)
HEADERS = (N_("Backup taken"), N_("Size"), N_("Families"), N_("People"), N_("Visits"))
_COUNTED = {COL_FAMILIES: "families", COL_PEOPLE: "people", COL_VISITS: "visits"}


def size_text(size: int) -> str:
    """1,2 MB / 640 KB, as Windows' explorer would show it."""
    if size >= 1024 * 1024:
        return _("{n} MB").format(n=format_number(round(size / (1024 * 1024), 1)))
    return _("{n} KB").format(n=format_number(max(1, round(size / 1024))))


class BackupTableModel(RowTableModel[BackupInfo]):
    HEADERS = HEADERS

    def cell(self, row: BackupInfo, column: int) -> str:
        if column == COL_TAKEN:
            return format_datetime(row.taken_at)
        if column == COL_SIZE:
            return size_text(row.size)
        if row.counts is None:
            return "—"
        return format_number(getattr(row.counts, _COUNTED[column]))

    def alignment(self, row: BackupInfo, column: int) -> int | None:
        return RIGHT if column != COL_TAKEN else None

    def tooltip(self, row: BackupInfo, column: int) -> str | None:
        if row.counts is None:
            return _("This copy cannot be read; it cannot be restored.")
        return str(row.path)
