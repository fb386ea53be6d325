"""``report --json`` gives the same numbers from a house file, a consolidated SQLite file and
PostgreSQL: each house's column of the consolidated report is that house's own report."""

from __future__ import annotations

import json

import pytest

from bgfuture_desk.cli import main
from bgfuture_desk.services.exchange.consolidate import consolidate
from tests.exchange_data import MONTH, PASSPHRASE, export

pytest_plugins = ["tests.exchange_fixtures"]
pytestmark = pytest.mark.usefixtures("cheap_kdf")


def report(capsys, db: str, *more: str) -> dict:
    status = main(["report", "--db", db, "--month", MONTH, "--json", *more])
    out, err = capsys.readouterr()
    assert status == 0, err
    return json.loads(out)


def values(data: dict) -> dict[str, dict[str, int]]:
    return {i["key"]: i["values"] for i in data["indicators"]}


def test_the_consolidated_report_holds_each_house_report(capsys, houses, tmp_path, target):
    files = [export(houses.kran, tmp_path), export(houses.razhena, tmp_path)]
    consolidate(target, files, PASSPHRASE)
    together = report(capsys, target)
    assert together["houses"] == ["kran", "razhena"]
    assert together["period"] == {"from": MONTH, "to": MONTH}
    joint = values(together)
    assert joint["visits"]["total"] > 0 and joint["children_reached"]["total"] > 0
    for code, path in (("kran", houses.kran), ("razhena", houses.razhena)):
        alone = values(report(capsys, str(path)))
        for key, numbers in alone.items():
            assert joint[key][code] == numbers[code], (key, code)
    # Counts of records add up; the demo houses share no ЕГН, so people add up too.
    for key, numbers in joint.items():
        assert numbers["total"] == numbers["kran"] + numbers["razhena"], key


def test_a_bad_month_or_a_missing_file_is_a_bulgarian_message(capsys, tmp_path):
    assert main(["report", "--db", str(tmp_path / "none.sqlite"), "--month", MONTH]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert main(["report", "--db", str(tmp_path / "none.sqlite"), "--month", "2025-13"]) == 2
    assert "ГГГГ-ММ" in capsys.readouterr().err
