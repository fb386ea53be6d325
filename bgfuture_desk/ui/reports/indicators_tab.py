"""Отчети → Показатели: the month's indicators per house and in total, with two charts.

The period (a month, or a range up to a later month) and the profile are chosen at the top;
the numbers are counted off the screen's thread, so a large consolidated file keeps the
window responsive. The table shows each figure beside the period before and a year before;
the charts show the last twelve months (children, parents, visits, loans) and the children
and adults reached by sex and age band. „Запази в Excel…“ and „Запази в PDF…“ write the same
report as a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.domain.months import Month
from bgfuture_desk.domain.people import AgeBand
from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services.reports import files
from bgfuture_desk.services.reports.completeness import missing_warning
from bgfuture_desk.services.reports.indicators import TOTAL, TREND_KEYS, compare, trend
from bgfuture_desk.services.reports.period import Period
from bgfuture_desk.services.reports.profiles import Profile, Shown, shown
from bgfuture_desk.services.unit import Database
from bgfuture_desk.ui.models.completeness_table_model import CompletenessTableModel
from bgfuture_desk.ui.models.indicator_table_model import IndicatorTableModel
from bgfuture_desk.ui.reports.worker import Worker
from bgfuture_desk.ui.widgets.service_call import run_shown

MONTHS_OFFERED = 36
TREND_NAMES = {  # short names: the chart's legend has little room
    "children_reached": N_("children"),
    "parents_reached": N_("parents"),
    "visits": N_("visits"),
    "loans": N_("loans"),
}
# Counting runs to its end even if the tab goes away (the window closes): the thread is kept
# here until it has finished, never destroyed while it runs.
_RUNNING: set[Worker] = set()
SAME_MONTH = ""  # the "to" choice that means a single month


@dataclass(frozen=True)
class Counted:
    shown: Shown
    trend: list[tuple[Month, dict[str, int]]]


class IndicatorsTab(QWidget):
    counted = Signal(object)  # Counted: the table and the charts show it (tests wait for it)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.current: Counted | None = None
        self.worker: Worker | None = None
        self._again = False  # the choice changed while counting: count again when done
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_choices())
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.warning = QLabel(self)  # the houses missing in the period (consolidated file)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00000; font-weight: bold;")
        self.warning.hide()
        layout.addWidget(self.warning)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = self.left = QSplitter(Qt.Orientation.Vertical, splitter)
        self.model = IndicatorTableModel(self)
        self.table = QTableView(left)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Indicators"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.matrix_box = QWidget(left)
        box = QVBoxLayout(self.matrix_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.matrix_title = QLabel(_("Imported exports (houses × months):"), self.matrix_box)
        box.addWidget(self.matrix_title)
        self.matrix_model = CompletenessTableModel(self)
        self.matrix = QTableView(self.matrix_box)
        self.matrix.setModel(self.matrix_model)
        self.matrix.setAccessibleName(_("Imported exports"))
        self.matrix.verticalHeader().hide()
        self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matrix.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.matrix.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        box.addWidget(self.matrix)
        left.addWidget(self.table)
        left.addWidget(self.matrix_box)
        left.setStretchFactor(0, 4)
        left.setStretchFactor(1, 1)
        self.matrix_box.hide()  # a house file is complete: no matrix
        charts = QWidget(splitter)
        column = QVBoxLayout(charts)
        column.setContentsMargins(0, 0, 0, 0)
        self.trend_view = self._chart_view(charts)
        self.ages_view = self._chart_view(charts)
        column.addWidget(self.trend_view, 1)
        column.addWidget(self.ages_view, 1)
        splitter.addWidget(left)
        splitter.addWidget(charts)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 480])
        layout.addWidget(splitter, 1)

    def _build_choices(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.month = QComboBox(self)
        self.to = QComboBox(self)
        self.to.addItem("—", SAME_MONTH)
        latest = Month.of(self.db.clock.today())
        for back in range(MONTHS_OFFERED):
            month = latest.shifted(-back)
            self.month.addItem(month.label(), str(month))
            self.to.addItem(month.label(), str(month))
        self.month.setCurrentIndex(1)  # the month before: the one normally reported
        self.profile = QComboBox(self)
        for profile in Profile:
            self.profile.addItem(profile.label.format(below=5), profile.value)
        for text, box in ((_("&Month:"), self.month), (_("t&o:"), self.to),
                          (_("&Profile:"), self.profile)):  # fmt: skip
            label = QLabel(text, self)
            label.setBuddy(box)
            row.addWidget(label)
            row.addWidget(box)
            box.currentIndexChanged.connect(lambda _i: self.recount())
            if box is self.to:
                self.ytd = QCheckBox(_("from &January"), self)
                self.ytd.setToolTip(_("The year to date: from January to the month"))
                self.ytd.toggled.connect(self._ytd_toggled)
                row.addWidget(self.ytd)
        row.addStretch(1)
        self.excel_button = QPushButton(_("Save as &Excel…"), self)
        self.pdf_button = QPushButton(_("Save as P&DF…"), self)
        self.excel_button.clicked.connect(lambda: self.save(".xlsx"))
        self.pdf_button.clicked.connect(lambda: self.save(".pdf"))
        row.addWidget(self.excel_button)
        row.addWidget(self.pdf_button)
        return row

    def _chart_view(self, parent: QWidget) -> QChartView:
        view = QChartView(parent)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(180)
        return view

    # -- choosing and counting ------------------------------------------------------------

    def _ytd_toggled(self, on: bool) -> None:
        self.to.setEnabled(not on)  # the year to date ends with the month
        self.recount()

    def period(self) -> Period | None:
        """The chosen period; None (with the reason shown) when "to" comes before the month."""
        ytd = self.ytd.isChecked()
        to = None if ytd else self.to.currentData() or None
        return run_shown(
            lambda: Period.parse(self.month.currentData(), to, ytd), self.status.setText
        )

    def chosen_profile(self) -> Profile:
        return Profile(self.profile.currentData())

    def recount(self) -> None:
        """Count the chosen period off the screen's thread (again when it is done, if busy)."""
        if self.worker is not None and self.worker.isRunning():
            self._again = True
            return
        period = self.period()
        if period is None:
            return
        profile = self.chosen_profile()
        db = self.db

        def work(_progress) -> Counted:
            return Counted(shown(compare(db, period), profile), trend(db, period.last))

        self.status.setText(_("Counting the indicators for {period}").format(period=period.label()))
        self.setCursor(Qt.CursorShape.BusyCursor)
        worker = Worker(work)
        _RUNNING.add(worker)
        worker.succeeded.connect(self._show)
        worker.failed.connect(self._failed)
        worker.finished.connect(self._finished)
        worker.finished.connect(lambda: _RUNNING.discard(worker))
        self.worker = worker
        worker.start()

    def _finished(self) -> None:
        self.unsetCursor()
        if self._again:
            self._again = False
            self.recount()

    def _failed(self, message: str, _error: object) -> None:
        self.status.setText(message)

    def _show(self, counted: Counted) -> None:
        self.current = counted
        report = counted.shown.report
        self.status.setText(
            _("{period} · {houses} · profile: {profile}").format(
                period=report.period.label(),
                houses=", ".join(report.houses),
                profile=counted.shown.label(),
            )
        )
        self.model.set_report(counted.shown)
        warning = missing_warning(report.missing)
        self.warning.setText(warning or "")
        self.warning.setVisible(warning is not None)
        matrix = report.completeness
        self.matrix_model.set_matrix(matrix)
        self.matrix_box.setVisible(matrix is not None and matrix.consolidated)
        if self.matrix_box.isVisibleTo(self):
            self._fit_matrix()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.trend_view.setChart(self._trend_chart(counted))
        self.ages_view.setChart(self._ages_chart(counted.shown))
        self.counted.emit(counted)

    def _fit_matrix(self) -> None:
        """Give the matrix the height of its rows (a few houses), the table the rest."""
        rows = self.matrix_model.rowCount()
        self.matrix.resizeColumnsToContents()
        height = (
            self.matrix.horizontalHeader().sizeHint().height()
            + rows * self.matrix.verticalHeader().defaultSectionSize()
            + self.matrix.horizontalScrollBar().sizeHint().height()
            + 2 * self.matrix.frameWidth()
        )
        self.matrix.setMinimumHeight(height)
        label = self.matrix_title.sizeHint().height()
        total = sum(self.left.sizes()) or self.left.height()
        spacing = self.style().pixelMetric(self.style().PixelMetric.PM_LayoutVerticalSpacing)
        box = height + label + spacing
        self.left.setSizes([max(total - box, 100), box])

    # -- the charts ---------------------------------------------------------------------

    def _trend_chart(self, counted: Counted) -> QChart:
        chart = QChart()
        months = [m for m, _values in counted.trend]
        chart.setTitle(
            _("{first} – {last}, all houses").format(
                first=months[0].label(), last=months[-1].label()
            )
        )
        axis_x = QBarCategoryAxis()
        axis_x.append([f"{m.month:02d}" for m in months])  # the months' numbers; years above
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%d")
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        top = 0
        for key in TREND_KEYS:
            series = QLineSeries()
            series.setName(_(TREND_NAMES[key]))
            for n, (_month, values) in enumerate(counted.trend):
                series.append(n, values[key])
                top = max(top, values[key])
            chart.addSeries(series)
            series.attachAxis(axis_y)
        axis_y.setRange(0, max(top, 1))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        return chart

    def _ages_chart(self, view: Shown) -> QChart:
        """Children and adults reached, by sex and age band (hidden numbers are not drawn)."""
        chart = QChart()
        chart.setTitle(_("People reached by sex and age (all houses)"))
        series = QHorizontalBarSeries()
        bands = list(AgeBand)
        for sex, name in (("female", _("women and girls")), ("male", _("men and boys"))):
            bars = QBarSet(name)
            for band in bands:
                bars.append(float(self._reached(view, sex, band.value)))
            series.append(bars)
        chart.addSeries(series)
        axis_y = QBarCategoryAxis()
        axis_y.append([b.label for b in bands])
        axis_x = QValueAxis()
        axis_x.setLabelFormat("%d")
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_y)
        series.attachAxis(axis_x)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        return chart

    @staticmethod
    def _reached(view: Shown, sex: str, band: str) -> int:
        total = 0
        for key in ("children_reached", "parents_reached"):
            split = view.report.figure(key).by_sex_age or {}
            total += split.get(TOTAL, {}).get(sex, {}).get(band) or 0
        return total

    # -- saving -------------------------------------------------------------------------

    def save(self, suffix: str) -> None:
        counted = self.current
        if counted is None:
            return
        report = counted.shown.report
        name = _("indicators-{period}{suffix}").format(
            period=f"{report.period.first}"
            + (f"_{report.period.last}" if report.period.last != report.period.first else ""),
            suffix=suffix,
        )
        kind = _("Excel workbook (*.xlsx)") if suffix == ".xlsx" else _("PDF document (*.pdf)")
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the report"), name, kind)
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        counted = self.current
        if counted is None:
            return
        db = self.db
        header = files.report_header(db, counted.shown.report.houses)
        saved = run_shown(
            lambda: files.save_report(path, counted.shown, header, db.clock.now(), counted.trend),
            self.status.setText,
        )
        if saved is not None:
            self.status.setText(_("The report was saved: {path}").format(path=saved))
