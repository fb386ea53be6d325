"""``demo --years N``: a new house file with years of data, the benchmarks' house, made the
same way for the same parameters and kept in the cache for the next time."""

from __future__ import annotations

from bgfuture_desk.db import cipher
from bgfuture_desk.services.house.database import open_database
from bgfuture_desk.services.users import service as users
from tests.unit.cli.test_cli import assert_user_error, run


def _counts(path) -> dict[str, int]:
    with cipher.connect(path) as conn:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 - fixed names
            for t in ("families", "people", "visits", "loans", "attendances", "audit_events")
        }


def test_a_house_with_a_year_of_data_is_made_and_opens(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("BGF_BENCH_CACHE", str(tmp_path / "cache"))
    first = tmp_path / "year.sqlite"
    argv = ("demo", "--years", "1", "--house", "razhena", "--db")
    status, out, _err = run(capsys, *argv, str(first))
    assert status == 0
    assert "Създава се къщата razhena с данни за 1 година" in out
    assert f"Готово: {first}" in out and "Влезте като bench" in out
    counts = _counts(first)
    assert counts["people"] == 2_500 and counts["visits"] == 25_000
    assert counts["loans"] > 0 and counts["attendances"] > 0
    assert counts["audit_events"] > counts["visits"]  # the trail the desk would have written
    db = open_database(first).db
    try:
        assert users.authenticate(db, "bench", "bench-password-1234").role == "admin"
    finally:
        db.dispose()

    second = tmp_path / "again.sqlite"
    status, _out, _err = run(capsys, *argv, str(second))
    assert status == 0
    assert _counts(second) == counts  # the same house again, from the cache
    assert len(list((tmp_path / "cache").glob("*.sqlite"))) == 1
    assert not list(tmp_path.glob("*.part"))  # the copy is put in place whole


def test_an_existing_file_is_never_replaced(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("BGF_BENCH_CACHE", str(tmp_path / "cache"))
    taken = tmp_path / "house.sqlite"
    taken.write_bytes(b"the assistant's own file")
    status, _out, err = run(capsys, "demo", "--db", str(taken), "--years", "10")
    assert_user_error(status, err)
    assert "вече съществува" in err
    assert taken.read_bytes() == b"the assistant's own file"
    assert not (tmp_path / "cache").exists()  # nothing built for a refusal
