"""Two processes on one house file at the same moment (the lock beside the file keeps a second
app out, but a rule must hold even if two writers do get in): each unit of work takes the
write lock before its checks, so exactly one wins each race and the other gets the Bulgarian
refusal, never a raw database error."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time

import pytest
from sqlalchemy import select

from bgfuture_desk.db.models import Person, Toy
from bgfuture_desk.domain.vocab import PersonRole
from bgfuture_desk.services.demo import generate_demo

ROUNDS = 8

# One racer: waits for the start moment of each round, then does the round's action.
RACER = r"""
import json, sys, time, uuid
from pathlib import Path
from bgfuture_desk.errors import UserError
from bgfuture_desk.services.house.database import open_database
from bgfuture_desk.services.unit import Actor
from bgfuture_desk.services.visits import service as visits
from bgfuture_desk.services.toys import lending

db = open_database(Path(sys.argv[1])).db
actor = Actor(user_id=None, name="Асистент", role="assistant")
for job in json.loads(sys.argv[2]):
    while time.time() < job["start"]:
        time.sleep(0.0005)
    try:
        if job["kind"] == "register":
            from bgfuture_desk.services.families import service as families
            family = families.create_family(
                db, actor, families.FamilyInput(settlement="гр. Крън"),
                [families.PersonInput(role="mother", first_name=job["name"], last_name="Рачева")],
                force=True,
            )
            print("won " + family.code, flush=True)
            continue
        if job["kind"] == "check_in":
            visits.check_in(db, actor, family_id=uuid.UUID(job["family"]),
                            person_ids=[uuid.UUID(job["person"])], purposes=["play"])
        else:
            lending.lend_toys(db, actor, uuid.UUID(job["family"]), [job["toy"]])
        print("won", flush=True)
    except UserError as err:
        print("refused " + err.message, flush=True)
    except Exception as err:
        print("error " + type(err).__name__ + " " + str(err).splitlines()[0], flush=True)
db.dispose()
"""


def race(db_path, jobs_a, jobs_b) -> list[tuple[str, str]]:
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(db_path), json.dumps(jobs)],
            stdout=subprocess.PIPE, text=True,
        )
        for jobs in (jobs_a, jobs_b)
    ]
    outs = [r.communicate(timeout=120)[0].splitlines() for r in racers]
    return list(zip(*outs, strict=True))


@pytest.fixture
def demo_house(house_db):
    generate_demo(house_db, families=20, seed=3)
    return house_db


def test_two_desks_checking_in_one_child_at_once_open_one_visit(demo_house, db_path):
    with demo_house.read() as session:
        children = session.execute(
            select(Person.id, Person.family_id).where(Person.role == PersonRole.CHILD)
        ).all()[:ROUNDS]
    from bgfuture_desk.services.visits import queries as visits

    here = {p for v in visits.visits_on(demo_house, dt.date.today()) for p, _name in v.people}
    children = [c for c in children if c.id not in here]
    start = time.time() + 3
    jobs = [
        {"kind": "check_in", "family": str(c.family_id), "person": str(c.id),
         "start": start + 0.3 * i}
        for i, c in enumerate(children)
    ]  # fmt: skip
    results = race(db_path, jobs, jobs)
    assert len(results) == len(children) >= 5
    for a, b in results:
        assert sorted([a.split()[0], b.split()[0]]) == ["refused", "won"], (a, b)


def test_two_desks_lending_one_toy_at_once_lend_it_once(demo_house, db_path):
    with demo_house.read() as session:
        toys = session.scalars(select(Toy.inventory_code).where(Toy.status == "available")).all()
        families = session.execute(
            select(Person.family_id).where(Person.role == PersonRole.CHILD).distinct()
        ).scalars().all()
    start = time.time() + 3
    codes = toys[:ROUNDS]
    jobs_a = [{"kind": "lend", "family": str(families[2 * i]), "toy": code,
               "start": start + 0.3 * i} for i, code in enumerate(codes)]  # fmt: skip
    jobs_b = [{**job, "family": str(families[2 * i + 1])} for i, job in enumerate(jobs_a)]
    results = race(db_path, jobs_a, jobs_b)
    assert len(results) == len(codes) >= 5
    for a, b in results:
        assert sorted([a.split()[0], b.split()[0]]) == ["refused", "won"], (a, b)


def test_two_desks_registering_families_at_once_get_two_codes(demo_house, db_path):
    start = time.time() + 3
    jobs_a = [{"kind": "register", "name": "Ана", "start": start + 0.3 * i} for i in range(ROUNDS)]
    jobs_b = [{**job, "name": "Вера"} for job in jobs_a]
    results = race(db_path, jobs_a, jobs_b)
    assert len(results) == ROUNDS
    codes = [line.split()[1] for pair in results for line in pair if line.startswith("won")]
    assert len(codes) == 2 * ROUNDS, results
    assert len(set(codes)) == 2 * ROUNDS
