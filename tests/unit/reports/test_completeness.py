"""Completeness and the year to date, on small hand-built files whose answers are written here.

The consolidated file: Крън's export of September 2026 imported on 3 October 2026 at 09:15 and
again on 4 October at 16:40, its October export on 2 November at 10:05; Розово's export of
September only, on 5 October at 11:00. October therefore misses Розово; September is complete.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import delete

from bgfuture_desk.db.models import House, ImportLog, Setting
from bgfuture_desk.domain.months import Month
from bgfuture_desk.errors import ValidationError
from bgfuture_desk.services.reports.completeness import State, completeness
from bgfuture_desk.services.reports.indicators import TOTAL, compare, count
from bgfuture_desk.services.reports.period import Period
from bgfuture_desk.services.unit import Actor
from tests.unit.reports.test_indicators import OCTOBER, file  # noqa: F401 - the fixture

SEPTEMBER = Period.parse("2026-09")


def imported(house: House, month: str, at: dt.datetime) -> ImportLog:
    return ImportLog(
        id=uuid.uuid4(), house_id=house.id, house_code=house.code, month=month,
        file_name=f"{house.code}-{month}.bgfx", exported_at=at, imported_at=at, records=1,
    )  # fmt: skip


@pytest.fixture
def consolidated(house_db, file):  # noqa: F811
    """The hand-built file made a consolidated one (no house of its own) with its imports."""
    with house_db.unit(Actor.system(), "hand_built") as uow:
        s = uow.session
        houses = {h.code: h for h in s.query(House)}
        kran, rozovo = houses["kran"], houses["rozovo"]
        s.add_all([
            imported(kran, "2026-09", dt.datetime(2026, 10, 3, 9, 15)),
            imported(kran, "2026-09", dt.datetime(2026, 10, 4, 16, 40)),
            imported(kran, "2026-10", dt.datetime(2026, 11, 2, 10, 5)),
            imported(rozovo, "2026-09", dt.datetime(2026, 10, 5, 11, 0)),
        ])  # fmt: skip
        s.execute(delete(Setting).where(Setting.key == "house_id"))
        uow.commit()
    return house_db


def test_a_house_file_misses_no_house(house_db, file):  # noqa: F811
    report = compare(house_db, OCTOBER)
    assert report.missing == [] and report.as_json()["missing"] == []
    assert report.completeness is not None and not report.completeness.consolidated


def test_a_month_with_a_house_missing_names_it(consolidated):
    assert count(consolidated, OCTOBER).missing == ["rozovo"]
    assert count(consolidated, SEPTEMBER).missing == []
    assert count(consolidated, Period.parse("2026-09", "2026-10")).missing == ["rozovo"]
    assert compare(consolidated, OCTOBER).as_json()["missing"] == ["rozovo"]


def test_the_matrix_marks_the_imported_months_with_their_time(consolidated):
    matrix = completeness(consolidated, OCTOBER)
    assert matrix.consolidated and matrix.houses == ["kran", "rozovo"]
    assert matrix.months[0] == Month(2025, 11) and matrix.months[-1] == Month(2026, 10)
    september, october, august = Month(2026, 9), Month(2026, 10), Month(2026, 8)
    kran_sep = matrix.cell("kran", september)
    assert kran_sep.state == State.IMPORTED
    assert kran_sep.imported_at == dt.datetime(2026, 10, 4, 16, 40)  # the latest import
    assert kran_sep.text() == "04.10.2026 16:40"
    assert matrix.cell("kran", october).text() == "02.11.2026 10:05"
    assert matrix.cell("rozovo", september).text() == "05.10.2026 11:00"
    assert matrix.cell("rozovo", october).state == State.MISSING
    assert matrix.cell("rozovo", october).text() == "липсва"
    # August came with September's export (an export holds the whole file)
    assert matrix.cell("kran", august).state == State.COVERED
    assert matrix.cell("kran", august).text() == "с износа за септември 2026 г."
    data = matrix.as_json()
    assert data["houses"]["kran"]["2026-10"] == {
        "state": "imported", "imported_at": "2026-11-02T10:05:00", "covered_by": "2026-10",
    }  # fmt: skip
    assert data["missing"] == ["rozovo"]


def test_the_year_to_date_counts_a_person_once_across_months(house_db, file):  # noqa: F811
    kran, rozovo = file
    ytd = Period.parse("2026-10", ytd=True)
    assert (ytd.first, ytd.last) == (Month(2026, 1), Month(2026, 10))
    assert ytd.label() == "януари 2026 г. – октомври 2026 г. (от началото на годината)"
    assert ytd.as_json() == {"from": "2026-01", "to": "2026-10", "year_to_date": True}
    report = compare(house_db, ytd)
    # Ана at Крън in September and October, Борис in October: two children, Ана once
    assert report.figure("children_reached").values == {kran: 2, rozovo: 1, TOTAL: 2}
    # ... while her visits add up: September 1, October 2 (the cancelled one left out)
    assert report.figure("visits").values == {kran: 3, rozovo: 2, TOTAL: 5}
    # compared with the year to date a month earlier (September: Ана's one visit) ...
    assert report.figure("visits").previous == {kran: 1, rozovo: 0, TOTAL: 1}
    assert report.figure("children_reached").previous == {kran: 1, rozovo: 0, TOTAL: 1}
    # ... and with January to October 2025
    assert report.figure("visits").year_before == {kran: 0, rozovo: 0, TOTAL: 0}
    data = report.as_json()
    assert data["previous"] == {"from": "2026-01", "to": "2026-09", "year_to_date": True}
    assert data["year_before"] == {"from": "2025-01", "to": "2025-10", "year_to_date": True}
    assert Period.year_to_date(Month(2026, 1)).previous() == Period(
        Month(2025, 1), Month(2025, 12), ytd=True
    )


def test_the_year_to_date_takes_no_last_month():
    with pytest.raises(ValidationError) as both:
        Period.parse("2026-05", "2026-06", ytd=True)
    assert "от началото на годината" in both.value.errors["to"]


def test_the_light_count_of_the_trend_gives_the_full_count_numbers(house_db, file):  # noqa: F811
    from bgfuture_desk.services.reports.indicators import LIGHT_KEYS, trend

    for period in (SEPTEMBER, OCTOBER):
        full, light = count(house_db, period), count(house_db, period, light=True)
        assert {f.key for f in light.figures} == LIGHT_KEYS
        for figure in light.figures:
            assert figure.values == full.figure(figure.key).values, figure.key
            assert figure.by_sex_age == full.figure(figure.key).by_sex_age, figure.key
    months = dict(trend(house_db, Month(2026, 10)))
    assert months[Month(2026, 10)] == {"children_reached": 2, "parents_reached": 2, "visits": 4,
                                       "loans": 2}  # fmt: skip
