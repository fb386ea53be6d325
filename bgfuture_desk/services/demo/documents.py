"""Signed consents (some missing, some withdrawn) and referrals in every state."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from bgfuture_desk.db.models import Consent, ConsentForm, Institution, Person, Referral
from bgfuture_desk.domain.houses import referral_number
from bgfuture_desk.domain.vocab import ConsentKind, ConsentMethod, PersonRole, Urgency
from bgfuture_desk.domain.vocab import ReferralStatus as R
from bgfuture_desk.domain.vocab import SpecialistKind as K
from bgfuture_desk.i18n import _
from bgfuture_desk.services.consents.forms import shipped_form
from bgfuture_desk.services.demo.common import Context, Stream, at_time, months_old, utc_of
from bgfuture_desk.services.demo.data_things import (
    CLOSED_OUTCOMES,
    GENERIC_OUTCOME,
    GENERIC_REASONS,
    REFERRAL_OUTCOMES,
    REFERRAL_STEPS,
    REFERRALS,
)
from bgfuture_desk.services.demo.households import Household
from bgfuture_desk.services.demo.team import Team
from bgfuture_desk.services.demo.visits import VisitPlan
from bgfuture_desk.services.house import setup

_DATA_PURPOSES = ("groups", "toy_lending", "referrals", "reporting")
_PHOTO_PURPOSES = ("print", "website", "social")
_SIGNERS = (
    PersonRole.MOTHER,
    PersonRole.PREGNANT,
    PersonRole.GUARDIAN,
    PersonRole.FATHER,
    PersonRole.GRANDPARENT,
    PersonRole.OTHER,
)
_STATUS_LATER = {R.CLOSED: 45, R.VISITED: 20, R.NO_SHOW: 15, R.ISSUED: 10}
_URGENCY = {Urgency.ROUTINE: 65, Urgency.SOON: 25, Urgency.URGENT: 10}
_REFERRERS = {
    "health": (K.NURSE, K.HEALTH_MEDIATOR),
    "education": (K.PEDAGOGUE, K.MEDIATOR),
    "social": (K.SOCIAL_WORKER, K.MEDIATOR, K.PSYCHOLOGIST),
}
_AGES = {"child": (0, 216), "small_child": (0, 84), "teen": (144, 216)}


@dataclass(frozen=True)
class _Signing:
    """How one family signed its forms: who signed for the children, how, for what."""

    home: Household
    signer: Person
    read_aloud: bool
    witness: str
    purposes: dict[str, list[str]]  # consent kind → ticked purposes


def build_consents(ctx: Context, homes: list[Household], team: Team) -> None:
    rng = ctx.stream("consents")
    forms = _forms(ctx, rng)
    witnesses = [s.full_name for s in team.of_kind(K.MEDIATOR, K.ASSISTANT)] or ["—"]
    newest = max(homes, key=lambda h: h.registered_on, default=None)
    signed = [h for h in homes if h is not newest] or homes
    aloud = rng.choice(signed) if signed else None  # at least one read aloud
    made: list[Consent] = []
    for home in homes:
        signers = [a for r in _SIGNERS for a in home.adults if a.role == r]
        if not signers or home is newest or (home is not aloud and rng.chance(0.06)):
            continue  # the forms are still to be signed
        read_aloud = home is aloud or rng.chance(0.1)
        purposes: dict[str, list[str]] = {
            ConsentKind.PERSONAL_DATA: ["registration"]
            + [p for p in _DATA_PURPOSES if rng.chance(0.85)]
        }
        if rng.chance(0.6):
            purposes[ConsentKind.PHOTO] = ["internal"] + [
                p for p in _PHOTO_PURPOSES if rng.chance(0.5)
            ]
        signing = _Signing(
            home, signers[0], read_aloud, rng.choice(witnesses) if read_aloud else "", purposes
        )
        for person in home.members:
            if not rng.chance(0.03):  # now and then one member's form is missing
                made += [
                    _consent(ctx, rng, forms[kind], signing, person, team) for kind in purposes
                ]
    if made and not any(c.withdrawn_on for c in made):
        made[-1].withdrawn_on, made[-1].withdrawn_by_user_id = ctx.today, team.assistants[0].id
        made[-1].updated_at = utc_of(at_time(ctx.today, 10))


def _forms(ctx: Context, rng: Stream) -> dict[str, ConsentForm]:
    """Version 1 of both forms, in the shipped texts, valid since the house's story began.

    Set-up seeds them valid from its own day; while nobody has signed them yet, the demo
    dates them back to the start of its three years (a later run reuses them as they are).
    """
    query = select(ConsentForm).where(
        ConsentForm.house_id == ctx.house.id,
        ConsentForm.version == 1,
        ConsentForm.deleted_at.is_(None),
    )
    existing = {f.kind: f for f in ctx.session.scalars(query)}
    since = ctx.today - dt.timedelta(days=3 * 365 + 30)
    signed = set(ctx.session.scalars(select(Consent.kind).where(Consent.version == 1)))
    for kind in ConsentKind:
        form = existing.get(kind)
        if form is None:
            title, body = shipped_form(kind)
            existing[kind] = ctx.new(
                rng,
                ConsentForm,
                since,
                kind=kind.value,
                version=1,
                title=title,
                body=body,
                valid_from=since,
            )
        elif kind not in signed and form.valid_from > since:
            form.valid_from = since
            form.created_at = form.updated_at = utc_of(at_time(since, 9))
            ctx.created.append(form)  # the demo made it part of its story
    return existing


def _consent(
    ctx: Context, rng: Stream, form: ConsentForm, signing: _Signing, person: Person, team: Team
) -> Consent:
    given = max(signing.home.joined[person.id], form.valid_from)
    withdrawn = None
    if rng.chance(0.06 if form.kind == ConsentKind.PHOTO else 0.02) and given < ctx.today:
        withdrawn = rng.day_between(given + dt.timedelta(days=1), ctx.today)
    adult = person.role != PersonRole.CHILD  # a parent signs for the children
    return ctx.new(
        rng,
        Consent,
        at_time(given, 10),
        changed=withdrawn,
        person_id=person.id,
        signed_by_id=person.id if adult else signing.signer.id,
        family_id=signing.home.family.id,
        kind=form.kind,
        version=form.version,
        purposes=list(signing.purposes[form.kind]),
        method=ConsentMethod.READ_ALOUD if signing.read_aloud else ConsentMethod.SIGNED,
        witness=signing.witness,
        given_on=given,
        withdrawn_on=withdrawn,
        withdrawn_by_user_id=rng.choice(team.assistants).id if withdrawn else None,
    )


@dataclass(frozen=True)
class _Slip:
    plan: VisitPlan
    person: Person
    institution: Institution
    reason: str
    status: str


def build_referrals(ctx: Context, plans: list[VisitPlan], team: Team) -> None:
    rng = ctx.stream("referrals")
    institutions = ctx.session.scalars(
        select(Institution)
        .where(
            Institution.house_id == ctx.house.id,
            Institution.active,
            Institution.deleted_at.is_(None),
        )
        .order_by(Institution.name)
    ).all()
    past = [p for p in plans if p.day < ctx.today]
    if not institutions or not past:
        return
    homes = {p.home.family.id for p in past}
    count = max(8, len(homes) // 4)
    pools = {
        None: past,  # any visit; the date decides how far the referral got
        R.ISSUED: [p for p in past if p.day > ctx.today - dt.timedelta(days=30)] or past,
        "answered": [p for p in past if p.day <= ctx.today - dt.timedelta(days=10)] or past,
    }
    forced = [R.CLOSED, R.VISITED, R.NO_SHOW, R.ISSUED]  # every state shows in the demo
    slips = []
    for n in range(count):
        status = forced[n] if n < len(forced) else None
        pool = pools[status if status in (None, R.ISSUED) else "answered"]
        slip = _slip(ctx, rng, pool, institutions, status)
        if slip:
            slips.append(slip)
    slips.sort(key=lambda s: s.plan.visit.checked_in_at)
    _numbered(ctx, rng, slips, team)


def _slip(
    ctx: Context,
    rng: Stream,
    pool: list[VisitPlan],
    institutions: Sequence[Institution],
    status: str | None,
) -> _Slip | None:
    """A referral someone on a visit needed: an institution that fits one of them."""
    for _try in range(30):
        plan = rng.choice(pool)
        institution = rng.choice(institutions)
        who, reasons = _what_for(institution)
        people = [
            p for p in plan.home.present_on(plan.day, plan.home.members) if _fits(who, p, plan.day)
        ]
        if people:
            fresh = plan.day > ctx.today - dt.timedelta(days=10)
            chosen = status or (R.ISSUED if fresh else rng.weighted(_STATUS_LATER))
            return _Slip(plan, rng.choice(people), institution, rng.choice(reasons), chosen)
    return None


def _what_for(institution: Institution) -> tuple[str, tuple[str, ...]]:
    for source, _kind in setup.INSTITUTIONS:
        if _(source) == institution.name and source in REFERRALS:
            return REFERRALS[source]
    return "any", GENERIC_REASONS


def _fits(who: str, person: Person, day: dt.date) -> bool:
    if who == "any":
        return True
    if who == "pregnant":
        return person.role == PersonRole.PREGNANT
    if who == "adult":
        return person.role != PersonRole.CHILD
    low, high = _AGES[who]
    return person.role == PersonRole.CHILD and low <= months_old(person.birth_date, day) < high


def _numbered(ctx: Context, rng: Stream, slips: list[_Slip], team: Team) -> None:
    """Number the slips in issue order, continuing each year's numbering of the house."""
    pattern = re.compile(rf"^{re.escape(ctx.house.prefix)}-N-(\d{{4}})-(\d+)$")
    last: dict[int, int] = {}
    for number in ctx.session.scalars(
        select(Referral.number).where(Referral.house_id == ctx.house.id)
    ):
        if m := pattern.match(number):
            last[int(m[1])] = max(last.get(int(m[1]), 0), int(m[2]))
    for slip in slips:
        day = slip.plan.day
        last[day.year] = last.get(day.year, 0) + 1
        answered = slip.status != R.ISSUED
        status_on = (
            min(ctx.today, day + dt.timedelta(days=rng.randint(3, 30))) if answered else None
        )
        outcomes = (
            CLOSED_OUTCOMES.get(slip.institution.kind, (GENERIC_OUTCOME,))
            if slip.status == R.CLOSED
            else REFERRAL_OUTCOMES.get(slip.status, ("",))
        )
        referrers = team.of_kind(*_REFERRERS.get(slip.institution.kind, (K.SOCIAL_WORKER,)))
        steps = rng.sample(REFERRAL_STEPS, rng.randint(1, 2))
        ctx.new(
            rng,
            Referral,
            slip.plan.visit.checked_in_at,
            changed=status_on,
            number=referral_number(ctx.house.prefix, day.year, last[day.year]),
            person_id=slip.person.id,
            family_id=slip.plan.home.family.id,
            institution_id=slip.institution.id,
            specialist_id=rng.choice(referrers).id if referrers else None,
            reason=slip.reason,
            urgency=rng.weighted(_URGENCY),
            steps_taken=" ".join(steps),
            consent_to_share=rng.chance(0.95),
            issued_on=day,
            status=slip.status,
            status_on=status_on,
            outcome=rng.choice(outcomes) if answered else "",
        )
