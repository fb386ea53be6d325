"""The partners' profile: small numbers hidden, and never one hidden cell a total gives away."""

from __future__ import annotations

import json

from bgfuture_desk.services.reports.indicators import BY_KEY, TOTAL, Figure, Report
from bgfuture_desk.services.reports.period import Period
from bgfuture_desk.services.reports.profiles import Profile, shown

OCTOBER = Period.parse("2026-10")


def one(key: str, values: dict[str, int], **more) -> Report:
    return Report(OCTOBER, sorted(k for k in values if k != TOTAL),
                  [Figure(BY_KEY[key], values, **more)])  # fmt: skip


def cells(report: Report, profile: Profile = Profile.PARTNERS) -> dict[str, object]:
    data = shown(report, profile).as_json()
    return data["indicators"][0]["values"]  # type: ignore[index]


def test_a_two_is_hidden_with_one_more_cell_so_the_total_cannot_give_it_away():
    report = one("visits", {"kran": 2, "razhena": 9, "rozovo": 14, TOTAL: 25})
    assert cells(report) == {"kran": "<5", "razhena": "<5", "rozovo": 14, TOTAL: 25}


def test_two_hidden_houses_need_nothing_more():
    report = one("visits", {"kran": 2, "razhena": 3, "rozovo": 14, TOTAL: 19})
    assert cells(report) == {"kran": "<5", "razhena": "<5", "rozovo": 14, TOTAL: 19}


def test_one_house_alone_hides_its_total_too():
    assert cells(one("visits", {"kran": 3, TOTAL: 3})) == {"kran": "<5", TOTAL: "<5"}
    report = one("visits", {"kran": 3, "razhena": 0, TOTAL: 3})
    assert cells(report) == {"kran": "<5", "razhena": 0, TOTAL: "<5"}


def test_the_internal_profile_shows_every_number_and_the_source_is_untouched():
    values = {"kran": 2, "razhena": 9, TOTAL: 11}
    report = one("visits", dict(values))
    assert cells(report, Profile.INTERNAL) == values
    cells(report)
    assert report.figures[0].values == values


def test_the_sex_and_age_table_is_hidden_the_same_way():
    split = {"female": {"0-3": 2, "3-7": 6, "7-18": 0, "adult": 0, "unknown": 0},
             "male": {"0-3": 0, "3-7": 7, "7-18": 0, "adult": 0, "unknown": 0},
             "unknown": dict.fromkeys(("0-3", "3-7", "7-18", "adult", "unknown"), 0)}  # fmt: skip
    report = one("children_reached", {"kran": 15, TOTAL: 15},
                 by_sex_age={"kran": split, TOTAL: json.loads(json.dumps(split))})  # fmt: skip
    data = shown(report, Profile.PARTNERS).as_json()
    kran = data["indicators"][0]["by_sex_age"]["kran"]  # type: ignore[index]
    assert kran["female"]["0-3"] == "<5" and kran["female"]["3-7"] == "<5"  # the 2 and the 6
    assert kran["male"]["3-7"] == 7
    assert data["profile"] == {"key": "partners", "label": "за партньори: числата под 5 са скрити"}
