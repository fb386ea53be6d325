"""A year of arrivals at the reception: family visits, anonymous visitors, today's guests."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from typing import Any

from bgfuture_desk.db.models import Person, Specialist, Visit, VisitPerson, VisitPurposeRow
from bgfuture_desk.domain.calendar import working_days
from bgfuture_desk.domain.vocab import PersonRole
from bgfuture_desk.domain.vocab import SpecialistKind as K
from bgfuture_desk.domain.vocab import VisitPurpose as P
from bgfuture_desk.services.demo.common import Context, Stream, at_time
from bgfuture_desk.services.demo.households import Household
from bgfuture_desk.services.demo.team import Team

_PURPOSES: dict[str, int] = {
    P.PLAY: 16,
    P.TOY_LIBRARY: 16,
    P.CONSULTATION: 14,
    P.HEALTH: 12,
    P.MEDIATOR: 10,
    P.PEDAGOGUE: 10,
    P.GROUP: 8,
    P.DOCUMENTS: 7,
    P.REFERRAL_FOLLOW_UP: 4,
    P.OTHER: 3,
}
_ANONYMOUS_PURPOSES: dict[str, int] = {P.PLAY: 5, P.TOY_LIBRARY: 2, P.CONSULTATION: 2, P.OTHER: 1}
_WHO_HELPS: dict[str, tuple[K, ...]] = {
    P.CONSULTATION: (K.PSYCHOLOGIST, K.SOCIAL_WORKER, K.MEDIATOR),
    P.GROUP: (K.PEDAGOGUE, K.PSYCHOLOGIST, K.SOCIAL_WORKER),
    P.TOY_LIBRARY: (K.TOY_LIBRARIAN, K.ASSISTANT),
    P.PLAY: (K.PEDAGOGUE, K.ASSISTANT),
    P.HEALTH: (K.NURSE, K.HEALTH_MEDIATOR),
    P.MEDIATOR: (K.MEDIATOR, K.HEALTH_MEDIATOR),
    P.PEDAGOGUE: (K.PEDAGOGUE, K.SPEECH_THERAPIST),
    P.DOCUMENTS: (K.SOCIAL_WORKER, K.MEDIATOR, K.ASSISTANT),
    P.REFERRAL_FOLLOW_UP: (K.SOCIAL_WORKER, K.MEDIATOR, K.HEALTH_MEDIATOR),
    P.OTHER: (K.ASSISTANT,),
}
# Who brings the children: mostly the mother (or the pregnant woman, or the guardian).
_ESCORT: dict[str, int] = {
    PersonRole.MOTHER: 8,
    PersonRole.PREGNANT: 8,
    PersonRole.GUARDIAN: 8,
    PersonRole.FATHER: 2,
    PersonRole.GRANDPARENT: 2,
    PersonRole.OTHER: 1,
}
_CHILDREN_ALONG = {0: 2, 1: 5, 2: 3, 3: 1}
_OPEN, _CLOSE = 8 * 60 + 30, 17 * 60 + 30


@dataclass(frozen=True)
class VisitPlan:
    """A family visit as later parts need it: who came, when, and why."""

    visit: Visit
    home: Household
    adult: Person
    day: dt.date
    purposes: tuple[str, ...]


@dataclass
class _Builder:
    ctx: Context
    rng: Stream
    team: Team

    def visit(
        self,
        day: dt.date,
        purposes: tuple[str, ...],
        open_: bool = False,
        latest: int = _CLOSE,
        **fields: Any,
    ) -> Visit:
        rng = self.rng
        minutes = rng.randint(20, 120)
        start = rng.randint(_OPEN, max(_OPEN, latest - minutes))
        checked_in = at_time(day, *divmod(start, 60))
        checked_out = None if open_ else checked_in + dt.timedelta(minutes=minutes)
        helpers = self.team.of_kind(*_WHO_HELPS[purposes[0]]) or self.team.specialists
        specialist: Specialist | None = rng.choice(helpers) if rng.chance(0.92) else None
        visit = self.ctx.new(
            rng,
            Visit,
            checked_in,
            changed=checked_out,
            checked_in_at=checked_in,
            checked_out_at=checked_out,
            specialist_id=specialist.id if specialist else None,
            recorded_late=rng.chance(0.02),
            **fields,
        )
        for purpose in purposes:
            self.ctx.new(rng, VisitPurposeRow, checked_in, visit_id=visit.id, purpose=purpose)
        return visit

    def purposes(self, table: dict[str, int]) -> tuple[str, ...]:
        first = self.rng.weighted(table)
        second = self.rng.weighted(table) if self.rng.chance(0.3) else first
        return (first,) if second == first else (first, second)

    def family_visit(
        self, home: Household, day: dt.date, open_: bool = False, latest: int = _CLOSE
    ) -> VisitPlan | None:
        rng = self.rng
        adults = home.present_on(day, home.adults)
        if not adults:
            return None
        adult = rng.choices(adults, weights=[_ESCORT[a.role] for a in adults])[0]
        who = [adult]
        children = home.present_on(day, home.children)
        who += rng.sample(children, min(len(children), rng.weighted(_CHILDREN_ALONG)))
        others = [a for a in adults if a is not adult]
        if others and len(who) < 4 and rng.chance(0.15):
            who.append(rng.choice(others))
        purposes = self.purposes(_PURPOSES)
        visit = self.visit(day, purposes, open_, latest, family_id=home.family.id)
        for person in who:
            self.ctx.new(
                rng,
                VisitPerson,
                visit.checked_in_at,
                visit_id=visit.id,
                person_id=person.id,
                checked_out_at=visit.checked_out_at,  # everyone leaves with the visit
            )
        return VisitPlan(visit, home, adult, day, purposes)


def build_visits(ctx: Context, homes: list[Household], team: Team) -> list[VisitPlan]:
    """Visits of the last twelve months on working days, then today's (some still here)."""
    rng = ctx.stream("visits")
    builder = _Builder(ctx, rng, team)
    year = working_days(ctx.today - dt.timedelta(days=365), ctx.today - dt.timedelta(days=1))
    plans: list[VisitPlan] = []
    for home in homes:
        days = year[bisect.bisect_left(year, home.registered_on) :]
        wanted = round(home.visits_a_year * len(days) / len(year) * rng.uniform(0.7, 1.3))
        chosen = set(rng.sample(days, min(len(days), wanted)))
        if days and days[0] == home.registered_on:
            chosen.add(home.registered_on)  # they registered at the desk, on a visit
        for day in sorted(chosen):
            plan = builder.family_visit(home, day)
            if plan:
                plans.append(plan)
    for day in sorted(rng.choices(year, k=max(3, len(homes) // 3))):
        builder.visit(
            day,
            builder.purposes(_ANONYMOUS_PURPOSES),
            anonymous_adults=rng.randint(1, 2),
            anonymous_children=rng.randint(0, 4),
        )
    _today(builder, homes, plans)
    return plans


def _today(builder: _Builder, homes: list[Household], plans: list[VisitPlan]) -> None:
    """This morning's visitors: a few left already, a few are still in the house."""
    rng, today = builder.rng, builder.ctx.today
    regulars = [h for h in homes if h.visits_a_year >= 6] or homes
    here = rng.sample(regulars, min(len(regulars), max(3, len(homes) // 30)))
    for n, home in enumerate(here):
        plan = builder.family_visit(home, today, open_=n % 3 != 2, latest=12 * 60)
        if plan:
            plans.append(plan)
    builder.visit(
        today, (P.PLAY,), open_=True, latest=12 * 60, anonymous_adults=1, anonymous_children=2
    )
