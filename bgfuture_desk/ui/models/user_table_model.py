"""The users of the house as a table: fed with ``UserRow``s from ``services.users``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services.users.service import UserRow
from bgfuture_desk.ui.models.row_table_model import RowTableModel

COL_USERNAME, COL_FULL_NAME, COL_ROLE, COL_ACTIVE = range(4)
HEADERS = (N_("User name"), N_("Full name"), N_("Role"), N_("Active"))


class UserTableModel(RowTableModel[UserRow]):
    HEADERS = HEADERS

    def cell(self, row: UserRow, column: int) -> str:
        if column == COL_USERNAME:
            return row.username
        if column == COL_FULL_NAME:
            return row.full_name
        if column == COL_ROLE:
            return row.role_label
        return _("yes") if row.active else _("no")

    def foreground(self, row: UserRow, column: int) -> QColor | None:
        return None if row.active else QColor(Qt.GlobalColor.gray)
