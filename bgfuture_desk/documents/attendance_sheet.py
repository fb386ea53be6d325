"""The attendance sheet (присъствен списък) of one group session, the funders' proof.

Printed empty before the session, it is passed round for signatures, with blank numbered
rows for people who come without being enrolled; printed after it, it carries the marks
the assistant recorded. Rows are tall enough to sign in, and the table's header repeats
on every page of a long list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from xml.sax.saxutils import escape

from babel.dates import format_date as babel_date
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from bgfuture_desk.documents.fonts import REGULAR
from bgfuture_desk.documents.page import (
    MUTED,
    PAGE_HEIGHT,
    PAGE_MARGINS,
    PAGE_WIDTH,
    Cell,
    HouseHeader,
    data_table,
    paragraph,
    render_pdf,
    styles,
)
from bgfuture_desk.i18n import LOCALE, _, format_date_long, format_time

CONTENT_WIDTH = PAGE_WIDTH - PAGE_MARGINS.left - PAGE_MARGINS.right
FRAME_HEIGHT = PAGE_HEIGHT - PAGE_MARGINS.top - PAGE_MARGINS.bottom
# №, name, family, attendance, signature: the signature gets the room a hand needs.
_FIXED_COLUMNS = (9 * mm, 59 * mm, 24 * mm, 27 * mm)
COLUMNS = (*_FIXED_COLUMNS, CONTENT_WIDTH - sum(_FIXED_COLUMNS))
ROW_PADDING = 6.5  # points above and below a row's text: rows of about 8.5 mm, room to sign
MIN_BLANK_ROWS = 2
SAFETY = 6  # points of slack in the page-fitting sums


@dataclass(frozen=True)
class SheetRow:
    full_name: str
    family_code: str = ""
    mark: str = ""  # the Bulgarian label of the mark ("присъства"); "" before the session
    note: str = ""
    walk_in: bool = False


@dataclass(frozen=True)
class AttendanceSheetData:
    programme: str
    group: str
    day: dt.date
    starts_at: dt.time
    ends_at: dt.time
    place: str = ""
    facilitator: str = ""
    topic: str = ""
    target: str = ""  # who the group is for, as a label ("родители")
    rows: tuple[SheetRow, ...] = ()
    with_marks: bool = False
    blank_rows: int = 5  # numbered empty rows for walk-ins
    for_children: bool = False  # a parent signs for the child
    counts: tuple[tuple[str, int], ...] = ()  # (label, number) printed under the table


def long_day(day: dt.date) -> str:
    """„понеделник, 23 ноември 2026 г.“"""
    return f"{babel_date(day, 'EEEE', locale=LOCALE)}, {format_date_long(day)}"


def _details(data: AttendanceSheetData) -> Table:
    """The session's particulars as label/value pairs, two to a line where they fit."""
    time = _("{start}–{end} h").format(
        start=format_time(data.starts_at), end=format_time(data.ends_at)
    )
    group = f"{data.group} ({data.target})" if data.target else data.group

    def label(text: str) -> Paragraph:  # bold at the size of the values beside it
        return Paragraph(f"<b>{escape(text)}</b>", styles()["body"])

    rows: list[list[Cell]] = [
        [label(_("Programme:")), paragraph(data.programme), "", ""],
        [label(_("Group:")), paragraph(group), "", ""],
        [
            label(_("Date:")),
            paragraph(long_day(data.day)),
            label(_("Time:")),
            paragraph(time),
        ],
        [
            label(_("Place:")),
            paragraph(data.place or "—"),
            label(_("Facilitator:")),
            paragraph(data.facilitator or "—"),
        ],
        [label(_("Topic:")), paragraph(data.topic or "—"), "", ""],
    ]
    widths = (25 * mm, 70 * mm, 20 * mm, CONTENT_WIDTH - 115 * mm)
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # empty cells too: no Helvetica
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("SPAN", (1, 0), (-1, 0)),
                ("SPAN", (1, 1), (-1, 1)),
                ("SPAN", (1, 4), (-1, 4)),
            ]
        )
    )
    return table


def _name_cell(row: SheetRow) -> Paragraph:
    """The name, and under it in small grey type whether a walk-in and the note."""
    extra = [_("walk-in")] if row.walk_in else []
    if row.note:
        extra.append(row.note)
    text = escape(row.full_name)
    if extra:
        text += f'<br/><font size="7.5" color="#{MUTED.hexval()[2:]}">'
        text += escape("; ".join(extra)) + "</font>"
    return Paragraph(text, styles()["cell"])


def _participants(data: AttendanceSheetData, blank_rows: int) -> Table:
    signature = _("Parent's signature") if data.for_children else _("Signature")
    header = ["№", _("Full name"), _("Family"), _("Attendance"), signature]
    rows: list[list] = [header]
    for n, row in enumerate(data.rows, start=1):
        mark = row.mark if data.with_marks else ""
        rows.append([str(n), _name_cell(row), row.family_code, mark, ""])
    start = len(data.rows) + 1
    rows += [[str(n), "", "", "", ""] for n in range(start, start + blank_rows)]
    table = data_table(rows, COLUMNS)
    table.setStyle(
        TableStyle(
            [
                ("TOPPADDING", (0, 1), (-1, -1), ROW_PADDING),
                ("BOTTOMPADDING", (0, 1), (-1, -1), ROW_PADDING),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return table


def _summary(data: AttendanceSheetData) -> Paragraph:
    if data.with_marks and data.counts:
        return paragraph(" · ".join(f"{label}: {n}" for label, n in data.counts))
    return paragraph(_("Present in total: ________"))


def _signatures() -> Table:
    line = "_" * 30
    rows: list[list[Cell]] = [
        [
            paragraph(_("Facilitator:")),
            paragraph(line),
            paragraph(_("Prepared by:")),
            paragraph(line),
        ],
        [
            "",
            paragraph(_("(name, signature)"), "small"),
            "",
            paragraph(_("(name, signature)"), "small"),
        ],
    ]
    widths = (24 * mm, 63 * mm, 24 * mm, CONTENT_WIDTH - 111 * mm)
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # empty cells too: no Helvetica
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("TEXTCOLOR", (0, 1), (-1, 1), MUTED),
            ]
        )
    )
    return table


def _closing(data: AttendanceSheetData) -> list[Flowable]:
    """The counts, the signatures and the data-protection line (kept together)."""
    privacy = _(
        "The personal data on this sheet are processed only to account for the "
        "activities of the Family House under the project, in line with "
        "Regulation (EU) 2016/679."
    )
    return [
        _summary(data),
        Spacer(0, 8 * mm),
        _signatures(),
        Spacer(0, 5 * mm),
        paragraph(privacy, "small"),
    ]


def _height(flowable: Flowable) -> float:
    _width, height = flowable.wrap(CONTENT_WIDTH, FRAME_HEIGHT)
    return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def _last_page(table: Table, room: float) -> tuple[float, float, int]:
    """Lay the table out as the frame will: (room left under it on its last page, the
    height of its part on that page, pages it takes)."""
    part: Flowable = table
    pages = 1
    while True:
        _width, height = part.wrap(CONTENT_WIDTH, room)
        needed = height + part.getSpaceBefore() + part.getSpaceAfter()
        if needed <= room:
            return room - needed, height, pages
        pieces = part.split(CONTENT_WIDTH, room - part.getSpaceBefore())
        if len(pieces) == 2:
            part = pieces[1]
        elif room >= FRAME_HEIGHT:  # a row taller than a page: give up measuring
            return 0.0, height, pages
        room, pages = FRAME_HEIGHT, pages + 1


def _blank_rows(data: AttendanceSheetData, room: float, closing: float) -> int:
    """As many blank rows as asked for if the closing block fits under the table; fewer
    if that makes it fit; else more, so that the closing block goes on to the next page
    with at least two rows of the table, never alone."""
    carry = _height(_participants(replace(data, rows=()), 2))  # the header and two rows

    def fits(blanks: int) -> bool:
        left, part, pages = _last_page(_participants(data, blanks), room)
        return left >= closing + SAFETY and (pages == 1 or part >= carry)

    fewest = min(data.blank_rows, MIN_BLANK_ROWS)
    for blanks in [
        *range(data.blank_rows, fewest - 1, -1),
        *range(data.blank_rows + 1, data.blank_rows + 60),
    ]:
        if fits(blanks):
            return blanks
    return data.blank_rows


def attendance_sheet_pdf(data: AttendanceSheetData, house: HouseHeader) -> bytes:
    """One session's присъствен списък on A4, in the house style."""
    head: list[Flowable] = [
        paragraph(_("ATTENDANCE SHEET"), "title"),
        _details(data),
        Spacer(0, 2 * mm),
    ]
    closing = _closing(data)
    room = FRAME_HEIGHT - sum(_height(f) for f in head)
    blanks = _blank_rows(data, room, sum(_height(f) for f in closing))
    story = [*head, _participants(data, blanks), KeepTogether(closing)]
    return render_pdf(story, house, title=_("Attendance sheet"))


__all__ = ["AttendanceSheetData", "SheetRow", "attendance_sheet_pdf"]
