"""The subject access report (справка по чл. 15 ОРЗД): all the house holds about one person.

A short introduction names the controller and the person's rights (with the Commission for
Personal Data Protection, КЗЛД); then the registry data and one numbered section per kind of
record, each a table whose header row repeats on every page it breaks across.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from bgfuture_desk.documents.fonts import REGULAR
from bgfuture_desk.documents.page import (
    PAGE_MARGINS,
    PAGE_WIDTH,
    RULE,
    HouseHeader,
    data_table,
    paragraph,
    render_pdf,
    styles,
)
from bgfuture_desk.i18n import _, format_date_long

CONTENT_WIDTH = PAGE_WIDTH - PAGE_MARGINS.left - PAGE_MARGINS.right
HEADING_ROOM = 35 * mm  # a heading, a table header and two or three rows


@dataclass(frozen=True)
class AccessSection:
    title: str
    columns: tuple[str, ...]
    widths: tuple[float, ...]  # shares of the page width, one per column
    rows: tuple[tuple[str, ...], ...]
    empty: str  # said instead of the table when there are no rows
    note: str = ""  # a line printed above the table


@dataclass(frozen=True)
class SubjectAccessData:
    person: str
    family_code: str
    controller: str  # who decides on the processing, as the signed consent names it
    house: str  # the house that keeps the data: name, place, phone
    retention: str  # how long the data are kept, as the consent states it; "" when unknown
    facts: tuple[tuple[str, str], ...]  # the registry data: (label, value)
    sections: tuple[AccessSection, ...]


def _intro(data: SubjectAccessData, printed_on: dt.date) -> list[Flowable]:
    about = _("about {person}").format(person=data.person)
    if data.family_code:
        about += ", " + _("family code {code}").format(code=data.family_code)
    about += ", " + _("as of {date}").format(date=format_date_long(printed_on))
    retention = data.retention or _(
        "as long as the signed declaration of consent states, after which they are erased or "
        "made anonymous"
    )
    texts = [
        _(
            "Controller of the personal data: {controller}. The data are kept by {house}. This "
            "report is made at the request of the person (or of their parent or guardian) and "
            "holds every piece of data about the person that the house's program keeps on the "
            "day it is printed."
        ).format(controller=data.controller, house=data.house),
        _(
            "The data are processed for the registration and the services of the Family House, "
            "the groups, the toy library, referrals to institutions (only with consent) and the "
            "project's reports, which show numbers only and no names. They are passed to an "
            "institution only with a referral and the parent's consent."
        ),
        _("Retention: {retention}").format(retention=retention.rstrip(".") + "."),
        _(
            "You have the right to have wrong data corrected, to have data erased, to restrict "
            "or object to their processing, to receive them in a portable form, and to withdraw "
            "your consent at any time (this does not affect the processing before the "
            "withdrawal). You may complain to the Commission for Personal Data Protection "
            "(KZLD), 2 Prof. Tsvetan Lazarov Blvd., Sofia 1592, www.cpdp.bg."
        ),
    ]
    intro = styles()["body"].clone("access_intro", spaceAfter=1.5 * mm)
    return [
        paragraph(_("REPORT ON PERSONAL DATA"), "title"),
        Paragraph(
            escape(_("under Art. 15 of Regulation (EU) 2016/679 (GDPR)")) + "<br/>" + escape(about),
            styles()["body"].clone("access_about", alignment=1, spaceAfter=4 * mm),
        ),
        *[Paragraph(escape(text), intro) for text in texts],
    ]


def _heading(number: int, title: str) -> list[Flowable]:
    """A section's heading, on a new page when too little room is left for some rows under it
    (a table that does not fit still breaks across pages)."""
    return [CondPageBreak(HEADING_ROOM), paragraph(f"{number}. {title}", "heading")]


def _facts(facts: tuple[tuple[str, str], ...]) -> Table:
    label_width = 45 * mm
    rows = [[paragraph(label, "cell_header"), paragraph(value, "cell")] for label, value in facts]
    table = Table(rows, colWidths=[label_width, CONTENT_WIDTH - label_width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
            ]
        )
    )
    return table


def _section(number: int, section: AccessSection) -> list[Flowable]:
    head: list[Flowable] = _heading(number, section.title)
    if section.note:
        head.append(paragraph(section.note))
    if not section.rows:
        return [KeepTogether([*head, paragraph(section.empty)])]
    widths = [share * CONTENT_WIDTH for share in section.widths]
    table = data_table([list(section.columns), *[list(r) for r in section.rows]], widths)
    return [*head, table]


def _closing() -> Table:
    line = "_" * 30
    rows = [
        [paragraph(_("Prepared by:")), paragraph(_("Received by:"))],
        [paragraph(line), paragraph(line)],
        [
            paragraph(_("(name, signature)"), "small"),
            paragraph(_("(name, signature, date)"), "small"),
        ],
    ]
    table = Table(rows, colWidths=[CONTENT_WIDTH / 2] * 2, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 9 * mm),
                ("TOPPADDING", (0, 2), (-1, 2), 0),
            ]
        )
    )
    return table


def subject_access_pdf(
    data: SubjectAccessData, house: HouseHeader, *, printed_on: dt.date | None = None
) -> bytes:
    day = printed_on or dt.date.today()
    story: list[Flowable] = [
        *_intro(data, day),
        *_heading(1, _("Registry data")),
        _facts(data.facts),
    ]
    for number, section in enumerate(data.sections, start=2):
        story += _section(number, section)
    story += [Spacer(0, 8 * mm), KeepTogether([_closing()])]
    return render_pdf(
        story,
        house,
        title=_("Report on personal data: {person}").format(person=data.person),
        printed_on=day,
    )


__all__ = ["AccessSection", "SubjectAccessData", "subject_access_pdf"]
