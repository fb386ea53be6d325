"""The overdue call list: one row per family to call, the most overdue first, with room to
write down what was said (the calls are entered in the program afterwards)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from bgfuture_desk.documents.page import (
    BODY_WIDTH,
    HouseHeader,
    data_table,
    paragraph,
    render_pdf,
    styles,
)
from bgfuture_desk.i18n import _, format_date, ngettext


@dataclass(frozen=True)
class OverdueToy:
    code: str
    name: str
    due_on: dt.date
    days_overdue: int


@dataclass(frozen=True)
class OverdueFamily:
    code: str  # KRN-0042
    name: str  # Иванови
    settlement: str
    phone: str
    toys: tuple[OverdueToy, ...]
    last_call: dt.date | None = None
    calls: int = 0


def _toys_cell(toys: tuple[OverdueToy, ...]) -> Paragraph:
    lines = []
    for toy in toys:
        late = ngettext("{n} day late", "{n} days late", toy.days_overdue).format(
            n=toy.days_overdue
        )
        due = _("due {date}").format(date=format_date(toy.due_on))
        lines.append(
            f"<b>{escape(toy.code)}</b> {escape(toy.name)}<br/>"
            f'<font size="8">{escape(due)} · {escape(late)}</font>'
        )
    return Paragraph("<br/>".join(lines), styles()["cell"])


def _family_cell(family: OverdueFamily) -> Paragraph:
    lines = [f"<b>{escape(family.code)}</b>"]
    lines += [escape(part) for part in (family.name, family.settlement) if part]
    return Paragraph("<br/>".join(lines), styles()["cell"])


def _calls_cell(family: OverdueFamily) -> Paragraph | str:
    if family.last_call is None:
        return "—"
    count = ngettext("{n} call", "{n} calls", family.calls).format(n=family.calls)
    return Paragraph(
        f'{format_date(family.last_call)}<br/><font size="8">{escape(count)}</font>',
        styles()["cell"],
    )


def overdue_list_pdf(families: list[OverdueFamily], house: HouseHeader, on: dt.date) -> bytes:
    """The list as of ``on``; an empty list says so rather than printing an empty table."""
    toys = sum(len(f.toys) for f in families)
    flowables: list[Flowable] = [
        paragraph(_("Overdue toys: call list"), "title"),
        paragraph(
            _("As of {date}: {families}, {toys}.").format(
                date=format_date(on),
                families=ngettext("{n} family", "{n} families", len(families)).format(
                    n=len(families)
                ),
                toys=ngettext("{n} toy", "{n} toys", toys).format(n=toys),
            )
        ),
    ]
    if not families:
        flowables.append(paragraph(_("No toy is overdue.")))
    else:
        rows: list[list[object]] = [
            ["№", _("Family"), _("Phone"), _("Toys"), _("Last call"), _("Notes")]
        ]
        for number, family in enumerate(families, start=1):
            rows.append(
                [
                    number,
                    _family_cell(family),
                    family.phone or "—",
                    _toys_cell(family.toys),
                    _calls_cell(family),
                    "",
                ]
            )
        widths = [8 * mm, 33 * mm, 27 * mm, 50 * mm, 25 * mm]
        widths.append(BODY_WIDTH - sum(widths))
        flowables.append(data_table(rows, widths))
    return render_pdf(flowables, house, title=_("Overdue toys"))
