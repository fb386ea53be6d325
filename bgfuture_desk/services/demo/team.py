"""The house team of the demo: a coordinator, two assistants and the specialists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.low_level import hash_secret
from sqlalchemy import select

from bgfuture_desk.db.models import Specialist, User
from bgfuture_desk.domain.names import transliterate
from bgfuture_desk.domain.vocab import Sex, SpecialistKind, UserRole
from bgfuture_desk.services.demo.common import (
    Context,
    Stream,
    at_time,
    family_name,
    patronymic,
    utc_of,
)
from bgfuture_desk.services.demo.data_people import (
    FAMILY_NAMES,
    FEMALE_PARENTS,
    MALE_OLDER,
    MALE_PARENTS,
)

DEMO_PASSWORD = "demo-1234-kran"

# Who works in a house; the assistants are also "specialists" a visit can be with.
_SPECIALIST_KINDS = (
    SpecialistKind.MEDIATOR,
    SpecialistKind.HEALTH_MEDIATOR,
    SpecialistKind.NURSE,
    SpecialistKind.PEDAGOGUE,
    SpecialistKind.PSYCHOLOGIST,
    SpecialistKind.SOCIAL_WORKER,
    SpecialistKind.SPEECH_THERAPIST,
    SpecialistKind.TOY_LIBRARIAN,
)


@dataclass
class Team:
    users: list[User]
    assistants: list[User]
    specialists: list[Specialist]

    def of_kind(self, *kinds: str) -> list[Specialist]:
        return [s for s in self.specialists if s.kind in kinds and s.active]


def _password_hash(rng: Stream) -> str:
    """An Argon2 hash with the app's parameters and a seeded salt (deterministic demo)."""
    params = PasswordHasher()
    salt = rng.getrandbits(8 * params.salt_len).to_bytes(params.salt_len, "big")
    return hash_secret(
        DEMO_PASSWORD.encode(),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost,
        parallelism=params.parallelism,
        hash_len=params.hash_len,
        type=params.type,
    ).decode()


def _full_name(rng: Stream, sex: str) -> tuple[str, str]:
    """A full name and its family name."""
    first = rng.choice(FEMALE_PARENTS if sex == Sex.FEMALE else MALE_PARENTS)
    last = family_name(rng.choice(FAMILY_NAMES), sex)
    middle = last
    while middle == last:
        middle = patronymic(rng.choice(MALE_OLDER), sex)
    return f"{first} {middle} {last}", last


def _free_username(wanted: str, taken: set[str]) -> str:
    name, n = wanted, 1
    while name in taken:
        n += 1
        name = f"{wanted}{n}"
    taken.add(name)
    return name


def build_team(ctx: Context) -> Team:
    rng = ctx.stream("team")
    since = ctx.today - dt.timedelta(days=3 * 365)
    password_hash = _password_hash(rng)
    query = select(User.username).where(User.house_id == ctx.house.id)
    taken = {name.lower() for name in ctx.session.scalars(query)}
    users, specialists = [], []
    for role in (UserRole.COORDINATOR, UserRole.ASSISTANT, UserRole.ASSISTANT):
        full, last = _full_name(rng, Sex.FEMALE if rng.chance(0.85) else Sex.MALE)
        username = _free_username(transliterate(last).lower(), taken)
        users.append(
            ctx.new(
                rng,
                User,
                since,
                username=username,
                full_name=full,
                role=role,
                password_hash=password_hash,
                active=True,
            )
        )
        if role == UserRole.ASSISTANT:
            specialists.append(_specialist(ctx, rng, since, SpecialistKind.ASSISTANT, full))
    for kind in _SPECIALIST_KINDS:
        specialists.append(_specialist(ctx, rng, since, kind))
    # Someone who left the project: kept for the history, no longer chosen.
    gone = _specialist(ctx, rng, since, SpecialistKind.MEDIATOR)
    gone.active, gone.updated_at = False, utc_of(at_time(ctx.today - dt.timedelta(days=200)))
    specialists.append(gone)
    return Team(users, users[1:], specialists)


def _specialist(
    ctx: Context, rng: Stream, since: dt.date, kind: str, full_name: str | None = None
) -> Specialist:
    if full_name is None:
        full_name, _last = _full_name(rng, Sex.FEMALE if rng.chance(0.75) else Sex.MALE)
    return ctx.new(
        rng, Specialist, since, full_name=full_name, kind=kind, phone=rng.phone(), active=True
    )
