"""The visits of one day for the today panel: when, who, why, and when they left."""

from __future__ import annotations

import uuid

from PySide6.QtGui import QFont

from bgfuture_desk.domain.surnames import family_surname
from bgfuture_desk.i18n import N_, _, format_time, ngettext
from bgfuture_desk.services.visits.service import VisitView
from bgfuture_desk.ui.models.row_table_model import RowTableModel

COL_IN, COL_WHO, COL_PURPOSES, COL_OUT = range(4)
HEADERS = (N_("Came"), N_("Visitors"), N_("Purpose"), N_("Left"))


def _counts(adults: int, children: int) -> list[str]:
    parts = []
    if adults:
        parts.append(ngettext("{n} adult", "{n} adults", adults).format(n=adults))
    if children:
        parts.append(ngettext("{n} child", "{n} children", children).format(n=children))
    return parts


def _anonymous_parts(visit: VisitView) -> list[str]:
    return _counts(visit.anonymous_adults, visit.anonymous_children)


def anonymous_text(adults: int, children: int) -> str:
    """„Анонимни: 1 възрастен, 2 деца“."""
    return _("Anonymous: {who}").format(who=", ".join(_counts(adults, children)))


def visitors_text(visit: VisitView) -> str:
    """Every name in full: „KRN-0006 · Мария Николова Славова, Кристина Атанасова Славова“."""
    if visit.is_anonymous:
        return anonymous_text(visit.anonymous_adults, visit.anonymous_children)
    names = ", ".join(name for _pid, name in visit.people)
    return f"{visit.family_code} · {names}" if visit.family_code else names


def _first_names(visit: VisitView) -> list[tuple[str, str]]:
    """(first name, family name) of each registered visitor, in the visit's order."""
    words = [name.split() for _pid, name in visit.people]
    return [(w[0], w[-1] if len(w) > 1 else "") if w else ("", "") for w in words]


def visitors_lines(visit: VisitView) -> str:
    """The family on the first line, then one line per member, with the time of those who
    left before the others: „KRN-0006 Славови“ / „Мария — излезе в 10:42“ / „Кристина“."""
    if visit.is_anonymous:
        return "\n".join([_("Anonymous:"), *_anonymous_parts(visit)])
    names = _first_names(visit)
    surname = family_surname(last for _first, last in names if last)
    head = " ".join(p for p in (visit.family_code, surname) if p)
    lines = [head] if head else []
    for (person_id, _name), (first, _last) in zip(visit.people, names, strict=True):
        left = visit.left_time(person_id)
        if left is not None and left != visit.checked_out_at:
            first = _("{name} — left at {time}").format(name=first, time=format_time(left))
        lines.append(first)
    return "\n".join(lines)


def visitors_tip(visit: VisitView) -> str:
    """The tooltip of the list's visitors: the family's code, then every full name, with
    the time of those who left before the others."""
    if visit.is_anonymous:
        return anonymous_text(visit.anonymous_adults, visit.anonymous_children)
    lines = [visit.family_code] if visit.family_code else []
    for person_id, name in visit.people:
        left = visit.left_time(person_id)
        if left is not None and left != visit.checked_out_at:
            name = _("{name} — left at {time}").format(name=name, time=format_time(left))
        lines.append(name)
    return "\n".join(lines)


def visitors_short(visit: VisitView) -> str:
    """One short line for the list: „KRN-0006 Славови: Мария, Кристина, Сабрина“."""
    if visit.is_anonymous:
        return anonymous_text(visit.anonymous_adults, visit.anonymous_children)
    words = [name.split() for _pid, name in visit.people if name.split()]
    firsts = ", ".join(w[0] for w in words)
    surname = family_surname(w[-1] for w in words if len(w) > 1)
    head = " ".join(p for p in (visit.family_code, surname) if p)
    return f"{head}: {firsts}" if head else firsts


class VisitTableModel(RowTableModel[VisitView]):
    HEADERS = HEADERS

    def set_rows(self, rows: list[VisitView]) -> None:
        """Those still in the house first (newest first), then those who left."""
        newest = sorted(rows, key=lambda v: v.checked_in_at, reverse=True)
        super().set_rows(sorted(newest, key=lambda v: not v.is_open))

    def row_of(self, visit_id: uuid.UUID) -> int:
        return next((n for n, v in enumerate(self._rows) if v.id == visit_id), -1)

    def font(self, visit: VisitView, column: int) -> QFont | None:
        if not visit.is_open:
            return None
        font = QFont()
        font.setBold(True)  # still in the house
        return font

    def cell(self, visit: VisitView, column: int) -> str:
        if column == COL_IN:
            time = format_time(visit.checked_in_at)
            return f"{time} *" if visit.recorded_late else time
        if column == COL_WHO:
            return visitors_lines(visit)
        if column == COL_PURPOSES:
            return "\n".join(visit.purpose_labels)
        if column == COL_OUT and visit.checked_out_at is not None:
            return format_time(visit.checked_out_at)
        return ""

    def tooltip(self, visit: VisitView, column: int) -> str | None:
        if column == COL_IN and visit.recorded_late:
            return _("Entered later with its real time")
        if column == COL_WHO:
            return visitors_tip(visit)
        if column == COL_PURPOSES:
            extra = [", ".join(visit.purpose_labels)]
            if visit.specialist_name:
                extra.append(_("with {name}").format(name=visit.specialist_name))
            return " · ".join(extra)
        return None
