"""The monthly report as a PDF the coordinator can hand over as it is: the period, the profile
and the houses first, then one table per section (houses as columns and the total), then the
people by sex and age band. Page numbers and the date are in the footer of every page."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, TableStyle

from bgfuture_desk import __version__
from bgfuture_desk.documents.page import (
    PAGE_MARGINS,
    PAGE_WIDTH,
    HouseHeader,
    data_table,
    paragraph,
    render_pdf,
    styles,
)
from bgfuture_desk.documents.report_workbook import earlier_titles, row_cells, sex_label
from bgfuture_desk.domain.people import AgeBand
from bgfuture_desk.i18n import _, format_datetime, format_number
from bgfuture_desk.services.reports.completeness import missing_line, missing_warning
from bgfuture_desk.services.reports.indicators import INDICATORS, SEXES, TOTAL
from bgfuture_desk.services.reports.profiles import Shown

BODY_WIDTH = PAGE_WIDTH - PAGE_MARGINS.left - PAGE_MARGINS.right
LABEL_WIDTH = 60 * mm  # at the least


def _number(shown: Shown, value: int | str | None) -> Paragraph:
    """A number as the table shows it: right-aligned, "<5" when hidden."""
    cell = value if isinstance(value, str) else shown.cell(value)
    text = format_number(cell) if isinstance(cell, int) else cell
    style = ParagraphStyle("number", styles()["cell"], alignment=TA_RIGHT)
    return Paragraph(escape(text), style)


def report_pdf(shown: Shown, house: HouseHeader, made_at: dt.datetime) -> bytes:
    report = shown.report
    title = _("Monthly indicators")
    flowables: list[Flowable] = [
        paragraph(title, "title"),
        paragraph(_("Period: {period}").format(period=report.period.label())),
        paragraph(_("Profile: {profile}").format(profile=shown.label())),
        paragraph(_("Houses: {houses}").format(houses=", ".join(report.houses) or "—")),
        paragraph(missing_line(report.missing), "heading" if report.missing else "body"),
        paragraph(
            _("Made by bgfuture-desk {version} on {when}").format(
                version=__version__, when=format_datetime(made_at)
            ),
            "small",
        ),
    ]
    warning = missing_warning(report.missing)
    if warning is not None:
        flowables.append(paragraph(warning, "heading"))
    columns = len(report.houses) + 3  # the houses, the total, the period before, a year before
    width = min(24 * mm, (BODY_WIDTH - LABEL_WIDTH) / columns)
    label_width = BODY_WIDTH - width * columns
    for section in dict.fromkeys(i.section for i in INDICATORS):
        rows: list[list[object]] = [[_("Indicator"), *report.houses, _("total"), *earlier_titles()]]
        for figure in report.figures:
            if figure.indicator.section == section:
                cells = row_cells(shown, figure, report.houses)
                rows.append([figure.label, *(_number(shown, c) for c in cells)])
        table = data_table(rows, [label_width, *([width] * columns)])
        flowables.append(KeepTogether([paragraph(_(section), "heading"), table]))
    flowables += _sex_age(shown)
    flowables += _checks(shown, label_width, width)
    flowables += _completeness(shown)
    return render_pdf(flowables, house, title=title, printed_on=made_at.date())


def _checks(shown: Shown, label_width: float, width: float) -> list[Flowable]:
    report = shown.report
    if not report.checks:
        return []
    rows: list[list[object]] = [[_("Check"), *report.houses, _("total")]]
    for check in report.checks:
        counts = [check.count(h) for h in report.houses] + [check.count()]
        rows.append([check.title, *(_number(shown, format_number(n)) for n in counts)])
    widths = [label_width + 2 * width, *([width] * (len(report.houses) + 1))]
    return [
        KeepTogether([paragraph(_("Checks of the records"), "heading"), data_table(rows, widths)])
    ]


def _completeness(shown: Shown) -> list[Flowable]:
    """Houses × months of a consolidated database: when each export was imported."""
    matrix = shown.report.completeness
    if matrix is None or not matrix.consolidated or not matrix.houses:
        return []
    months = matrix.months[-6:]  # what fits across the page; the workbook has them all
    rows: list[list[object]] = [[_("House"), *(str(m) for m in months)]]
    for house in matrix.houses:
        rows.append([house, *(matrix.cell(house, m).text(short=True) for m in months)])
    house_width = 34 * mm
    rest = (BODY_WIDTH - house_width) / len(months)
    table = data_table(rows, [house_width, *([rest] * len(months))])
    return [KeepTogether([paragraph(_("Imported exports"), "heading"), table])]


def _sex_age(shown: Shown) -> list[Flowable]:
    """For each indicator of people: its name over a table of sex × age band (all houses)."""
    bands = list(AgeBand)
    sex_width = 34 * mm
    rest = (BODY_WIDTH - sex_width) / len(bands)
    out: list[Flowable] = [paragraph(_("Sex and age (all houses)"), "heading")]
    for figure in shown.report.figures:
        split = (figure.by_sex_age or {}).get(TOTAL)
        if split is None:
            continue
        rows: list[list[object]] = [
            [figure.label, *([""] * len(bands))],
            [_("Sex"), *(b.label for b in bands)],
        ]
        for sex in SEXES:
            rows.append([sex_label(sex), *(_number(shown, split[sex][b.value]) for b in bands)])
        table = data_table(rows, [sex_width, *([rest] * len(bands))], header_rows=2)
        table.setStyle(TableStyle([("SPAN", (0, 0), (-1, 0))]))
        out.append(KeepTogether(table))
    return out
