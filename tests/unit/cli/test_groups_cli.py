"""The groups on the command line: list programmes and sessions, print an attendance sheet."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from pypdf import PdfReader

from bgfuture_desk.cli import main

CYRILLIC = re.compile("[А-Яа-я]")


@pytest.fixture(scope="module")
def demo_house(tmp_path_factory):
    db = tmp_path_factory.mktemp("groups-cli") / "kran.sqlite"
    assert main(["init", "--db", str(db), "--house", "kran"]) == 0
    assert main(["demo", "--db", str(db), "--families", "25", "--seed", "5"]) == 0
    return str(db)


def json_lines(capsys, *argv: str) -> list[dict]:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_list_programmes_has_the_contract_keys(capsys, demo_house):
    programmes = json_lines(capsys, "list", "programmes", "--db", demo_house, "--json")
    assert {"id", "name", "house"} <= programmes[0].keys()
    assert {p["name"] for p in programmes} == {
        "Превенция на ранните бракове",
        "Семейно планиране",
        "Превенция на разделянето на семейството",
        "Ранно детско развитие",
        "Училище за родители",
    }
    assert {p["house"] for p in programmes} == {"kran"}


def test_list_sessions_has_the_contract_keys(capsys, demo_house):
    sessions = json_lines(capsys, "list", "sessions", "--db", demo_house, "--json")
    keys = {"id", "programme", "group", "starts_at", "enrolled", "present", "status"}
    assert keys <= sessions[0].keys()
    starts = [dt.datetime.fromisoformat(s["starts_at"]) for s in sessions]
    assert starts == sorted(starts)
    held = [s for s in sessions if s["status"] == "held"]
    assert held and all(s["present"] > 0 for s in held)
    assert all(s["present"] == 0 for s in sessions if s["status"] == "planned")
    assert all(s["enrolled"] > 0 for s in sessions)


def test_list_sessions_reads_as_lines_without_json(capsys, demo_house):
    capsys.readouterr()
    assert main(["list", "sessions", "--db", demo_house]) == 0
    out = capsys.readouterr().out
    assert "Група „" in out and re.search(r"\d+ записа", out)


def test_print_attendance_writes_the_sheet_of_a_session(capsys, demo_house, tmp_path):
    sessions = json_lines(capsys, "list", "sessions", "--db", demo_house, "--json")
    session = next(s for s in sessions if s["status"] == "held")
    out = tmp_path / "sheet.pdf"
    assert (
        main(["print", "attendance", "--db", demo_house, "--id", session["id"], "--out", str(out)])
        == 0
    )
    assert str(out) in capsys.readouterr().out
    text = PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()
    assert "ПРИСЪСТВЕН СПИСЪК" in text
    assert session["group"] in text and session["programme"] in text
    assert "присъства" in text  # held: printed with the marks


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        ((), "Посочете точно една среща"),
        (("not-an-id",), "Няма среща с идентификатор not-an-id"),
        (("00000000-0000-4000-8000-000000000000",), "Няма такава среща"),
    ],
)
def test_print_attendance_refuses_a_missing_or_unknown_session(
    capsys, demo_house, tmp_path, ids, message
):
    out = tmp_path / "sheet.pdf"
    argv = ["print", "attendance", "--db", demo_house, "--out", str(out)]
    for session_id in ids:
        argv += ["--id", session_id]
    capsys.readouterr()
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and CYRILLIC.search(err)
    assert not out.exists()
