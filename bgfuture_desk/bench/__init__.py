"""The performance suite (``bgfuture-desk bench``): numbers to compare with the targets.

The search benchmark fills a temporary house with realistic Bulgarian families (plain bulk
inserts, so it takes seconds, not the minutes the audited services would), builds the
search index, then types about 200 queries the way an assistant would, one key at a time:
names in Cyrillic, in official and informal Latin and with a typo, phones in several
formats and their last digits, ЕГН, family codes typed and scanned. Target: p95 at most
30 ms per keystroke with 25,000 people.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert

from bgfuture_desk.db.models import Family, Person, utcnow
from bgfuture_desk.domain import egn as egn_rules
from bgfuture_desk.domain.houses import PRESETS, family_code
from bgfuture_desk.domain.names import search_key, transliterate
from bgfuture_desk.domain.phones import format_phone
from bgfuture_desk.domain.vocab import PersonRole, Sex
from bgfuture_desk.i18n import _
from bgfuture_desk.services.demo.common import family_name, patronymic
from bgfuture_desk.services.demo.data_people import (
    FAMILY_NAMES,
    FEMALE_CHILDREN,
    FEMALE_PARENTS,
    MALE_CHILDREN,
    MALE_PARENTS,
)
from bgfuture_desk.services.families.search import SearchIndex
from bgfuture_desk.services.house import setup
from bgfuture_desk.services.unit import Database, local_house

TARGET_P95_MS = 30.0
_BATCH = 5000


@dataclass(frozen=True)
class _Made:
    """What the generator keeps to write queries about: (name parts, phone, egn, code)."""

    first: str
    middle: str
    last: str
    phone: str
    egn: str | None
    code: str


def run_search_benchmark(n_people: int = 25000, seed: int = 1, queries: int = 200) -> dict:
    """Build a house of ``n_people``, then time the search on every keystroke of the queries."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="bgfuture-bench-") as folder:
        db = setup.initialise(Path(folder) / "bench.sqlite", _preset("kran"), None)
        try:
            started = time.perf_counter()
            made, families = _fill(db, rng, n_people)
            fill_s = time.perf_counter() - started
            started = time.perf_counter()
            index = SearchIndex.build(db)
            build_ms = (time.perf_counter() - started) * 1000
        finally:
            db.dispose()
    texts = _queries(rng, made, queries)
    times, empty = [], 0
    for text in texts:
        for end in range(1, len(text) + 1):
            started = time.perf_counter()
            hits = index.search(text[:end])
            times.append((time.perf_counter() - started) * 1000)
        empty += not hits
    times.sort()
    return {
        "people": len(made),
        "families": families,
        "queries": len(texts),
        "keystrokes": len(times),
        "queries_without_hits": empty,
        "fill_s": round(fill_s, 2),
        "build_ms": round(build_ms, 1),
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
        "max_ms": round(times[-1], 2),
        "target_p95_ms": TARGET_P95_MS,
        "passed": times[int(0.95 * (len(times) - 1))] <= TARGET_P95_MS,
    }


# ---- the house ---------------------------------------------------------------------------


def _fill(db: Database, rng: random.Random, n_people: int) -> tuple[list[_Made], int]:
    """Families of 1–7 people until there are ``n_people``; a few archived or merged."""
    with db.read() as session:
        house = local_house(session)
        house_id, prefix = house.id, house.prefix
    settlements = [_(p.settlement) for p in PRESETS]
    now = utcnow()
    today = dt.date.today()
    families: list[dict] = []
    people: list[dict] = []
    made: list[_Made] = []
    while len(people) < n_people:
        code = family_code(prefix, len(families) + 1)
        family = _family_row(rng, house_id, code, rng.choice(settlements), now)
        merged = families and rng.random() < 0.005
        if merged:
            family["merged_into_id"] = rng.choice(families)["id"]
            family["archived_at"] = now
        families.append(family)
        if merged:
            continue  # its members moved to the family it joined
        for row in _members(rng, family, today, n_people - len(people)):
            row.update(id=uuid.uuid4(), house_id=house_id, created_at=now, updated_at=now)
            people.append(row)
            made.append(
                _Made(
                    row["first_name"],
                    row["middle_name"],
                    row["last_name"],
                    row["phone"] or family["phone"],
                    row["egn"],
                    code,
                )
            )
    with db.engine.begin() as conn:
        for start in range(0, len(families), _BATCH):
            conn.execute(insert(Family), families[start : start + _BATCH])
        for start in range(0, len(people), _BATCH):
            conn.execute(insert(Person), people[start : start + _BATCH])
    return made, len(families)


def _phone(rng: random.Random) -> str:
    return f"0{rng.choice('89')}{rng.choice('789')}{rng.randint(0, 9_999_999):07d}"


def _family_row(
    rng: random.Random, house_id: uuid.UUID, code: str, settlement: str, now: dt.datetime
) -> dict:
    archived = rng.random() < 0.03
    return {
        "id": uuid.uuid4(),
        "house_id": house_id,
        "created_at": now,
        "updated_at": now,
        "deleted_at": None,
        "code": code,
        "settlement": settlement,
        "address": f"ул. „Искра“ № {rng.randint(1, 80)}",
        "phone": _phone(rng),
        "phone2": _phone(rng) if rng.random() < 0.4 else "",
        "notes": "",
        "archived_at": now if archived else None,
        "merged_into_id": None,
        "borrowing_blocked": False,
        "search_key": search_key(code, settlement),
    }


def _members(rng: random.Random, family: dict, today: dt.date, room: int) -> list[dict]:
    surname = rng.choice(FAMILY_NAMES)
    father = rng.choice(MALE_PARENTS)
    mother_age = rng.randint(18, 45)
    rows = [
        _person(
            rng,
            PersonRole.MOTHER,
            Sex.FEMALE,
            rng.choice(FEMALE_PARENTS),
            rng.choice(MALE_PARENTS),
            surname,
            mother_age,
            today,
        )
    ]
    rows[0]["phone"] = family["phone"]
    if rng.random() < 0.5:
        rows.append(
            _person(
                rng,
                PersonRole.FATHER,
                Sex.MALE,
                father,
                rng.choice(MALE_PARENTS),
                surname,
                mother_age + rng.randint(0, 8),
                today,
            )
        )
        rows[-1]["phone"] = family["phone2"]
    for _child in range(rng.choice((1, 1, 2, 2, 2, 3, 3, 4, 5))):
        sex = rng.choice((Sex.MALE, Sex.FEMALE))
        first = rng.choice(MALE_CHILDREN if sex == Sex.MALE else FEMALE_CHILDREN)
        age = rng.randint(0, min(17, mother_age - 17))
        rows.append(_person(rng, PersonRole.CHILD, sex, first, father, surname, age, today))
    for row in rows:
        row["family_id"] = family["id"]
    return rows[:room]


def _person(
    rng: random.Random,
    role: str,
    sex: str,
    first: str,
    father: str,
    surname: str,
    age: int,
    today: dt.date,
) -> dict:
    born = today - dt.timedelta(days=int(age * 365.25) + rng.randint(1, 360))
    middle, last = patronymic(father, sex), family_name(surname, sex)
    egn = egn_rules.make_egn(born, rng.randint(0, 499), sex) if rng.random() < 0.3 else None
    return {
        "role": role,
        "first_name": first,
        "middle_name": middle,
        "last_name": last,
        "birth_date": born,
        "sex": sex,
        "egn": egn,
        "phone": "",
        "expected_birth": None,
        "notes": "",
        "deleted_at": None,
        "search_key": search_key(first, middle, last),
    }


# ---- the queries -------------------------------------------------------------------------

# How people type Bulgarian in Latin letters when not following the law (DOMAIN.md).
_INFORMAL = (("sht", "6t"), ("ch", "4"), ("sh", "6"), ("zh", "j"), ("ya", "q"), ("v", "w"))


def _informal(text: str) -> str:
    text = transliterate(text).lower()
    for official, informal in _INFORMAL:
        text = text.replace(official, informal)
    return text


def _typo(rng: random.Random, word: str) -> str:
    """One letter dropped, doubled into another or two letters swapped (not the first)."""
    if len(word) < 5:
        return word
    i = rng.randint(1, len(word) - 2)
    kind = rng.choice(("drop", "swap", "wrong"))
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice("аеиоу") + word[i + 1 :]


def _queries(rng: random.Random, made: list[_Made], count: int) -> list[str]:
    """A realistic mix of what the assistant types or scans (shares sum to one)."""
    makers = (
        (0.15, lambda m: f"{m.first} {m.last}"),
        (0.12, lambda m: m.last.lower()),
        (0.08, lambda m: f"{m.first} {m.last[:3]}"),
        (0.12, lambda m: transliterate(f"{m.first} {m.last}")),
        (0.10, lambda m: _informal(f"{m.first} {m.last}")),
        (0.08, lambda m: f"{m.first} {_typo(rng, m.last)}"),
        (0.05, lambda m: f"{m.first} {m.middle} {m.last}"),
        (0.06, lambda m: format_phone(m.phone)),
        (0.04, lambda m: "+359 " + format_phone(m.phone)[1:]),
        (0.04, lambda m: m.phone[-rng.randint(4, 6) :]),
        (0.06, lambda m: m.code),
        (0.04, lambda m: m.code.replace("-", "").lower().replace("00", "", 1)),
        (0.06, lambda m: m.egn or m.first),
    )
    out = []
    for share, make in makers:
        for _i in range(max(1, round(share * count))):
            out.append(make(rng.choice(made)))
    rng.shuffle(out)
    return out[:count]


# ---- the monthly exchange ----------------------------------------------------------------

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
    db = setup.initialise(paths[0], _preset(_HOUSES[0]), None)
    try:
        rng = random.Random(seed)
        _made, families = _fill(db, rng, n_people)
        counts = {
            "families": families,
            "people": n_people,
            **fill_visits(db, rng, n_visits=n_visits, audit=audit),
        }
    finally:
        db.dispose()
    for shift, path in enumerate(paths[1:], start=1):
        db = setup.initialise(path, _preset(_HOUSES[shift]), None)
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


def _preset(code: str) -> setup.HouseInput:
    """A preset house the benchmarks build on (they name only houses that exist)."""
    found = setup.preset_input(code)
    if found is None:
        raise ValueError(f"no preset house {code!r}")
    return found
