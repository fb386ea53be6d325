"""The command-line contract, driven as the coordinator would type it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bgfuture_desk.cli import main

CYRILLIC = re.compile("[А-Яа-я]")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def assert_user_error(status: int, err: str) -> None:
    assert status == 2
    assert "Traceback" not in err
    assert CYRILLIC.search(err), err
    assert len(err.strip().splitlines()) == 1, err


def test_init_then_check_reports_schema_up_to_date(capsys, tmp_path):
    db = tmp_path / "kran.sqlite"
    status, out, _ = run(capsys, "init", "--db", str(db), "--house", "kran")
    assert status == 0
    assert "Къща на семейството – Крън" in out
    status, out, _ = run(capsys, "check", "--db", str(db))
    assert status == 0
    assert "актуална" in out
    assert "Цялост: наред" in out
    assert "програми: 5" in out


def test_init_refuses_an_existing_database_and_leaves_it_intact(capsys, tmp_path):
    db = tmp_path / "kran.sqlite"
    assert run(capsys, "init", "--db", str(db), "--house", "kran")[0] == 0
    before = db.read_bytes()
    status, _, err = run(capsys, "init", "--db", str(db), "--house", "razhena")
    assert_user_error(status, err)
    assert "вече има файл" in err
    assert db.read_bytes() == before


def test_unknown_house_is_refused_and_no_file_is_made(capsys, tmp_path):
    db = tmp_path / "x.sqlite"
    status, _, err = run(capsys, "init", "--db", str(db), "--house", "nowhere")
    assert_user_error(status, err)
    assert "Непозната къща" in err
    assert not db.exists()


def test_custom_house_with_name_and_settlement(capsys, tmp_path):
    db = tmp_path / "m.sqlite"
    status, out, _ = run(capsys, "init", "--db", str(db), "--house", "maglizh",
                         "--name", "Къща на семейството – Мъглиж", "--settlement", "гр. Мъглиж",
                         "--prefix", "MGL")
    assert status == 0, out
    status, out, _ = run(capsys, "check", "--db", str(db))
    assert "Къща: Къща на семейството – Мъглиж (maglizh)" in out


def test_init_with_an_administrator_who_can_then_log_in(capsys, tmp_path):
    from bgfuture_desk.services.house.database import open_database
    from bgfuture_desk.services.users.service import authenticate

    db, pw = tmp_path / "k.sqlite", tmp_path / "pw"
    pw.write_text("тайна-парола-1\n", encoding="utf-8")
    status, _, err = run(capsys, "init", "--db", str(db), "--house", "kazanlak",
                         "--admin", "petya", "--admin-name", "Петя Колева",
                         "--password-file", str(pw))
    assert status == 0, err
    opened = open_database(db)
    assert authenticate(opened.db, "petya", "тайна-парола-1").full_name == "Петя Колева"
    opened.db.dispose()


def test_short_admin_password_is_refused_before_any_file_is_made(capsys, tmp_path):
    db, pw = tmp_path / "k.sqlite", tmp_path / "pw"
    pw.write_text("kratka\n", encoding="utf-8")
    status, _, err = run(capsys, "init", "--db", str(db), "--house", "kran", "--admin", "a",
                         "--password-file", str(pw))
    assert_user_error(status, err)
    assert "поне 10 знака" in err
    assert not db.exists()


@pytest.mark.parametrize("make", ["missing", "text", "directory", "empty-sqlite-like"])
def test_bad_database_files_are_refused_cleanly(capsys, tmp_path, make):
    target = tmp_path / "bad.sqlite"
    if make == "text":
        target.write_text("това не е база данни", encoding="utf-8")
    elif make == "directory":
        target.mkdir()
    elif make == "empty-sqlite-like":
        target.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    before = target.read_bytes() if target.is_file() else None
    status, _, err = run(capsys, "list", "families", "--db", str(target), "--json")
    assert_user_error(status, err)
    if before is not None:
        assert target.read_bytes() == before


def test_argparse_errors_are_bulgarian_with_status_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["list"])
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert "употреба:" in err and "липсват задължителни аргументи" in err


def test_list_families_and_people_after_demo(capsys, tmp_path):
    db = str(tmp_path / "h.sqlite")
    assert run(capsys, "init", "--db", db, "--house", "kran")[0] == 0
    status, _, err = run(capsys, "demo", "--db", db, "--families", "30", "--seed", "7")
    assert status == 0, err
    status, out, _ = run(capsys, "list", "families", "--db", db, "--json")
    families = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and len(families) >= 30
    assert {"id", "code", "settlement", "phone", "members"} <= families[0].keys()
    assert re.fullmatch(r"KRN-\d{4}", families[0]["code"])
    status, out, _ = run(capsys, "list", "people", "--db", db, "--json")
    people = [json.loads(line) for line in out.splitlines()]
    keys = {"id", "family_code", "first_name", "middle_name", "last_name", "birth_date", "sex",
            "role"}
    assert keys <= people[0].keys()
    assert {p["sex"] for p in people} == {"male", "female"}
    assert sum(f["members"] for f in families) == len(people)


def test_the_installed_command_runs_as_a_user_would(tmp_path):
    db = tmp_path / "r.sqlite"
    cmd = [sys.executable, "-m", "bgfuture_desk"]
    done = subprocess.run([*cmd, "init", "--db", str(db), "--house", "razhena"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    again = subprocess.run([*cmd, "init", "--db", str(db), "--house", "razhena"],
                           capture_output=True, text=True, check=False)
    assert again.returncode == 2
    assert again.stderr.startswith("Грешка:") and "Traceback" not in again.stderr
    assert Path(db).exists()


def test_the_main_help_is_bulgarian_to_the_last_line(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "показва версията на програмата" in out
    column = re.compile(r"^ +(?:\S+(?: \S+)* {2,})?(.+)$")  # after an option or a command
    descriptions = [m[1] for line in out.splitlines() if (m := column.match(line))]
    assert len(descriptions) > 10
    for text in descriptions:
        assert re.search("[а-яА-Я]", text) or text.strip() in {"consolidate", "recovery-key"}, text
