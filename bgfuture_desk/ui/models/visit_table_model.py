"""The visits of one day for the today panel: when, who, why, and when they left."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from bgfuture_desk.domain.surnames import family_surname
from bgfuture_desk.i18n import N_, _, format_time, ngettext
from bgfuture_desk.services.visits import VisitView

COL_IN, COL_WHO, COL_PURPOSES, COL_OUT = range(4)
HEADERS = (N_("Came"), N_("Visitors"), N_("Purpose"), N_("Left"))

Index = QModelIndex | QPersistentModelIndex


def anonymous_text(adults: int, children: int) -> str:
    """„Анонимни: 1 възрастен, 2 деца“."""
    parts = []
    if adults:
        parts.append(ngettext("{n} adult", "{n} adults", adults).format(n=adults))
    if children:
        parts.append(ngettext("{n} child", "{n} children", children).format(n=children))
    return _("Anonymous: {who}").format(who=", ".join(parts))


def visitors_text(visit: VisitView) -> str:
    """Every name in full: „KRN-0006 · Мария Николова Славова, Кристина Атанасова Славова“."""
    if visit.is_anonymous:
        return anonymous_text(visit.anonymous_adults, visit.anonymous_children)
    names = ", ".join(name for _pid, name in visit.people)
    return f"{visit.family_code} · {names}" if visit.family_code else names


def visitors_short(visit: VisitView) -> str:
    """One short line for the list: „KRN-0006 Славови: Мария, Кристина, Сабрина“."""
    if visit.is_anonymous:
        return anonymous_text(visit.anonymous_adults, visit.anonymous_children)
    words = [name.split() for _pid, name in visit.people if name.split()]
    firsts = ", ".join(w[0] for w in words)
    surname = family_surname(w[-1] for w in words if len(w) > 1)
    head = " ".join(p for p in (visit.family_code, surname) if p)
    return f"{head}: {firsts}" if head else firsts


class VisitTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[VisitView] = []

    def set_rows(self, rows: list[VisitView]) -> None:
        """Those still in the house first (newest first), then those who left."""
        self.beginResetModel()
        newest = sorted(rows, key=lambda v: v.checked_in_at, reverse=True)
        self._rows = sorted(newest, key=lambda v: not v.is_open)
        self.endResetModel()

    def rows(self) -> list[VisitView]:
        return list(self._rows)

    def row_at(self, index: Index) -> VisitView | None:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def row_of(self, visit_id: uuid.UUID) -> int:
        return next((n for n, v in enumerate(self._rows) if v.id == visit_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return _(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        visit = self.row_at(index)
        if visit is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(visit, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(visit, column)
        if role == Qt.ItemDataRole.FontRole and visit.is_open:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, visit: VisitView, column: int) -> str:
        if column == COL_IN:
            time = format_time(visit.checked_in_at)
            return f"{time} *" if visit.recorded_late else time
        if column == COL_WHO:
            return visitors_short(visit)
        if column == COL_PURPOSES:
            return ", ".join(visit.purpose_labels)
        if column == COL_OUT and visit.checked_out_at is not None:
            return format_time(visit.checked_out_at)
        return ""

    def _tip(self, visit: VisitView, column: int) -> str | None:
        if column == COL_IN and visit.recorded_late:
            return _("Entered later with its real time")
        if column == COL_WHO:
            return visitors_text(visit)
        if column == COL_PURPOSES:
            extra = [", ".join(visit.purpose_labels)]
            if visit.specialist_name:
                extra.append(_("with {name}").format(name=visit.specialist_name))
            return " · ".join(extra)
        return None
