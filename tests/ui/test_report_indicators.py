"""Отчети → Показатели, as the coordinator uses it: the month before is shown first; choosing
another month or the partners' profile recounts, and the table and the charts follow."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from bgfuture_desk.domain.clock import FixedClock
from bgfuture_desk.services.demo import generate_demo
from bgfuture_desk.services.reports.indicators import compare
from bgfuture_desk.services.reports.period import Period
from bgfuture_desk.services.reports.profiles import Profile, shown
from bgfuture_desk.ui.models.indicator_table_model import IndicatorTableModel
from bgfuture_desk.ui.reports import ReportsPage

TODAY = dt.date(2025, 2, 10)


@pytest.fixture
def house(house_db):
    house_db.clock = FixedClock(dt.datetime.combine(TODAY, dt.time(10)))
    generate_demo(house_db, families=30, seed=4, today=dt.date(2025, 1, 28))
    return house_db


@pytest.fixture
def page(qtbot, house, admin):
    page = ReportsPage(house)
    page.set_actor(admin)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    return page


def row_of(model: IndicatorTableModel, label: str) -> list[str]:
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == label:
            return [model.index(row, c).data() for c in range(model.columnCount())]
    raise AssertionError(f"no row {label!r}")


def test_the_month_before_is_counted_when_the_page_opens(qtbot, page, house):
    tab = page.indicators
    with qtbot.waitSignal(tab.counted, timeout=20000):
        page.show()
    assert page.tabs.tabText(0) == "&Показатели"
    assert tab.month.currentText() == "януари 2025 г."
    expected = compare(house, Period.parse("2025-01"))
    children = expected.figure("children_reached").values
    assert row_of(tab.model, "Обхванати деца")[:3] == [
        "Обхванати деца", str(children["kran"]), str(children["total"]),
    ]  # fmt: skip
    assert tab.model.headers()[-2:] == ["предходен период", "преди година"]
    trend = tab.trend_view.chart()
    assert trend.title() == "февруари 2024 г. – януари 2025 г., всички къщи"
    assert [s.name() for s in trend.series()] == ["деца", "родители", "посещения", "заемания"]
    january = trend.series()[0].at(11).y()  # the last point is the month shown
    assert january == children["total"]
    ages = tab.ages_view.chart().series()[0]
    assert [ages.barSets()[i].label() for i in (0, 1)] == ["жени и момичета", "мъже и момчета"]
    girls = sum(ages.barSets()[0].at(i) for i in range(ages.barSets()[0].count()))
    split = expected.figure("children_reached").by_sex_age["total"]["female"]
    adults = expected.figure("parents_reached").by_sex_age["total"]["female"]
    assert girls == sum(split.values()) + sum(adults.values())


def test_another_month_and_the_partners_profile_recount(qtbot, page, house):
    tab = page.indicators
    with qtbot.waitSignal(tab.counted, timeout=20000):
        page.show()
    with qtbot.waitSignal(tab.counted, timeout=20000):
        tab.month.setCurrentIndex(2)  # December 2024
    assert tab.current.shown.report.period == Period.parse("2024-12")
    assert "декември 2024 г." in tab.status.text()
    with qtbot.waitSignal(tab.counted, timeout=20000):
        tab.profile.setCurrentIndex(1)
    assert tab.current.shown.profile is Profile.PARTNERS
    hidden = shown(compare(house, Period.parse("2024-12")), Profile.PARTNERS)
    pregnant = hidden.report.figure("pregnant_reached").values["total"]
    assert row_of(tab.model, "Обхванати бременни жени")[2] == str(hidden.cell(pregnant))
    assert "за партньори" in tab.status.text()


def test_a_to_month_before_the_month_is_refused_in_the_status_line(qtbot, page):
    tab = page.indicators
    with qtbot.waitSignal(tab.counted, timeout=20000):
        page.show()
    tab.to.setCurrentIndex(tab.to.findData("2024-11"))  # before January 2025
    assert tab.status.text() == "Последният месец 2024-11 е преди първия 2025-01."


def test_the_report_is_saved_as_excel(qtbot, page, tmp_path):
    tab = page.indicators
    with qtbot.waitSignal(tab.counted, timeout=20000):
        page.show()
    out = tmp_path / "показатели.xlsx"
    tab.save_to(out)
    assert tab.status.text() == f"Отчетът е запазен: {out}"
    assert openpyxl.load_workbook(out)["Обхват"]["A2"].value == "Период: януари 2025 г."


def test_the_indicator_model_passes_the_model_tester(qtmodeltester, house):
    model = IndicatorTableModel()
    model.set_report(shown(compare(house, Period.parse("2025-01")), Profile.INTERNAL))
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 0).data() == "Обхват"  # a section's title row
