"""Lending at the desk: what the desk is told while scanning, the loan itself, suggestions,
and an administrator's block on a family's borrowing.

The rules of a refusal and of a warning live in one place (``_refusal`` and ``_warnings``),
so the check made on each scan and the lending of the whole basket cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import Family, Loan, Person, Toy
from bgfuture_desk.domain import toys as rules
from bgfuture_desk.domain.people import age_months
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.vocab import ToyStatus
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _, format_date, ngettext
from bgfuture_desk.services.families.queries import (
    FamilyView,
    family_view,
    live_family,
    resolve_merged,
)
from bgfuture_desk.services.house.settings import get_int
from bgfuture_desk.services.toys import loans as loans_q
from bgfuture_desk.services.toys import queries as q
from bgfuture_desk.services.toys.loans import LoanView
from bgfuture_desk.services.toys.queries import ToyView
from bgfuture_desk.services.unit import Actor, Database, guarded, needs, require

MAX_DAYS_BACK = 366  # a loan forgotten at the desk is entered within the year


@dataclass(frozen=True)
class LendCheck:
    """What the desk is told when a toy is scanned for a family."""

    toy: ToyView
    warnings: tuple[str, ...]  # lending may go on (an administrator for ``limit_reached``)
    blocked: bool  # a refusal: ``message`` says why
    message: str
    limit_reached: bool = False  # one more toy passes the family's limit


@dataclass(frozen=True)
class _Borrower:
    """A family as lending sees it, on the day of the loan."""

    family: Family
    view: FamilyView
    open_loans: int
    overdue: tuple[tuple[str, int], ...]  # (toy code, days overdue)
    children_months: tuple[int, ...]
    limit: int


def _borrower(session: Session, family_id: uuid.UUID, day: dt.date) -> _Borrower:
    family = live_family(session, family_id)
    if family.merged_into_id is not None:
        target = resolve_merged(session, family)
        raise UserError(_("This family was merged into {code}.").format(code=target.code))
    view = family_view(session, family, today=day)
    query = (
        select(Loan.due_on, Toy.inventory_code)
        .join(Toy, Toy.id == Loan.toy_id)
        .where(Loan.family_id == family.id, Loan.returned_on.is_(None), Loan.deleted_at.is_(None))
        .order_by(Loan.due_on)
    )
    out = session.execute(query).all()
    overdue = tuple((code, rules.days_overdue(due, day)) for due, code in out if due < day)
    months = tuple(
        months
        for m in view.members
        if m.is_child and m.birth_date and m.birth_date <= day
        and (months := age_months(m.birth_date, day)) is not None
    )
    return _Borrower(family, view, len(out), overdue, months, get_int(session, "loan_limit"))


def _refusal(session: Session, who: _Borrower, toy: Toy) -> str | None:
    """Why this toy cannot go to this family now (None when it can)."""
    code = toy.inventory_code
    if who.family.borrowing_blocked:
        return _("An administrator has blocked borrowing for the family {family}.").format(
            family=who.view.code
        )
    if who.family.archived_at is not None:
        return _("The family {family} is archived; bring it back first.").format(
            family=who.view.code
        )
    if toy.status == ToyStatus.LENT:
        loan = q.open_loan_of(session, toy.id)
        if loan is not None:
            holder = session.get(Family, loan.family_id)
            return _("The toy {code} is already lent to {family} until {due}.").format(
                code=code, family=holder.code if holder else "", due=format_date(loan.due_on)
            )
    refused = rules.refusal(toy.status, code)
    if refused:
        return refused
    reservation = q.open_reservation_of(session, toy.id)
    if reservation is not None and reservation.family_id != who.family.id:
        holder = session.get(Family, reservation.family_id)
        return _("The toy {code} is reserved for the family {family}.").format(
            code=code, family=holder.code if holder else ""
        )
    return None


def _age_warning(who: _Borrower, toy: Toy) -> str | None:
    if not who.children_months:
        return None
    if any(rules.fits_age(toy.age_min_months, toy.age_max_months, m) for m in who.children_months):
        return None
    ages = ", ".join(rules.child_age_label(m) for m in sorted(who.children_months))
    return _(
        "The toy is for {range}; none of the family's children is of that age ({ages})."
    ).format(range=rules.age_range_label(toy.age_min_months, toy.age_max_months), ages=ages)


def _warnings(who: _Borrower, toy: Toy, basket: int) -> tuple[list[str], bool]:
    """Warnings the desk reads out; the flag says the limit would be passed."""
    warnings = []
    age = _age_warning(who, toy)
    if age:
        warnings.append(age)
    if who.overdue:
        late = ", ".join(
            ngettext("{code} ({n} day)", "{code} ({n} days)", n).format(code=code, n=n)
            for code, n in who.overdue
        )
        warnings.append(_("The family has overdue toys: {toys}.").format(toys=late))
    over = who.open_loans + basket + 1 > who.limit
    if over:
        warnings.append(limit_message(who, basket))
    return warnings, over


def limit_message(who: _Borrower, basket: int) -> str:
    return _(
        "The family would have {n} toys; the limit is {limit}. Only an administrator may lend more."
    ).format(n=who.open_loans + basket + 1, limit=who.limit)


@needs(Permission.TOYS)
def check_lend(
    db: Database,
    family_id: uuid.UUID,
    toy_code: str,
    on: dt.date | None = None,
    *,
    basket: Sequence[str] = (),
) -> LendCheck:
    """What to tell the desk when a toy is scanned for a family (``basket``: the codes
    already scanned for this loan). An unknown code is a NotFoundError."""
    day = on or db.clock.today()
    with db.read() as session:
        toy = q.toy_with_code(session, toy_code)
        view = q.toy_view(db, session, toy)
        in_basket = {rules.canonical_toy_code(c) for c in basket}
        if toy.inventory_code in in_basket:
            message = _("The toy {code} is already in the basket.").format(code=toy.inventory_code)
            return LendCheck(view, (), True, message)
        who = _borrower(session, family_id, day)
        refused = _refusal(session, who, toy)
        if refused:
            return LendCheck(view, (), True, refused)
        warnings, over = _warnings(who, toy, len(in_basket))
        return LendCheck(view, tuple(warnings), False, "", over)


def _lend_day(lent_on: dt.date | None, day: dt.date) -> dt.date:
    if lent_on is None:
        return day
    if lent_on > day:
        raise UserError(_("A loan cannot start in the future."), "lent_on")
    if lent_on < day - dt.timedelta(days=MAX_DAYS_BACK):
        raise UserError(_("A loan can be entered at most a year back."), "lent_on")
    return lent_on


def _check_past(session: Session, toy: Toy, day: dt.date) -> None:
    """A loan entered later must not overlap the toy's other loans."""
    if toy.acquired_on and toy.acquired_on > day:
        raise UserError(
            _("The toy {code} came to the house only on {date}.").format(
                code=toy.inventory_code, date=format_date(toy.acquired_on)
            )
        )
    query = select(Loan).where(
        Loan.toy_id == toy.id, Loan.deleted_at.is_(None), Loan.returned_on > day
    )
    if session.scalars(query).first() is not None:
        raise UserError(
            _("The toy {code} was with another family on {date}.").format(
                code=toy.inventory_code, date=format_date(day)
            )
        )


def _person(session: Session, family: Family, person_id: uuid.UUID | None) -> uuid.UUID | None:
    if person_id is None:
        return None
    person = session.get(Person, person_id)
    if person is None or person.deleted_at is not None or person.family_id != family.id:
        raise UserError(_("The person who borrows must be a member of the family."), "person_id")
    return person.id


def _basket(session: Session, toy_codes: Sequence[str]) -> list[Toy]:
    """The scanned toys, each once, in the order scanned."""
    toys: dict[uuid.UUID, Toy] = {}
    for code in toy_codes:
        if code.strip():
            toy = q.toy_with_code(session, code)
            toys.setdefault(toy.id, toy)
    if not toys:
        raise UserError(_("Scan at least one toy."))
    return list(toys.values())


@guarded(Permission.TOYS)
def lend_toys(
    db: Database,
    actor: Actor,
    family_id: uuid.UUID,
    toy_codes: Sequence[str],
    *,
    lent_on: dt.date | None = None,
    person_id: uuid.UUID | None = None,
    override_limit: bool = False,
) -> list[LoanView]:
    """Lend a basket of toys in one transaction: every toy goes out, or none.

    ``lent_on`` in the past enters a loan forgotten at the busy desk with its real date (the
    due date counts from it); ``override_limit`` is an administrator's permission to pass
    the family's limit.
    """
    day = _lend_day(lent_on, db.clock.today())
    if override_limit:
        require(db, actor, Permission.LENDING_RULES)
    with db.unit(actor, "lend_toys") as uow:
        session = uow.session
        toys = _basket(session, toy_codes)
        who = _borrower(session, family_id, day)
        for toy in toys:
            refused = _refusal(session, who, toy)
            if refused:
                raise UserError(refused)
            _check_past(session, toy, day)
        if who.open_loans + len(toys) > who.limit and not override_limit:
            raise UserError(limit_message(who, len(toys) - 1))
        due = rules.due_date(day, get_int(session, "loan_days"))
        person = _person(session, who.family, person_id)
        loans = []
        for toy in toys:
            loan = Loan(
                house_id=uow.house().id,
                toy_id=toy.id,
                family_id=who.family.id,
                person_id=person,
                lent_on=day,
                due_on=due,
                pieces_out=toy.pieces,
            )
            session.add(loan)
            loans.append(loan)
            toy.status = ToyStatus.LENT
            reservation = q.open_reservation_of(session, toy.id)
            if reservation is not None:  # it is this family's: _refusal let it through
                reservation.fulfilled_on = day
        session.flush()
        views = loans_q.loan_views(session, loans)
        uow.commit()
        return views


@needs(Permission.TOYS)
def suggest_toys(db: Database, family_id: uuid.UUID, limit: int = 10) -> list[ToyView]:
    """Toys on the shelf that fit a child of the family: those kept for the family first, then
    the ones this family has borrowed least, then the least lent overall."""
    day = db.clock.today()
    with db.read() as session:
        who = _borrower(session, family_id, day)
        if not who.children_months:
            return []
        query = select(Toy).where(
            Toy.deleted_at.is_(None), Toy.status.in_([ToyStatus.AVAILABLE, ToyStatus.RESERVED])
        )
        toys = [
            t
            for t in session.scalars(query)
            if any(
                rules.fits_age(t.age_min_months, t.age_max_months, m) for m in who.children_months
            )
        ]
        views = q.toy_views(db, session, toys)
        mine_query = select(Loan.toy_id).where(
            Loan.family_id == who.family.id, Loan.deleted_at.is_(None)
        )
        mine = Counter(session.scalars(mine_query))
    candidates = [v for v in views if v.reserved_for_family_id in (None, who.family.id)]
    candidates.sort(
        key=lambda v: (
            v.reserved_for_family_id != who.family.id,
            mine[v.id],
            v.times_lent,
            v.inventory_code,
        )
    )
    return candidates[:limit]


@guarded(Permission.LENDING_RULES)
def set_borrowing_blocked(
    db: Database, actor: Actor, family_id: uuid.UUID, blocked: bool
) -> FamilyView:
    """An administrator stops (or allows again) a family's borrowing."""
    with db.unit(actor, "block_borrowing" if blocked else "allow_borrowing") as uow:
        family = live_family(uow.session, family_id)
        family.borrowing_blocked = blocked
        uow.session.flush()
        view = family_view(uow.session, family)
        uow.commit()
        return view
