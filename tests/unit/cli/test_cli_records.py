"""``list KIND``: the human lines show Bulgarian statuses, labels and dates; ``--json`` keeps
the stable English codes and ISO dates a script reads."""

from __future__ import annotations

import json

import pytest

from bgfuture_desk.cli import main


@pytest.fixture(scope="module")
def demo_house(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli-records") / "kran.sqlite"
    assert main(["init", "--db", str(db), "--house", "kran"]) == 0
    assert main(["demo", "--db", str(db), "--families", "20", "--seed", "3"]) == 0
    return str(db)


def listed(capsys, kind: str, db: str, *extra: str) -> list[str]:
    capsys.readouterr()
    assert main(["list", kind, "--db", db, *extra]) == 0
    return capsys.readouterr().out.splitlines()


def by_id(capsys, kind: str, db: str) -> tuple[dict[str, dict], dict[str, list[str]]]:
    """The same records twice: id → JSON object, id → the columns of its human line."""
    records = {r["id"]: r for r in map(json.loads, listed(capsys, kind, db, "--json"))}
    lines = {line.split("  ")[0]: line.split("  ") for line in listed(capsys, kind, db)[:-1]}
    assert lines.keys() == records.keys()
    return records, lines


@pytest.mark.parametrize(
    ("kind", "labels"),
    [
        ("toys", {"available": "налична", "lent": "заета"}),
        ("sessions", {"held": "проведена", "planned": "предстои"}),
        ("referrals", {"issued": "издадено", "closed": "приключено"}),
    ],
)
def test_statuses_are_bulgarian_in_the_lines_and_codes_in_json(capsys, demo_house, kind, labels):
    records, lines = by_id(capsys, kind, demo_house)
    seen = set()
    for record_id, record in records.items():
        status = record["status"]
        assert status.isascii() and status.islower()  # the stable code
        if status in labels:
            assert labels[status] in lines[record_id]
            seen.add(status)
        assert status not in lines[record_id]
    assert seen == labels.keys()  # the demo has both, so both were checked


def test_loans_say_overdue_or_on_time_with_bulgarian_dates(capsys, demo_house):
    records, lines = by_id(capsys, "loans", demo_house)
    for record_id, record in records.items():
        line = lines[record_id]
        assert ("просрочен" if record["overdue"] else "в срок") in line
        assert "True" not in line and "False" not in line
        year, month, day = record["lent_on"].split("-")  # ISO in JSON
        assert f"{day}.{month}.{year}" in line
    assert any(r["overdue"] for r in records.values())


def test_people_and_visits_show_labels_not_codes(capsys, demo_house):
    people, lines = by_id(capsys, "people", demo_house)
    mothers = [i for i, p in people.items() if p["role"] == "mother"]
    assert mothers and all({"майка", "жена"} <= set(lines[i]) for i in mothers)
    visits, lines = by_id(capsys, "visits", demo_house)
    assert all(" " not in p for v in visits.values() for p in v["purposes"])  # codes in JSON
    health = [i for i, v in visits.items() if v["purposes"] == ["health"]]
    assert health and all("здравни въпроси" in lines[i] for i in health)


def test_the_count_line_stays_last(capsys, demo_house):
    lines = listed(capsys, "toys", demo_house)
    assert lines[-1] == f"{len(lines) - 1} записа"
