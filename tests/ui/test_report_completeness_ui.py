"""Отчети → Показатели on a consolidated file with a house missing in October 2026 (the
hand-built imports of ``tests/unit/reports/test_completeness``): a red warning line names it
and the matrix shows when each export came in; „от януари“ counts the year to date."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from bgfuture_desk.domain.clock import FixedClock
from bgfuture_desk.ui.reports.indicators_tab import IndicatorsTab
from tests.unit.reports.test_completeness import consolidated  # noqa: F401 - the fixture
from tests.unit.reports.test_indicators import file  # noqa: F401 - the fixture


@pytest.fixture
def tab(qtbot, consolidated):  # noqa: F811
    consolidated.clock = FixedClock(dt.datetime(2026, 11, 10, 9))
    tab = IndicatorsTab(consolidated)
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    return tab


def shot(widget, name: str) -> None:
    """A screenshot to look at, when BGF_SHOTS names a folder."""
    folder = os.environ.get("BGF_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / name))


def test_a_missing_house_is_named_and_the_matrix_shows_the_imports(qtbot, tab):
    tab.show()
    with qtbot.waitSignal(tab.counted, timeout=20000):
        tab.recount()  # the reports page asks when it is first shown
    assert tab.month.currentText() == "октомври 2026 г."
    assert tab.warning.isVisible()
    assert tab.warning.text() == (
        "Внимание: за целия период няма внесен износ от: rozovo. Техните числа и общият сбор "
        "са непълни."
    )
    assert tab.matrix_box.isVisible()
    model = tab.matrix_model
    assert [model.headerData(c, tab.matrix.horizontalHeader().orientation())
            for c in range(3)] == ["Къща", "10.2026", "09.2026"]  # fmt: skip
    rows = {model.index(r, 0).data(): [model.index(r, c).data() for c in (1, 2)]
            for r in range(model.rowCount())}  # fmt: skip
    assert rows == {
        "kran": ["02.11.2026 10:05", "04.10.2026 16:40"],
        "rozovo": ["липсва", "05.10.2026 11:00"],
    }
    shot(tab, "report-missing-1366x768.png")

    with qtbot.waitSignal(tab.counted, timeout=20000):
        tab.month.setCurrentIndex(2)  # September 2026: every house is in
    assert not tab.warning.isVisible()


def test_from_january_counts_the_year_to_date(qtbot, tab):
    tab.show()
    with qtbot.waitSignal(tab.counted, timeout=20000):
        tab.recount()  # the reports page asks when it is first shown
    with qtbot.waitSignal(tab.counted, timeout=20000) as counted:
        tab.ytd.setChecked(True)
    report = counted.args[0].shown.report
    assert report.period.ytd and str(report.period.first) == "2026-01"
    assert not tab.to.isEnabled()
    assert tab.status.text().startswith("януари 2026 г. – октомври 2026 г. (от началото")
    assert report.value("visits", "kran") == 3
    shot(tab, "report-ytd-1366x768.png")
