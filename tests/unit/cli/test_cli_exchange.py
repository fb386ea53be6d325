"""``export`` and ``consolidate`` on the command line: exit codes and Bulgarian messages."""

from __future__ import annotations

import io
import json
import re

import pytest

from bgfuture_desk.cli import main
from tests.exchange_data import PASSPHRASE

pytest_plugins = ["tests.exchange_fixtures"]
pytestmark = pytest.mark.usefixtures("cheap_kdf")

CYRILLIC = re.compile("[А-Яа-я]")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def assert_user_error(status: int, err: str, words: str) -> None:
    assert status == 2, err
    assert "Traceback" not in err and CYRILLIC.search(err), err
    assert len(err.strip().splitlines()) == 1, err
    assert words in err, err


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


@pytest.fixture
def typed(monkeypatch):
    """What the user types at the passphrase prompts (stdin is a pipe in the tests)."""

    def type_lines(*lines: str) -> None:
        monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))

    return type_lines


def test_export_with_a_passphrase_file(capsys, houses, tmp_path, secret):
    status, out, _ = run(
        capsys,
        "export",
        "--db",
        houses.kran,
        "--month",
        "2025-01",
        "--out",
        tmp_path,
        "--passphrase-file",
        secret,
    )
    assert status == 0
    assert "Износът на „Къща на семейството – Крън“ за януари 2025 г. е записан" in out
    assert "SHA-256" in out
    assert (tmp_path / "kran-2025-01.bgfx").exists()


def test_export_asks_the_passphrase_twice(capsys, houses, tmp_path, typed):
    typed(PASSPHRASE, PASSPHRASE)
    status, out, err = run(
        capsys, "export", "--db", houses.kran, "--month", "2025-01", "--out", tmp_path / "k.bgfx"
    )
    assert status == 0, err
    assert "Парола на файла за износ" in err and "Паролата отново" in err
    assert (tmp_path / "k.bgfx").exists()


@pytest.mark.parametrize(
    ("lines", "words"),
    [
        ((PASSPHRASE, "друга-парола"), "Двете пароли се различават"),
        (("кратка",), "поне 8 знака"),
        ((), "Не е въведена парола"),
    ],
    ids=["different", "short", "none"],
)
def test_export_refuses_a_bad_passphrase(capsys, houses, tmp_path, typed, lines, words):
    typed(*lines)
    status, _, err = run(
        capsys, "export", "--db", houses.kran, "--month", "2025-01", "--out", tmp_path / "k.bgfx"
    )
    *prompts, error = err.strip().splitlines()
    assert all(p.startswith(("Парола на файла", "Паролата отново")) for p in prompts), err
    assert_user_error(status, error, words)
    assert not (tmp_path / "k.bgfx").exists()


@pytest.mark.parametrize("month", ["2025-13", "януари", "2025/01"])
def test_export_refuses_a_bad_month_before_asking(capsys, houses, tmp_path, month, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # asking would read nothing
    status, _, err = run(capsys, "export", "--db", houses.kran, "--month", month, "--out", tmp_path)
    assert_user_error(status, err, "ГГГГ-ММ")
    assert "Парола" not in err


def test_consolidate_then_list_shows_each_house(capsys, houses, tmp_path, secret):
    for house in (houses.kran, houses.razhena):
        assert (
            run(
                capsys,
                "export",
                "--db",
                house,
                "--month",
                "2025-01",
                "--out",
                tmp_path,
                "--passphrase-file",
                secret,
            )[0]
            == 0
        )
    target = tmp_path / "coordinator" / "all.sqlite"
    files = [tmp_path / "kran-2025-01.bgfx", tmp_path / "razhena-2025-01.bgfx"]

    status, out, _ = run(
        capsys, "consolidate", "--into", target, *files, "--passphrase-file", secret
    )

    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith("kran-2025-01.bgfx: Къща на семейството – Крън, 2025-01 — нови ")
    assert lines[-1].startswith(f"Обединено в {target}: нови ")
    status, out, _ = run(capsys, "list", "families", "--db", target, "--json")
    houses_listed = {json.loads(line)["house"] for line in out.splitlines()}
    assert status == 0 and houses_listed == {"kran", "razhena"}
    status, out, _ = run(
        capsys, "consolidate", "--into", target, *files, "--passphrase-file", secret
    )
    assert status == 0 and ", обновени 0, без промяна " in out and "нови 0," in out


def test_consolidate_asks_the_passphrase_once(capsys, houses, tmp_path, typed):
    file = tmp_path / "r.bgfx"
    typed(PASSPHRASE, PASSPHRASE)
    assert (
        run(capsys, "export", "--db", houses.razhena, "--month", "2025-01", "--out", file)[0] == 0
    )
    typed(PASSPHRASE)
    status, out, err = run(capsys, "consolidate", "--into", tmp_path / "all.sqlite", file)
    assert status == 0, err
    assert err.count("Парола") == 1 and "отново" not in err


def test_consolidate_refusals_exit_2_in_bulgarian(capsys, houses, tmp_path, secret):
    good = tmp_path / "k.bgfx"
    assert (
        run(
            capsys,
            "export",
            "--db",
            houses.kran,
            "--month",
            "2025-01",
            "--out",
            good,
            "--passphrase-file",
            secret,
        )[0]
        == 0
    )
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("друга-парола\n", encoding="utf-8")
    target = tmp_path / "all.sqlite"

    status, _, err = run(capsys, "consolidate", "--into", target, good, "--passphrase-file", wrong)
    assert_user_error(status, err, "Паролата не отваря файла k.bgfx")
    status, _, err = run(
        capsys, "consolidate", "--into", target, secret, "--passphrase-file", secret
    )
    assert_user_error(status, err, "не е месечен износ")
    status, _, err = run(
        capsys,
        "consolidate",
        "--into",
        target,
        tmp_path / "missing.bgfx",
        "--passphrase-file",
        secret,
    )
    assert_user_error(status, err, "не може да бъде прочетен")
    assert not target.exists()


def test_a_database_server_that_cannot_be_reached_is_named_with_the_reason(
    capsys, houses, tmp_path, secret
):
    export = tmp_path / "k.bgfx"
    status = run(capsys, "export", "--db", houses.kran, "--month", "2025-01", "--out", export,
                 "--passphrase-file", secret)[0]  # fmt: skip
    assert status == 0
    nobody_listens = "postgresql://desk:tajna-parola@127.0.0.1:9/all"  # the discard port
    status, _, err = run(
        capsys, "consolidate", "--into", nobody_listens, export, "--passphrase-file", secret
    )
    assert_user_error(status, err, "Сървърът за бази данни 127.0.0.1:9 не е достъпен")
    assert "tajna-parola" not in err
