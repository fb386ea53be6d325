"""``bgfuture-desk bench`` run as a person would, on the small house (a new process, its own
cache folder): one JSON object with every figure, or a table in Bulgarian. No speed is
asserted here: the figures are for people to read."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys

from bgfuture_desk.bench import suite
from tests.unit.cli.test_cli import assert_user_error, run

EVERY_KEY = {
    "startup_s", "startup_floor_s", "search_p95_ms", "search_ratio_raw", "checkin_ms", "lend_ms",
    "return_ms", "attendance_ms", "report_month_s", "export_s", "export_ratio_copy",
    "consolidate4_s", "consolidate4_pg_s", "consent_pdf_ms", "labels100_ms", "peak_rss_mb",
    "house_file_mb",
}  # fmt: skip


def _bench(tmp_path, *argv: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, BGF_BENCH_CACHE=str(tmp_path / "cache"), QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "bgfuture_desk", "bench", "--small", "--repeat", "1", *argv]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)


def test_bench_json_gives_every_figure_as_a_number(tmp_path):
    done = _bench(tmp_path, "--json")
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert set(figures) == EVERY_KEY == set(suite.KEYS)
    postgres = bool(os.environ.get("BGF_TEST_PG_URL"))
    if not postgres and os.environ.get("CI") != "true":
        assert figures.pop("consolidate4_pg_s") is None  # no server here: said, not faked
    for key, value in figures.items():
        assert isinstance(value, int | float) and math.isfinite(value), (key, value)
        assert value > 0, key
    assert figures["house_file_mb"] < 100  # the small house, not the ten-year one
    cached = list((tmp_path / "cache").glob("*.sqlite"))
    assert len(cached) == 4  # the four houses, kept for the next run
    again = json.loads(_bench(tmp_path, "--json", "--only", "house_file_mb").stdout)
    assert set(again) == {"export_s", "export_ratio_copy", "house_file_mb"}  # its measurement
    assert again["house_file_mb"] == figures["house_file_mb"]  # the same house, from the cache
    assert sorted((tmp_path / "cache").glob("*.sqlite")) == sorted(cached)


def test_bench_prints_a_table_with_the_targets_in_bulgarian(tmp_path):
    done = _bench(tmp_path, "--only", "search", "printouts")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["Показател", "Измерено", "Цел", "(най-много)"]
    search = next(line for line in lines if line.startswith("Търсене при натиснат клавиш (p95)"))
    assert search.split()[-3:-1] == ["16", "ms"]  # the target beside the figure
    assert any(line.startswith("100 етикета на играчки (PDF)") for line in lines)
    assert not any(line.startswith("Стартиране") for line in lines)  # only what was asked
    assert "Измерване: search …" in done.stderr


def test_an_unknown_figure_is_refused_in_bulgarian(capsys):
    status, _out, err = run(capsys, "bench", "--only", "speed_of_light")
    assert_user_error(status, err)
    assert "speed_of_light" in err and "startup_s" in err
