"""The monthly exchange benchmark: export ten-year houses and consolidate them."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from bgfuture_desk.bench.people import fill_people
from bgfuture_desk.bench.presets import preset
from bgfuture_desk.services.house import setup

TARGET_EXPORT_S = 3.0
TARGET_CONSOLIDATE_S = 30.0
_HOUSES = ("kran", "kazanlak", "razhena", "gorno-cherkovishte")
_PASSPHRASE = "bench-passphrase"


def _exchange_houses(
    folder: Path, n_people: int, n_visits: int, houses: int, audit: bool, seed: int
) -> tuple[list[Path], dict[str, int]]:
    """The first house generated, the others copies of it under new ids and another house."""
    from bgfuture_desk.bench.house import clone_house, fill_visits

    paths = [folder / f"{code}.sqlite" for code in _HOUSES[:houses]]
    db = setup.initialise(paths[0], preset(_HOUSES[0]), None)
    try:
        rng = random.Random(seed)
        _made, families = fill_people(db, rng, n_people, db.clock.today())
        counts = {
            "families": families,
            "people": n_people,
            **fill_visits(db, rng, n_visits=n_visits, audit=audit),
        }
    finally:
        db.dispose()
    for shift, path in enumerate(paths[1:], start=1):
        db = setup.initialise(path, preset(_HOUSES[shift]), None)
        try:
            clone_house(db, paths[0], shift)
        finally:
            db.dispose()
    return paths, counts


def run_exchange_benchmark(
    n_people: int = 25000,
    n_visits: int = 250000,
    houses: int = 4,
    audit: bool = False,
    seed: int = 1,
) -> dict:
    """Time the monthly export of ten-year houses and their consolidation into a new file.

    Targets: an export in at most 3 s, four houses consolidated in at most 30 s. ``audit``
    adds the audit trail the desk writes for every visit (about four events per visit).
    """
    from bgfuture_desk.services.exchange.consolidate import consolidate
    from bgfuture_desk.services.exchange.export import export_month, previous_month
    from bgfuture_desk.services.house.database import open_database
    from bgfuture_desk.services.unit import Actor

    with tempfile.TemporaryDirectory(prefix="bgfuture-bench-") as name:
        folder = Path(name)
        started = time.perf_counter()
        paths, counts = _exchange_houses(folder, n_people, n_visits, houses, audit, seed)
        fill_s = time.perf_counter() - started
        exports, files = [], []
        for path in paths:
            db = open_database(path).db
            try:
                result = export_month(
                    db,
                    Actor.system(),
                    month=previous_month(db.clock.today()),
                    out=folder,
                    passphrase=_PASSPHRASE,
                )
            finally:
                db.dispose()
            exports.append(result.seconds)
            files.append(result)
        started = time.perf_counter()
        first = consolidate(folder / "all.sqlite", [f.path for f in files], _PASSPHRASE)
        consolidate_s = time.perf_counter() - started
        started = time.perf_counter()
        again = consolidate(folder / "all.sqlite", [f.path for f in files], _PASSPHRASE)
        again_s = time.perf_counter() - started
        house_mb = paths[0].stat().st_size / 1e6
    return {
        "houses": houses,
        "records_per_house": {k: v for k, v in counts.items() if v},
        "audit_trail": audit,
        "house_file_mb": round(house_mb, 1),
        "export_file_mb": round(files[0].file_bytes / 1e6, 1),
        "fill_s": round(fill_s, 1),
        "export_s": round(max(exports), 2),  # the slowest of the houses
        "export_each_s": [round(x, 2) for x in exports],
        "consolidate_s": round(consolidate_s, 1),
        "consolidate_again_s": round(again_s, 1),
        "records_imported": first.inserted,
        "records_unchanged_again": again.unchanged,
        "target_export_s": TARGET_EXPORT_S,
        "target_consolidate_s": TARGET_CONSOLIDATE_S,
        "passed": max(exports) <= TARGET_EXPORT_S and consolidate_s <= TARGET_CONSOLIDATE_S,
    }
