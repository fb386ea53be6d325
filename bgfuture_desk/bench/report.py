"""The report benchmark: one month's indicators of a consolidated database of four houses.

The houses are the exchange benchmark's (``bench._exchange_houses``: ten years of families,
people and visits by default, the other houses copies of the first under new ids), exported
and consolidated into a new SQLite file as the coordinator would. Then the month before
today is reported the way ``report`` does it (``compare``: the month, the month before, a
year before and the checks) several times, and the median is kept; the plain ``count`` of
the month and the app's screen (``compare`` with the 12-month trend) are timed beside it.
Target: at most 2 s for the month's report.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

TARGET_REPORT_MONTH_S = 2.0


def _timed(work, runs: int) -> list[float]:
    out = []
    for _run in range(runs):
        started = time.perf_counter()
        work()
        out.append(time.perf_counter() - started)
    return out


def run_report_benchmark(
    n_people: int = 25000,
    n_visits: int = 250000,
    houses: int = 4,
    runs: int = 5,
    seed: int = 1,
) -> dict:
    from bgfuture_desk.bench import _PASSPHRASE, _exchange_houses
    from bgfuture_desk.domain.months import Month
    from bgfuture_desk.services.exchange.consolidate import consolidate
    from bgfuture_desk.services.exchange.export import export_month, previous_month
    from bgfuture_desk.services.house.database import open_database
    from bgfuture_desk.services.reports.indicators import compare, count, trend
    from bgfuture_desk.services.reports.period import Period
    from bgfuture_desk.services.unit import Actor

    with tempfile.TemporaryDirectory(prefix="bgfuture-bench-") as name:
        folder = Path(name)
        started = time.perf_counter()
        paths, counts = _exchange_houses(folder, n_people, n_visits, houses, False, seed)
        files = []
        for path in paths:
            db = open_database(path).db
            try:
                month = previous_month(db.clock.today())
                files.append(
                    export_month(db, Actor.system(), month=month, out=folder,
                                 passphrase=_PASSPHRASE).path
                )  # fmt: skip
            finally:
                db.dispose()
        target = folder / "all.sqlite"
        consolidate(target, files, _PASSPHRASE)
        prepare_s = time.perf_counter() - started
        db = open_database(target).db
        try:
            period = Period(Month.parse(month), Month.parse(month))
            report = compare(db, period)  # once before timing: the file's pages in the cache
            report_times = _timed(lambda: compare(db, period), runs)
            count_times = _timed(lambda: count(db, period), runs)
            screen_times = _timed(
                lambda: (compare(db, period), trend(db, period.last)), max(1, runs // 2)
            )
        finally:
            db.dispose()
        mb = target.stat().st_size / 1e6
    median = statistics.median(report_times)
    return {
        "houses": houses,
        "records_per_house": {k: v for k, v in counts.items() if v},
        "consolidated_file_mb": round(mb, 1),
        "month": month,
        "visits_in_month": report.value("visits"),
        "children_in_month": report.value("children_reached"),
        "missing": report.missing,
        "prepare_s": round(prepare_s, 1),
        "runs": runs,
        "report_month_s": round(median, 3),
        "report_month_each_s": [round(x, 3) for x in report_times],
        "count_month_s": round(statistics.median(count_times), 3),
        "screen_with_trend_s": round(statistics.median(screen_times), 3),
        "target_report_month_s": TARGET_REPORT_MONTH_S,
        "passed": median <= TARGET_REPORT_MONTH_S,
    }
