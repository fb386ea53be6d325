"""Referrals and the institutions they go to, as tables.

Fed with ``ReferralView``s and ``InstitutionView``s from ``services.referrals``. A referral
still waiting for its feedback part longer than the follow-up setting is shown red in the
„waiting“ column; an urgent one is bold; an inactive institution is grey.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from bgfuture_desk.domain.vocab import ReferralStatus, Urgency
from bgfuture_desk.i18n import N_, _, format_date, ngettext
from bgfuture_desk.services.referrals.service import InstitutionView, ReferralView
from bgfuture_desk.ui.models.row_table_model import RIGHT, RowTableModel

LATE_COLOR = QColor("#b3261e")
DONE_COLOR = QColor(Qt.GlobalColor.gray)

(
    COL_NUMBER,
    COL_ISSUED,
    COL_WHO,
    COL_INSTITUTION,
    COL_URGENCY,
    COL_STATUS,
    COL_WAITING,
) = range(7)
HEADERS = (
    N_("Number"),
    N_("Issued on"),
    N_("Person or family"),
    N_("Institution"),
    N_("Urgency"),
    N_("Status"),
    N_("Waiting"),
)


def who_text(row: ReferralView) -> str:
    """„Мария Иванова (KRN-0042)“ for a person, „KRN-0042 · Иванови“ for a whole family."""
    if row.person_name:
        return f"{row.person_name} ({row.family_code})" if row.family_code else row.person_name
    return row.family_title or row.family_code or ""


def status_text(row: ReferralView) -> str:
    """„посетено на 12.11.2025“; an issued referral is just „издадено“."""
    if row.status == ReferralStatus.ISSUED or row.status_on is None:
        return row.status_label
    return _("{status} on {date}").format(status=row.status_label, date=format_date(row.status_on))


def days_text(days: int) -> str:
    return ngettext("{n} day", "{n} days", days).format(n=days)


class ReferralTableModel(RowTableModel[ReferralView]):
    HEADERS = HEADERS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.follow_up_days = 30

    def set_rows(self, rows: list[ReferralView], follow_up_days: int | None = None) -> None:
        if follow_up_days is not None:
            self.follow_up_days = follow_up_days
        super().set_rows(rows)

    def row_of(self, referral_id: uuid.UUID | None) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == referral_id), -1)

    def is_late(self, row: ReferralView) -> bool:
        return row.waiting_days is not None and row.waiting_days > self.follow_up_days

    def cell(self, row: ReferralView, column: int) -> str:
        if column == COL_NUMBER:
            return row.number
        if column == COL_ISSUED:
            return format_date(row.issued_on)
        if column == COL_WHO:
            return who_text(row)
        if column == COL_INSTITUTION:
            return row.institution
        if column == COL_URGENCY:
            return row.urgency_label
        if column == COL_STATUS:
            return status_text(row)
        if column == COL_WAITING and row.waiting_days is not None:
            return days_text(row.waiting_days)
        return ""

    def alignment(self, row: ReferralView, column: int) -> int | None:
        return RIGHT if column == COL_WAITING else None

    def tooltip(self, row: ReferralView, column: int) -> str | None:
        if column == COL_STATUS and row.outcome:
            return row.outcome
        if column == COL_WHO and row.family_title:
            return row.family_title
        if column == COL_WAITING and self.is_late(row):
            return _("Waiting for feedback longer than {n} days.").format(n=self.follow_up_days)
        if column == COL_INSTITUTION:
            return row.institution
        return None

    def foreground(self, row: ReferralView, column: int) -> QColor | None:
        if column == COL_WAITING and self.is_late(row):
            return LATE_COLOR
        if row.status == ReferralStatus.CLOSED:
            return DONE_COLOR
        return None

    def font(self, row: ReferralView, column: int) -> QFont | None:
        if column == COL_URGENCY and row.urgency == Urgency.URGENT:
            font = QFont()
            font.setBold(True)
            return font
        return None


ICOL_NAME, ICOL_KIND, ICOL_ADDRESS, ICOL_PHONE, ICOL_REFERRALS, ICOL_ACTIVE = range(6)
INSTITUTION_HEADERS = (
    N_("Name"),
    N_("Kind"),
    N_("Address"),
    N_("Phone"),
    N_("Referrals"),
    N_("In use"),
)


class InstitutionTableModel(RowTableModel[InstitutionView]):
    HEADERS = INSTITUTION_HEADERS

    def row_of(self, institution_id: uuid.UUID | None) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == institution_id), -1)

    def cell(self, row: InstitutionView, column: int) -> str:
        if column == ICOL_NAME:
            return row.name
        if column == ICOL_KIND:
            return row.kind_label
        if column == ICOL_ADDRESS:
            return row.address
        if column == ICOL_PHONE:
            return row.phone
        if column == ICOL_REFERRALS:
            return str(row.referral_count)
        return _("yes") if row.active else _("no")

    def alignment(self, row: InstitutionView, column: int) -> int | None:
        return RIGHT if column == ICOL_REFERRALS else None

    def tooltip(self, row: InstitutionView, column: int) -> str | None:
        return self.cell(row, column) if column in (ICOL_NAME, ICOL_ADDRESS) else None

    def foreground(self, row: InstitutionView, column: int) -> QColor | None:
        return None if row.active else DONE_COLOR
