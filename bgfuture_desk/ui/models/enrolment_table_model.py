"""Who is enrolled in a group: name, family and since when (and, if shown, who left)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from bgfuture_desk.i18n import N_, format_date
from bgfuture_desk.services.groups.service import EnrolmentView
from bgfuture_desk.ui.models.row_table_model import RowTableModel

COL_NAME, COL_FAMILY, COL_SINCE, COL_LEFT = range(4)
HEADERS = (N_("Name"), N_("Family"), N_("Enrolled on"), N_("Left on"))


class EnrolmentTableModel(RowTableModel[EnrolmentView]):
    HEADERS = HEADERS

    def row_of(self, person_id: uuid.UUID) -> int:
        return next((n for n, r in enumerate(self._rows) if r.person_id == person_id), -1)

    def cell(self, row: EnrolmentView, column: int) -> str:
        if column == COL_NAME:
            return row.full_name
        if column == COL_FAMILY:
            return row.family_code or ""
        if column == COL_SINCE:
            return format_date(row.enrolled_on)
        return format_date(row.left_on) if row.left_on else ""

    def foreground(self, row: EnrolmentView, column: int):
        return QColor(Qt.GlobalColor.gray) if row.left_on is not None else None
