"""Every figure of the performance table, measured in one run on one cached house.

Each figure is the median of several repetitions (its p95 where it is a distribution),
with its target and, where there is one, the floor it is compared with: an empty PySide6
window for the start-up, a naive ``LIKE`` query for the search, a plain file copy for the
export. Nothing here asserts a speed: the numbers are printed for a person to read.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from bgfuture_desk.bench import ten_years
from bgfuture_desk.bench.presets import preset
from bgfuture_desk.bench.ten_years import BENCH_PASSWORD, BENCH_USER, HouseSize
from bgfuture_desk.db import cipher
from bgfuture_desk.i18n import N_


@dataclass(frozen=True)
class Figure:
    key: str
    label: str  # marked for translation; shown through _()
    unit: str
    target: float | None = None
    target_of: str | None = None  # the target is this many times another figure


FIGURES: tuple[Figure, ...] = (
    Figure("startup_s", N_("Start to a usable window"), "s", 1.0),
    Figure("startup_floor_s", N_("An empty PySide6 window (floor)"), "s"),
    Figure("search_p95_ms", N_("Search, per keystroke (p95)"), "ms", 16.0),
    Figure("search_ratio_raw", N_("Search against a plain LIKE query"), "×", 1.5),
    Figure("checkin_ms", N_("Check-in"), "ms", 10.0),
    Figure("lend_ms", N_("Lending a toy"), "ms", 10.0),
    Figure("return_ms", N_("Returning a toy"), "ms", 10.0),
    Figure("attendance_ms", N_("Saving a group's attendance"), "ms", 10.0),
    Figure("report_month_s", N_("A month's report, four houses"), "s", 2.0),
    Figure("export_s", N_("Monthly export of a house"), "s", 3.0),
    Figure("export_ratio_copy", N_("Export against a file copy"), "×"),
    Figure("consolidate4_s", N_("Consolidating four houses (SQLite)"), "s", 30.0),
    Figure(
        "consolidate4_pg_s",
        N_("Consolidating four houses (PostgreSQL)"),
        "s",
        1.5,
        target_of="consolidate4_s",
    ),
    Figure("consent_pdf_ms", N_("Consent form (PDF)"), "ms", 100.0),
    Figure("labels100_ms", N_("100 toy labels (PDF)"), "ms", 500.0),
    Figure("peak_rss_mb", N_("Memory with the house open (peak)"), "MB", 250.0),
    Figure("house_file_mb", N_("The house file with its audit trail"), "MB", 500.0),
)
KEYS = tuple(f.key for f in FIGURES)
_PASSPHRASE = "bench-passphrase"
_PROBE_LIMIT_S = 180


def target(figure: Figure, results: dict[str, float | None]) -> float | None:
    if figure.target_of is None:
        return figure.target
    base = results.get(figure.target_of)
    return None if base is None or figure.target is None else figure.target * base


@dataclass
class _Run:
    """One run: the cached houses, copies to write into, what has been measured."""

    folder: Path
    size: HouseSize
    today: dt.date
    repeat: int
    pg_url: str | None
    houses: dict[str, Path] = field(default_factory=dict)
    cached: dict[str, Path] = field(default_factory=dict)
    results: dict[str, float | None] = field(default_factory=dict)
    exports: list[Path] = field(default_factory=list)
    consolidated: Path | None = None

    def house(self, code: str = "kran") -> Path:
        """A fresh copy of the cached house ``code`` (built first when not cached)."""
        if code not in self.houses:
            cached = ten_years.cached_house(house=code, size=self.size, today=self.today)
            self.cached[code] = cached
            self.houses[code] = ten_years.copy_of(cached, self.folder / f"{code}.sqlite")
        return self.houses[code]


def _median(times: Sequence[float]) -> float:
    return statistics.median(times)


def _p95(times: Sequence[float]) -> float:
    ordered = sorted(times)
    return ordered[int(0.95 * (len(ordered) - 1))]


def _timed(action: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _n in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


@contextmanager
def _open(path: Path) -> Iterator:
    from bgfuture_desk.services.house.database import open_database
    from bgfuture_desk.services.users import service as users

    db = open_database(path).db
    try:
        db.signed_in = users.actor_of(users.authenticate(db, BENCH_USER, BENCH_PASSWORD))
        yield db
    finally:
        db.dispose()


# ---- start-up ----------------------------------------------------------------------------


def _probe(args: list[str]) -> tuple[float, float]:
    """(seconds until the probe said ready, its peak memory in MB)."""
    env = dict(os.environ, BGF_BENCH_PASSWORD=BENCH_PASSWORD)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed desk has its compiled modules
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    command = [sys.executable, "-m", "bgfuture_desk.bench.startup", *args]
    started = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, env=env, text=True) as probe:
        assert probe.stdout is not None
        watchdog = threading.Timer(_PROBE_LIMIT_S, probe.kill)  # a dialog nobody answers
        watchdog.start()
        try:
            line = probe.stdout.readline()
            seconds = time.perf_counter() - started
            probe.wait(timeout=_PROBE_LIMIT_S)
        finally:
            watchdog.cancel()
    if not line.startswith("ready "):
        raise RuntimeError(f"the start-up probe did not start: {line!r}")
    return seconds, int(line.split()[1]) / 1024


def _startup(run: _Run) -> None:
    path = run.house()
    _probe(["--db", str(path)])  # once to warm up: the compiled modules, the file's pages
    floors = [_probe(["--floor"])[0] for _n in range(run.repeat)]
    starts = [_probe(["--db", str(path)]) for _n in range(run.repeat)]
    run.results["startup_floor_s"] = _median(floors)
    run.results["startup_s"] = _median([s for s, _mb in starts])
    run.results["peak_rss_mb"] = max(mb for _s, mb in starts)


# ---- search ------------------------------------------------------------------------------


def _search(run: _Run) -> None:
    import random

    from bgfuture_desk.bench.search import queries_for, raw_search
    from bgfuture_desk.services.families.search import SearchIndex

    path = run.house()
    with _open(path) as db:
        index = SearchIndex.build(db)
        texts = queries_for(db, random.Random(1), 200)
    ours, raw = [], []
    with cipher.connect(path) as conn:
        for text in texts:
            for end in range(1, len(text) + 1):
                typed = text[:end]
                ours.extend(_timed(partial(index.search, typed), 1))
                raw.extend(_timed(partial(raw_search, conn, typed), 1))
    conn.close()
    run.results["search_p95_ms"] = _p95(ours) * 1000
    run.results["search_ratio_raw"] = _p95(ours) / _p95(raw)


# ---- single actions ----------------------------------------------------------------------


def _actions(run: _Run) -> None:
    from bgfuture_desk.bench import actions

    with _open(run.house()) as db:
        for key, times in actions.measure(db, run.repeat * 4).items():
            run.results[key] = _median(times) * 1000


# ---- export, consolidation, the month's report -------------------------------------------


def _export(run: _Run) -> None:
    from bgfuture_desk.services.exchange.export import export_month, previous_month

    path = run.house()
    copies = _timed(lambda: shutil.copyfile(path, run.folder / "copy.sqlite"), run.repeat)
    times = []
    with _open(path) as db:
        month = previous_month(db.clock.today())
        for n in range(run.repeat):
            out = run.folder / f"export-{n}"
            out.mkdir()
            result = export_month(
                db, db.signed_in, month=month, out=out, passphrase=_PASSPHRASE
            )
            times.append(result.seconds)
    run.results["export_s"] = _median(times)
    run.results["export_ratio_copy"] = _median(times) / _median(copies)
    run.results["house_file_mb"] = run.cached["kran"].stat().st_size / 1e6  # as built


def _exports(run: _Run) -> list[Path]:
    from bgfuture_desk.services.exchange.export import export_month, previous_month

    if not run.exports:
        out = run.folder / "exports"
        out.mkdir()
        for code in ten_years.HOUSES:
            with _open(run.house(code)) as db:
                month = previous_month(db.clock.today())
                result = export_month(
                    db, db.signed_in, month=month, out=out, passphrase=_PASSPHRASE
                )
            run.exports.append(result.path)
    return run.exports


def _consolidate(run: _Run) -> None:
    from bgfuture_desk.services.exchange.consolidate import consolidate

    files = _exports(run)
    times = []
    for n in range(max(1, run.repeat // 2)):
        target = run.folder / f"all-{n}.sqlite"
        started = time.perf_counter()
        consolidate(target, files, _PASSPHRASE)
        times.append(time.perf_counter() - started)
        run.consolidated = target
    run.results["consolidate4_s"] = _median(times)
    if run.pg_url:
        run.results["consolidate4_pg_s"] = _consolidate_pg(run.pg_url, files)
    else:
        run.results["consolidate4_pg_s"] = None


def _consolidate_pg(url: str, files: list[Path]) -> float:
    """Into a new database made on that server for the run, dropped afterwards: nothing
    already there is touched."""
    from sqlalchemy import create_engine, make_url, text

    from bgfuture_desk.services.exchange.consolidate import consolidate

    name = f"bgfuture_bench_{os.getpid()}"
    server = create_engine(url, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        target = make_url(url).set(database=name).render_as_string(hide_password=False)
        started = time.perf_counter()
        consolidate(target, files, _PASSPHRASE)
        return time.perf_counter() - started
    finally:
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


def _report(run: _Run) -> None:
    """What ``report --month`` does before it prints: the month beside the month before
    and the same month a year before, with the checks and the completeness."""
    from bgfuture_desk.services.exchange.export import previous_month
    from bgfuture_desk.services.house.database import open_database
    from bgfuture_desk.services.reports import files
    from bgfuture_desk.services.reports.indicators import compare
    from bgfuture_desk.services.reports.period import Period
    from bgfuture_desk.services.reports.profiles import Profile, shown

    if run.consolidated is None:
        _consolidate(run)
    assert run.consolidated is not None
    db = open_database(run.consolidated).db
    try:
        period = Period.parse(previous_month(run.today))

        def report() -> None:
            view = shown(compare(db, period), Profile.INTERNAL)
            files.report_header(db, view.report.houses)

        times = _timed(report, run.repeat)
    finally:
        db.dispose()
    run.results["report_month_s"] = _median(times)


# ---- printouts ---------------------------------------------------------------------------


def _printouts(run: _Run) -> None:
    from sqlalchemy import select

    from bgfuture_desk.db.models import Family, Toy
    from bgfuture_desk.services.printouts.catalogue import make

    with _open(run.house()) as db:
        with db.read() as session:
            code = session.scalars(select(Family.code).order_by(Family.code)).first()
            toys = list(session.scalars(select(Toy.inventory_code).order_by(Toy.inventory_code)))
        assert code is not None
        consent = _timed(lambda: make(db, "consent", [code]), run.repeat)
        labels = _timed(lambda: make(db, "labels", toys[:100]), run.repeat)
    run.results["consent_pdf_ms"] = _median(consent) * 1000
    run.results["labels100_ms"] = _median(labels) * 1000


_GROUPS: dict[str, tuple[Callable[[_Run], None], tuple[str, ...]]] = {
    "startup": (_startup, ("startup_s", "startup_floor_s", "peak_rss_mb")),
    "search": (_search, ("search_p95_ms", "search_ratio_raw")),
    "actions": (_actions, ("checkin_ms", "lend_ms", "return_ms", "attendance_ms")),
    "export": (_export, ("export_s", "export_ratio_copy", "house_file_mb")),
    "consolidate": (_consolidate, ("consolidate4_s", "consolidate4_pg_s")),
    "report": (_report, ("report_month_s",)),
    "printouts": (_printouts, ("consent_pdf_ms", "labels100_ms")),
}


def groups_for(keys: Sequence[str]) -> list[str]:
    """The measurements that give ``keys`` (a figure's key or a measurement's name)."""
    chosen = []
    for name, (_fn, gives) in _GROUPS.items():
        if not keys or name in keys or any(k in gives for k in keys):
            chosen.append(name)
    return chosen


def unknown(keys: Sequence[str]) -> list[str]:
    return [k for k in keys if k not in _GROUPS and k not in KEYS]


def run_suite(
    only: Sequence[str] = (),
    *,
    size: HouseSize = ten_years.TEN_YEARS,
    today: dt.date | None = None,
    repeat: int = 5,
    pg_url: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, float | None]:
    """Measure the figures of ``only`` (all when empty); a figure that cannot be measured
    here (PostgreSQL without a server) is None."""
    today = today or dt.date.today()
    preset("kran")  # the houses exist before anything is built
    with tempfile.TemporaryDirectory(prefix="bgfuture-bench-") as name:
        run = _Run(Path(name), size, today, repeat, pg_url)
        for group in groups_for(only):
            if progress is not None:
                progress(group)
            _GROUPS[group][0](run)
    wanted = [k for k in KEYS if not only or any(k in _GROUPS[g][1] for g in groups_for(only))]
    return {k: run.results.get(k) for k in wanted}

