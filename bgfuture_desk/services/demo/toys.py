"""The toy library: a catalogue and a year of loans lent and returned on family visits.

Loans are played forward in time: a toy goes out on a toy-library visit to a family with a
child of the right age, comes back on one of the family's later visits (or not yet), so
the status of every toy agrees with its open loan.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from bgfuture_desk.db.models import Loan, LoanReminder, Reservation, Toy
from bgfuture_desk.domain.houses import code_number, toy_code
from bgfuture_desk.domain.toys import due_date
from bgfuture_desk.domain.vocab import ToyCondition, ToyStatus, VisitPurpose
from bgfuture_desk.services.demo.common import Context, Stream, at_time, months_old, utc_of
from bgfuture_desk.services.demo.data_things import (
    LOAN_MISSING_NOTE,
    REMINDER_NOTES,
    SHELF,
    SHELF_LETTERS,
    TOY_SOURCES,
    TOYS,
    ToyTemplate,
)
from bgfuture_desk.services.demo.households import Household
from bgfuture_desk.services.demo.visits import VisitPlan
from bgfuture_desk.services.house.settings import get_int

_WORSE: dict[str, str] = {
    ToyCondition.NEW: ToyCondition.GOOD,
    ToyCondition.GOOD: ToyCondition.WORN,
    ToyCondition.WORN: ToyCondition.NEEDS_REPAIR,
}
_FAMILY_OPEN_LIMIT = 3


@dataclass
class _Shelf:
    """One toy as the simulation sees it: when it is free again, what is left of it."""

    toy: Toy
    template: ToyTemplate
    free_from: dt.date
    pieces: int
    condition: str
    loans: list[Loan] = field(default_factory=list)

    @property
    def open_loan(self) -> Loan | None:
        last = self.loans[-1] if self.loans else None
        return last if last is not None and last.returned_on is None else None

    def suits(self, months: list[int]) -> bool:
        return any(self.template.age_min <= m <= self.template.age_max for m in months)


def build_toys(ctx: Context, homes: list[Household], plans: list[VisitPlan]) -> None:
    rng = ctx.stream("toys")
    shelves = _catalogue(ctx, rng, max(30, (len(homes) + 1) // 2))
    lending = _Lending(ctx, rng, shelves, get_int(ctx.session, "loan_days"), plans)
    lending.run()
    lending.ensure_examples()
    _statuses(ctx, rng, shelves)
    _reservations(ctx, rng, shelves, homes)
    for s in shelves:
        last = max(
            [s.toy.acquired_on or ctx.today]
            + [d for loan in s.loans for d in (loan.lent_on, loan.returned_on) if d]
        )
        s.toy.updated_at = utc_of(at_time(last, 16))
    _block_borrowing(ctx, shelves, homes)


def _catalogue(ctx: Context, rng: Stream, count: int) -> list[_Shelf]:
    codes = ctx.session.scalars(select(Toy.inventory_code).where(Toy.house_id == ctx.house.id))
    start = max((code_number(c) for c in codes), default=0) + 1
    templates = list(TOYS)
    rng.shuffle(templates)
    templates += rng.choices(TOYS, k=max(0, count - len(templates)))
    categories = sorted({t.category for t in TOYS})
    shelves = []
    # Inventory codes follow the order the toys came in.
    dates = sorted(
        rng.day_between(ctx.today - dt.timedelta(days=3 * 365), ctx.today - dt.timedelta(days=366))
        if rng.chance(0.7)
        else rng.day_between(ctx.today - dt.timedelta(days=365), ctx.today - dt.timedelta(days=20))
        for _i in range(count)
    )
    for number, (template, acquired) in enumerate(zip(templates, dates, strict=False), start=start):
        old = acquired < ctx.today - dt.timedelta(days=365)
        condition = (
            ToyCondition.NEW
            if not old
            else rng.weighted({ToyCondition.GOOD: 8, ToyCondition.WORN: 2})
        )
        place = categories.index(template.category)
        toy = ctx.new(
            rng,
            Toy,
            acquired,
            inventory_code=toy_code(ctx.house.prefix, number),
            name=template.name,
            description=template.description,
            category=template.category,
            area=template.area,
            age_min_months=template.age_min,
            age_max_months=template.age_max,
            pieces=template.pieces,
            condition=condition,
            status=ToyStatus.AVAILABLE,
            acquired_on=acquired,
            source=rng.weighted(dict(TOY_SOURCES)),
            shelf=SHELF.format(letter=SHELF_LETTERS[place % 4], n=place // 4 + 1),
        )
        shelves.append(_Shelf(toy, template, acquired, template.pieces, condition))
    return shelves


@dataclass
class _Lending:
    ctx: Context
    rng: Stream
    shelves: list[_Shelf]
    loan_days: int
    plans: list[VisitPlan]
    open_loans: Counter[uuid.UUID] = field(default_factory=Counter)

    def run(self) -> None:
        visits_of: dict[uuid.UUID, list[dt.date]] = defaultdict(list)
        for plan in sorted(self.plans, key=lambda p: p.visit.checked_in_at):
            visits_of[plan.home.family.id].append(plan.day)
        for plan in sorted(self.plans, key=lambda p: p.visit.checked_in_at):
            if VisitPurpose.TOY_LIBRARY not in plan.purposes:
                continue
            for _n in range(1 if self.rng.chance(0.75) else 2):
                shelf = self._pick(plan)
                if shelf is None:
                    break
                self._lend(shelf, plan, visits_of[plan.home.family.id])

    def _pick(self, plan: VisitPlan) -> _Shelf | None:
        if self.open_loans[plan.home.family.id] >= _FAMILY_OPEN_LIMIT:
            return None
        free = [s for s in self.shelves if s.free_from <= plan.day]
        months = [
            months_old(c.birth_date, plan.day)
            for c in plan.home.present_on(plan.day, plan.home.children)
        ]
        suitable = [s for s in free if s.suits(months)]
        return self.rng.choice(suitable or free) if free else None

    def _lend(self, shelf: _Shelf, plan: VisitPlan, visits: list[dt.date]) -> None:
        rng, today = self.rng, self.ctx.today
        later = [d for d in visits if d > plan.day + dt.timedelta(days=4)]
        back: dt.date | None = None
        if not rng.chance(0.02):  # a few keep a toy and stop coming
            back = later[1] if len(later) > 1 and rng.chance(0.15) else later[0] if later else None
            if back is None or (back - plan.day).days > 40 and rng.chance(0.7):
                back = plan.day + dt.timedelta(days=rng.randint(8, 35))  # came just for it
            if back > today:
                back = None
        due = due_date(plan.day, self.loan_days)  # the desk's rule: off weekends and holidays
        missing = 0
        if back and shelf.pieces > 3 and rng.chance(0.03):
            missing = rng.randint(1, 2)
        condition = shelf.condition
        if back and rng.chance(0.07):
            condition = _WORSE.get(condition, condition)
        loan = self.ctx.new(
            rng,
            Loan,
            plan.visit.checked_in_at,
            changed=back,
            toy_id=shelf.toy.id,
            family_id=plan.home.family.id,
            person_id=plan.adult.id,
            lent_on=plan.day,
            due_on=due,
            returned_on=back,
            pieces_out=shelf.pieces,
            pieces_missing=missing,
            return_condition=condition if back else None,
            note=LOAN_MISSING_NOTE if missing else "",
        )
        shelf.loans.append(loan)
        if back is None:
            shelf.free_from = dt.date.max
            self.open_loans[plan.home.family.id] += 1
        else:
            shelf.pieces -= missing
            shelf.condition = condition
            shelf.free_from = back + dt.timedelta(days=1)
            if condition == ToyCondition.NEEDS_REPAIR:  # mended, then back on the shelf
                shelf.free_from += dt.timedelta(days=rng.randint(10, 30))
                shelf.condition = ToyCondition.WORN
        self._reminders(loan, back or today)

    def _reminders(self, loan: Loan, until: dt.date) -> None:
        """Calls to families who kept a toy past its due date."""
        first, last = loan.due_on + dt.timedelta(days=1), until - dt.timedelta(days=1)
        if last < first or not self.rng.chance(0.6):
            return
        for _n in range(1 if self.rng.chance(0.7) else 2):
            day = self.rng.day_between(first, last)
            self.ctx.new(
                self.rng,
                LoanReminder,
                at_time(day, 11),
                loan_id=loan.id,
                called_on=day,
                note=self.rng.choice(REMINDER_NOTES),
            )

    def ensure_examples(self) -> None:
        """Even a small demo shows an overdue loan and a toy that came back incomplete."""
        today = self.ctx.today
        last_loans = [
            s
            for s in self.shelves
            if s.loans and s.loans[-1].returned_on and s.loans[-1].due_on < today
        ]
        overdue = [s for s in self.shelves if s.open_loan and s.open_loan.due_on < today]
        if not overdue and last_loans:
            shelf = min(last_loans, key=lambda s: s.loans[-1].lent_on)
            loan = shelf.loans[-1]
            loan.returned_on, loan.return_condition = None, None
            shelf.pieces += loan.pieces_missing
            loan.pieces_missing, loan.note = 0, ""
            loan.updated_at = loan.created_at
            self._reminders(loan, today)
        if not any(loan.pieces_missing for s in self.shelves for loan in s.loans):
            multi = [
                s for s in self.shelves if s.loans and s.loans[-1].returned_on and s.pieces > 3
            ]
            if multi:
                shelf = multi[-1]
                shelf.loans[-1].pieces_missing, shelf.loans[-1].note = 1, LOAN_MISSING_NOTE
                shelf.pieces -= 1


def _statuses(ctx: Context, rng: Stream, shelves: list[_Shelf]) -> None:
    """Lent with an open loan; in repair, lost or retired for a few; available otherwise."""
    for s in shelves:
        s.toy.pieces, s.toy.condition = s.pieces, s.condition
        if s.open_loan:
            s.toy.status = ToyStatus.LENT
        elif s.free_from > ctx.today:
            s.toy.status, s.toy.condition = ToyStatus.IN_REPAIR, ToyCondition.NEEDS_REPAIR
    few = max(1, len(shelves) // 40)
    in_repair = any(s.toy.status == ToyStatus.IN_REPAIR for s in shelves)
    fates = (
        [ToyStatus.IN_REPAIR] * (0 if in_repair else few)
        + [ToyStatus.LOST] * few
        + [ToyStatus.RETIRED] * few
    )
    idle = [s for s in shelves if s.toy.status == ToyStatus.AVAILABLE]
    for s, fate in zip(rng.sample(idle, min(len(idle), len(fates))), fates, strict=False):
        s.toy.status = fate
        if fate == ToyStatus.IN_REPAIR:
            s.toy.condition = ToyCondition.NEEDS_REPAIR
            if s.loans:
                s.loans[-1].return_condition = ToyCondition.NEEDS_REPAIR
        elif fate == ToyStatus.RETIRED:
            s.toy.condition = ToyCondition.WORN


def _reservations(ctx: Context, rng: Stream, shelves: list[_Shelf], homes: list[Household]) -> None:
    """Families waiting for lent toys, and one returned toy kept aside for a family."""
    today, families = ctx.today, [h.family.id for h in homes]
    lent = [s for s in shelves if s.toy.status == ToyStatus.LENT]
    for s in rng.sample(lent, min(len(lent), max(2, len(shelves) // 25))):
        loan = s.open_loan
        assert loan is not None
        others = [f for f in families if f != loan.family_id] or families
        day = rng.day_between(min(today, loan.lent_on + dt.timedelta(days=1)), today)
        ctx.new(
            rng, Reservation, day, toy_id=s.toy.id, family_id=rng.choice(others), reserved_on=day
        )
    available = [s for s in shelves if s.toy.status == ToyStatus.AVAILABLE]
    if available:
        s = rng.choice(available)
        s.toy.status = ToyStatus.RESERVED
        day = today - dt.timedelta(days=rng.randint(0, 3))
        ctx.new(
            rng, Reservation, day, toy_id=s.toy.id, family_id=rng.choice(families), reserved_on=day
        )
    _past_reservations(ctx, rng, shelves, families)


def _past_reservations(
    ctx: Context, rng: Stream, shelves: list[_Shelf], families: list[uuid.UUID]
) -> None:
    """Reservations that ended: fulfilled by a loan, or cancelled."""
    acquired = {s.toy.id: s.toy.acquired_on for s in shelves}
    returned = [loan for s in shelves for loan in s.loans if loan.returned_on]
    for loan in rng.sample(returned, min(len(returned), max(2, len(returned) // 20))):
        day = loan.lent_on - dt.timedelta(days=rng.randint(2, 12))
        day = max(acquired[loan.toy_id] or day, day)
        ctx.new(
            rng,
            Reservation,
            day,
            changed=loan.lent_on,
            toy_id=loan.toy_id,
            family_id=loan.family_id,
            reserved_on=day,
            fulfilled_on=loan.lent_on,
        )
    for s in rng.sample(shelves, min(len(shelves), 3)):
        day = rng.day_between(s.toy.acquired_on or ctx.today, ctx.today - dt.timedelta(days=5))
        cancelled = day + dt.timedelta(days=rng.randint(1, 5))
        ctx.new(
            rng,
            Reservation,
            day,
            changed=cancelled,
            toy_id=s.toy.id,
            family_id=rng.choice(families),
            reserved_on=day,
            cancelled_on=cancelled,
        )


def _block_borrowing(ctx: Context, shelves: list[_Shelf], homes: list[Household]) -> None:
    """Families who have kept a toy for over two months may not borrow until it is back."""
    late = {
        s.open_loan.family_id
        for s in shelves
        if s.open_loan and s.open_loan.due_on < ctx.today - dt.timedelta(days=60)
    }
    for home in homes:
        if home.family.id in late:
            home.family.borrowing_blocked = True
