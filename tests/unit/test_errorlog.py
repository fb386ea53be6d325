"""errors.log: scrubbed of families' data, private to the user, never growing forever."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import StatementError

from bgfuture_desk import errorlog
from bgfuture_desk.cli import main
from bgfuture_desk.db import cipher

NAME, EGN, PHONE = "Мария Кирилова", "8001010001", "0888123456"


@pytest.fixture
def data_home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "bgfuture-desk"


def statement_error() -> StatementError:
    """What SQLAlchemy raises when a row is refused: its text carries the parameters."""
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE family (name TEXT, egn TEXT UNIQUE, phone TEXT)"))
        row = {"n": NAME, "e": EGN, "p": PHONE}
        insert = text("INSERT INTO family VALUES (:n, :e, :p)")
        conn.execute(insert, row)
        try:
            conn.execute(insert, row)
        except StatementError as err:
            assert NAME in str(err)  # the unscrubbed text would leak them
            return err
    raise AssertionError("the second insert should fail")


def test_the_log_keeps_types_frames_and_sql_but_no_personal_data(data_home):
    err = statement_error()
    log = errorlog.write(err)
    assert log == data_home / "errors.log"
    written = log.read_text(encoding="utf-8")
    for value in (NAME, EGN, PHONE):
        assert value not in written
    assert "[parameters" not in written
    assert "sqlalchemy.exc.IntegrityError" in written
    assert "sqlite3.IntegrityError: UNIQUE constraint failed: family.egn" in written
    assert "INSERT INTO family VALUES (?, ?, ?)" in written
    assert "test_errorlog.py" in written  # the frames stay
    assert written.startswith("--- ")


def test_a_message_that_may_hold_a_value_is_left_out(data_home):
    try:
        int(f"тел. {PHONE}")
    except ValueError as err:
        written = errorlog.write(err).read_text(encoding="utf-8")
    assert PHONE not in written
    assert "builtins.ValueError: " + errorlog.REMOVED in written


def test_the_log_is_private_to_the_user_even_when_it_was_made_open(data_home):
    data_home.mkdir(parents=True)
    (data_home / "errors.log").write_text("older\n")
    (data_home / "errors.log").chmod(0o644)
    log = errorlog.write(RuntimeError("x"))
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert log.read_text().startswith("older\n")


def test_a_new_log_is_made_private(data_home):
    log = errorlog.write(RuntimeError("x"))
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_the_log_rotates_keeping_one_old_file(data_home, monkeypatch):
    monkeypatch.setattr(errorlog, "MAX_BYTES", 2000)
    for _ in range(40):
        errorlog.write(RuntimeError("x"))
    log = data_home / "errors.log"
    assert log.stat().st_size < 2000 + 1000
    assert (data_home / "errors.log.1").exists()
    assert sorted(p.name for p in data_home.iterdir()) == ["errors.log", "errors.log.1"]


def locked_error(path: Path) -> BaseException:
    holder = cipher.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        engine = create_engine(f"sqlite:///{path}", module=cipher.dbapi,
                               connect_args={"timeout": 0.1})
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT * FROM t"))
        except Exception as err:  # noqa: BLE001 - the error under test
            return err
        finally:
            engine.dispose()
    finally:
        holder.rollback()
        holder.close()
    raise AssertionError("the read should meet the lock")


def test_a_locked_database_is_told_as_busy(tmp_path):
    message = errorlog.user_message(locked_error(tmp_path / "house.sqlite"), None)
    assert message.startswith("Базата данни е заета")
    assert "Затворете" in message


def test_a_damaged_database_is_told_as_damaged():
    err = sqlite3.DatabaseError("database disk image is malformed")
    assert "повреден" in errorlog.user_message(err, None)
    assert "резервно копие" in errorlog.user_message(err, None)


def test_any_other_error_names_the_log(tmp_path):
    message = errorlog.user_message(RuntimeError("x"), tmp_path / "errors.log")
    assert message.startswith("Възникна неочаквана грешка")
    assert str(tmp_path / "errors.log") in message


def test_the_cli_logs_a_scrubbed_traceback(data_home, monkeypatch, capsys):
    err = statement_error()

    def fail(_args):
        raise err

    monkeypatch.setattr("bgfuture_desk.cli._commands", lambda: {"list": fail})
    status = main(["list", "toys", "--db", "x.sqlite"])
    out, shown = capsys.readouterr()
    assert status == 1
    assert "Traceback" not in shown
    assert "Неочаквана грешка: IntegrityError" in shown
    assert str(data_home / "errors.log") in shown
    written = (data_home / "errors.log").read_text(encoding="utf-8")
    assert "sqlalchemy.exc.IntegrityError" in written
    for value in (NAME, EGN, PHONE):
        assert value not in written and value not in shown


def test_the_cli_tells_a_locked_database(data_home, monkeypatch, capsys, tmp_path):
    err = locked_error(tmp_path / "house.sqlite")

    def fail(_args):
        raise err

    monkeypatch.setattr("bgfuture_desk.cli._commands", lambda: {"list": fail})
    assert main(["list", "toys", "--db", "x.sqlite"]) == 1
    assert "Базата данни е заета" in capsys.readouterr().err
