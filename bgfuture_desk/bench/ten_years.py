"""A house with years of data, for everyone who wants to measure: the same parameters give
the same house, kept in the user's cache folder so that the next run starts at once.

The ten-year house has 25,000 people in about 8,000 families, 250,000 visits, 3,000 group
meetings with about 40,000 marks, 3,000 toys with 60,000 loans, consents for every family
and 800 referrals, with the audit trail the desk would have written for them. ``house``
picks which of the four houses (each with its own seed), so that four different houses can
be consolidated.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import random
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_cache_path

from bgfuture_desk.bench.activities import Activities, fill_activities
from bgfuture_desk.bench.house import Sink, fill_visits
from bgfuture_desk.bench.people import fill_people
from bgfuture_desk.bench.presets import preset
from bgfuture_desk.db import cipher
from bgfuture_desk.domain.clock import FixedClock
from bgfuture_desk.paths import APP_NAME
from bgfuture_desk.services.house import setup
from bgfuture_desk.services.unit import local_house

HOUSES = ("kran", "kazanlak", "razhena", "gorno-cherkovishte")
BENCH_USER = "bench"
BENCH_PASSWORD = "bench-password-1234"  # a throwaway house's administrator
_BUILDER_VERSION = 1  # raise when the generator changes: old cached houses are not reused


@dataclass(frozen=True)
class HouseSize:
    people: int
    visits: int
    activities: Activities
    years: int = 10

    def key(self) -> str:
        text = repr(dataclasses.astuple(self))
        return hashlib.sha256(text.encode()).hexdigest()[:10]


TEN_YEARS = HouseSize(
    people=25_000,
    visits=250_000,
    activities=Activities(toys=3_000, loans=60_000, meetings=3_000, marks=40_000, referrals=800),
)
def years_of(years: int) -> HouseSize:
    """A house of ``years`` with the ten-year house's pace (at least a few hundred people)."""
    if years == TEN_YEARS.years:
        return TEN_YEARS

    def share(n: int) -> int:
        return max(10, n * years // TEN_YEARS.years)

    a = TEN_YEARS.activities
    return HouseSize(
        people=max(300, share(TEN_YEARS.people)),
        visits=share(TEN_YEARS.visits),
        activities=Activities(
            share(a.toys), share(a.loans), share(a.meetings), share(a.marks), share(a.referrals)
        ),
        years=years,
    )


# A small house with the same shape, for the tests of the suite.
SMALL = HouseSize(
    people=300,
    visits=2_000,
    activities=Activities(toys=40, loans=400, meetings=40, marks=400, referrals=10),
    years=2,
)


def build_house(
    path: Path,
    *,
    house: str = "kran",
    size: HouseSize = TEN_YEARS,
    seed: int = 1,
    today: dt.date,
    audit: bool = True,
) -> dict[str, int]:
    """Write a new house file at ``path`` (which must not exist); returns what it holds."""
    admin = setup.AdminInput(
        username=BENCH_USER,
        full_name="Администратор на измерването",
        password=BENCH_PASSWORD,
        repeat=BENCH_PASSWORD,
    )
    db = setup.initialise(path, preset(house), admin)
    db.clock = FixedClock(dt.datetime.combine(today, dt.time(12)))
    try:
        rng = random.Random(f"{seed}-{house}")
        _made, families = fill_people(db, rng, size.people, today)
        counts = {"families": families, "people": size.people}
        counts.update(
            fill_visits(db, rng, n_visits=size.visits, years=size.years, audit=audit, today=today)
        )
        with db.read() as session:
            found = local_house(session)
            house_id, prefix = found.id, found.prefix
        with db.engine.begin() as conn:
            sink = Sink(conn, audit, house_id, rng)
            fill_activities(
                sink, prefix=prefix, today=today, years=size.years, size=size.activities
            )
        counts.update(sink.counts)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
    finally:
        db.dispose()
    return counts


def cache_folder() -> Path:
    """The user's cache folder, or ``BGF_BENCH_CACHE`` where it is set (the tests)."""
    chosen = os.environ.get("BGF_BENCH_CACHE")
    return Path(chosen) if chosen else user_cache_path(APP_NAME, appauthor=False) / "bench"


def cached_house(
    *,
    house: str = "kran",
    size: HouseSize = TEN_YEARS,
    seed: int = 1,
    today: dt.date,
    audit: bool = True,
    folder: Path | None = None,
) -> Path:
    """The cached house of these parameters, built first if it is not there yet.

    Built under a temporary name and renamed when complete, so that a run stopped half way
    leaves nothing that a later run would take for a finished house.
    """
    folder = folder or cache_folder()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    name = f"{house}-{size.key()}-s{seed}-{today.isoformat()}-a{int(audit)}-v{_BUILDER_VERSION}"
    path = folder / f"{name}.sqlite"
    if path.exists():
        _bring_up_to_date(path)
        return path
    part = folder / f"{name}.part-{os.getpid()}.sqlite"
    for leftover in (part, *(Path(f"{part}{s}") for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    build_house(part, house=house, size=size, seed=seed, today=today, audit=audit)
    with cipher.connect(part) as conn:  # one file again: the WAL folded in
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    os.replace(part, path)
    return path


def _bring_up_to_date(path: Path) -> None:
    """A house cached by an older version gets the newer schema, as the desk would give it
    (without keeping the copy the desk keeps of a real house before an upgrade)."""
    from bgfuture_desk.db import migrate
    from bgfuture_desk.db.engine import sqlite_engine

    if migrate.file_schema_state(path).up_to_date:
        return
    engine = sqlite_engine(path)
    try:
        migrate.upgrade(engine)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()


def copy_of(source: Path, target: Path) -> Path:
    """A copy of a cached house to measure on (writing measurements change it), made with
    SQLite's online backup so that it is a consistent file."""
    with cipher.connect(source) as src, cipher.connect(
            target, key=cipher.key_of(source)) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target
