"""The monthly report as an Excel workbook: one sheet per table, houses as columns and the total.

Numbers are stored as numbers (a hidden one as the text "<5"); the first rows say the period,
the profile, the houses and when the file was made; headers are frozen, columns fit their
text, and each sheet prints on A4 landscape, one page wide.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from bgfuture_desk import __version__
from bgfuture_desk.domain.months import Month
from bgfuture_desk.domain.people import AgeBand
from bgfuture_desk.i18n import _, format_datetime
from bgfuture_desk.services.reports.completeness import missing_line, missing_warning
from bgfuture_desk.services.reports.indicators import BY_KEY, INDICATORS, SEXES, TOTAL, Figure
from bgfuture_desk.services.reports.profiles import Shown

HEAD_FILL = PatternFill("solid", fgColor="DDE7D0")
BOLD = Font(bold=True)
WARNING = Font(bold=True, color="B00000")


def sex_label(sex: str) -> str:
    return {"female": _("women and girls"), "male": _("men and boys")}.get(sex, _("sex unknown"))


def earlier_titles() -> tuple[str, str]:
    return _("total, period before"), _("total, a year before")


def row_cells(shown: Shown, figure: Figure, houses: list[str]) -> list[int | str]:
    """The houses, the total, then the total of the period before and of a year before."""
    cells = [shown.cell(figure.values.get(k, 0)) for k in [*houses, TOTAL]]
    for earlier in (figure.previous, figure.year_before):
        cells.append("—" if earlier is None else shown.cell(earlier.get(TOTAL)))
    return cells


Trend = list[tuple[Month, dict[str, int]]]


def report_workbook(shown: Shown, made_at: dt.datetime, trend: Trend | None = None) -> bytes:
    """The workbook; with ``trend`` (``indicators.trend``) also a sheet of the 12-month
    trends with a native Excel line chart."""
    report = shown.report
    book = Workbook()
    first = True
    sections = list(dict.fromkeys(i.section for i in INDICATORS))
    for section in sections:
        sheet = book.active if first else book.create_sheet()
        assert isinstance(sheet, Worksheet)
        first = False
        sheet.title = _(section)[:31]
        row = _heading(sheet, shown, _(section), made_at)
        row = _table_head(sheet, row, report.houses)
        for figure in report.figures:
            if figure.indicator.section != section:
                continue
            sheet.cell(row, 1, figure.label)
            for column, value in enumerate(row_cells(shown, figure, report.houses), start=2):
                sheet.cell(row, column, value)
            row += 1
        _finish(sheet)
    _sex_age_sheet(book.create_sheet(), shown, made_at)
    _checks_sheet(book.create_sheet(), shown, made_at)
    if report.completeness is not None and report.completeness.consolidated:
        _completeness_sheet(book.create_sheet(), shown, made_at)
    if trend:
        _trend_sheet(book.create_sheet(), shown, trend, made_at)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _heading(sheet: Worksheet, shown: Shown, title: str, made_at: dt.datetime) -> int:
    report = shown.report
    lines = [
        (_("Monthly indicators: {title}").format(title=title), True),
        (_("Period: {period}").format(period=report.period.label()), False),
        (_("Profile: {profile}").format(profile=shown.label()), False),
        (_("Houses: {houses}").format(houses=", ".join(report.houses) or "—"), False),
        (missing_line(report.missing), bool(report.missing)),
        (_("Made by bgfuture-desk {version} on {when}").format(
            version=__version__, when=format_datetime(made_at)), False),
    ]  # fmt: skip
    for n, (text, bold) in enumerate(lines, start=1):
        sheet.cell(n, 1, text).font = Font(bold=bold, size=13 if n == 1 else 11)
    warning = missing_warning(report.missing)
    if warning is not None:
        sheet.cell(len(lines) + 1, 1, warning).font = WARNING
        return len(lines) + 3
    return len(lines) + 2


def _table_head(sheet: Worksheet, row: int, houses: list[str]) -> int:
    for column, text in enumerate(
        [_("Indicator"), *houses, _("total"), *earlier_titles()], start=1
    ):
        cell = sheet.cell(row, column, text)
        cell.font, cell.fill = BOLD, HEAD_FILL
        cell.alignment = Alignment(horizontal="left" if column == 1 else "right")
    sheet.freeze_panes = f"B{row + 1}"
    return row + 1


def _sex_age_sheet(sheet: Worksheet, shown: Shown, made_at: dt.datetime) -> None:
    """People by sex and age band, in total, for each indicator of people."""
    sheet.title = _("Sex and age")[:31]
    row = _heading(sheet, shown, _("sex and age (all houses)"), made_at)
    bands = list(AgeBand)
    for column, text in enumerate([_("Indicator"), _("Sex"), *(b.label for b in bands)], 1):
        cell = sheet.cell(row, column, text)
        cell.font, cell.fill = BOLD, HEAD_FILL
    sheet.freeze_panes = f"C{row + 1}"
    row += 1
    for figure in shown.report.figures:
        split = (figure.by_sex_age or {}).get(TOTAL)
        if split is None:
            continue
        for sex in SEXES:
            sheet.cell(row, 1, figure.label)
            sheet.cell(row, 2, sex_label(sex))
            for column, band in enumerate(bands, start=3):
                sheet.cell(row, column, shown.cell(split[sex][band.value]))
            row += 1
    _finish(sheet)


def _checks_sheet(sheet: Worksheet, shown: Shown, made_at: dt.datetime) -> None:
    """The checks of the period: how many doubtful records each house has."""
    report = shown.report
    sheet.title = _("Checks")[:31]
    row = _table_head(sheet, _heading(sheet, shown, _("checks"), made_at), report.houses)
    for check in report.checks:
        sheet.cell(row, 1, check.title)
        for column, house in enumerate(report.houses, start=2):
            sheet.cell(row, column, check.count(house))
        sheet.cell(row, len(report.houses) + 2, check.count())
        row += 1
    _finish(sheet)


def _completeness_sheet(sheet: Worksheet, shown: Shown, made_at: dt.datetime) -> None:
    """Houses × months: when each house's export was imported (or what is missing)."""
    matrix = shown.report.completeness
    assert matrix is not None
    sheet.title = _("Completeness")[:31]
    row = _heading(sheet, shown, _("imported exports"), made_at)
    for column, text in enumerate([_("House"), *(str(m) for m in matrix.months)], start=1):
        cell = sheet.cell(row, column, text)
        cell.font, cell.fill = BOLD, HEAD_FILL
    sheet.freeze_panes = f"B{row + 1}"
    row += 1
    for house in matrix.houses:
        sheet.cell(row, 1, house)
        for column, month in enumerate(matrix.months, start=2):
            entry = matrix.cell(house, month)
            cell = sheet.cell(row, column, entry.text())
            if entry.state == "missing":
                cell.font = WARNING
        row += 1
    _finish(sheet)


def _trend_sheet(sheet: Worksheet, shown: Shown, trend: Trend, made_at: dt.datetime) -> None:
    """The totals of the last months (a row per month) and their line chart beside them.
    The partners' profile hides the small totals here too (the chart leaves a gap)."""
    sheet.title = _("Trends")[:31]
    keys = list(trend[0][1])
    head = _heading(sheet, shown, _("the last 12 months, all houses"), made_at)
    for column, text in enumerate([_("Month"), *(_(BY_KEY[k].label) for k in keys)], start=1):
        cell = sheet.cell(head, column, text)
        cell.font, cell.fill = BOLD, HEAD_FILL
    sheet.freeze_panes = f"B{head + 1}"
    row = head + 1
    for month, values in trend:
        sheet.cell(row, 1, month.label())
        for column, key in enumerate(keys, start=2):
            value = values.get(key, 0)
            hide = shown.profile == "partners" and 0 < value < shown.below
            sheet.cell(row, column, shown.cell(None) if hide else value)
        row += 1
    chart = LineChart()
    chart.title = _("The last 12 months, all houses")
    chart.y_axis.title = _("number")
    chart.x_axis.title = _("month")
    chart.height, chart.width = 9, 22
    chart.add_data(
        Reference(sheet, min_col=2, max_col=len(keys) + 1, min_row=head, max_row=row - 1),
        titles_from_data=True,
    )
    chart.set_categories(Reference(sheet, min_col=1, min_row=head + 1, max_row=row - 1))
    sheet.add_chart(chart, f"A{row + 2}")
    _finish(sheet)


def _finish(sheet: Worksheet) -> None:
    """Columns as wide as their text; A4 landscape, one page wide."""
    widths: dict[int, int] = {}
    # from the table's head on (the frozen rows end with it): the first rows' lines overflow
    head = (sheet.freeze_panes and int("".join(c for c in sheet.freeze_panes if c.isdigit()))) or 8
    for cells in sheet.iter_rows(min_row=head - 1):
        for cell in cells:
            if cell.value is not None:
                widths[cell.column] = max(widths.get(cell.column, 0), len(str(cell.value)))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), 60)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
