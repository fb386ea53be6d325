"""The toy library in numbers: loans and returns per month, overdue toys, most and never
borrowed toys (the coordinator's monthly indicators and the librarian's shelf decisions)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select

from bgfuture_desk.db.models import Loan, Toy
from bgfuture_desk.domain.months import Month, MonthError
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.vocab import ToyStatus
from bgfuture_desk.errors import UserError
from bgfuture_desk.services.unit import Database, needs

TOP = 10


@dataclass(frozen=True)
class ToyCount:
    toy_id: uuid.UUID
    inventory_code: str
    name: str
    count: int


@dataclass(frozen=True)
class LoanNumbers:
    month: str  # "2026-11"
    loans: int  # toys lent in the month
    returns: int  # toys returned in the month
    families: int  # families that borrowed in the month
    returned_incomplete: int  # returns with missing pieces (or lost)
    overdue: int  # open at the month's end, past their due date
    most_borrowed: tuple[ToyCount, ...]  # in the month, the most lent first (at most 10)
    never_borrowed: tuple[ToyCount, ...]  # on the shelf at the month's end, never lent by then


@dataclass(frozen=True)
class MonthCount:
    month: str
    loans: int
    returns: int


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """First and last day of "YYYY-MM"; a Bulgarian error for anything else."""
    try:
        parsed = Month.parse(month)
    except MonthError as err:
        raise UserError(str(err)) from None
    return parsed.first_day, parsed.last_day


def _month_of(day: dt.date) -> str:
    return str(Month.of(day))


@needs(Permission.REPORTS)
def loan_numbers(db: Database, month: str) -> LoanNumbers:
    first, last = month_bounds(month)
    with db.read() as session:
        loans = list(
            session.scalars(select(Loan).where(Loan.deleted_at.is_(None), Loan.lent_on <= last))
        )
        toys = list(session.scalars(select(Toy).where(Toy.deleted_at.is_(None))))
    in_month = [loan for loan in loans if loan.lent_on >= first]
    returned = [loan for loan in loans if loan.returned_on and first <= loan.returned_on <= last]
    # Overdue at the month's end, or today while the month is still running.
    cutoff = min(last, db.clock.today())
    overdue = [
        loan
        for loan in loans
        if loan.due_on < cutoff and (loan.returned_on is None or loan.returned_on > cutoff)
    ]
    by_id = {t.id: t for t in toys}
    counts = Counter(loan.toy_id for loan in in_month if loan.toy_id in by_id)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], by_id[kv[0]].inventory_code))[:TOP]
    ever = {loan.toy_id for loan in loans}
    never = [
        t
        for t in toys
        if t.id not in ever
        and (t.acquired_on is None or t.acquired_on <= last)
        and t.status not in (ToyStatus.LOST, ToyStatus.RETIRED)
    ]
    return LoanNumbers(
        month=_month_of(first),
        loans=len(in_month),
        returns=len(returned),
        families=len({loan.family_id for loan in in_month}),
        returned_incomplete=sum(1 for loan in returned if loan.pieces_missing),
        overdue=len(overdue),
        most_borrowed=tuple(ToyCount(i, by_id[i].inventory_code, by_id[i].name, n) for i, n in top),
        never_borrowed=tuple(
            ToyCount(t.id, t.inventory_code, t.name, 0)
            for t in sorted(never, key=lambda t: t.inventory_code)
        ),
    )


@needs(Permission.REPORTS)
def loans_per_month(
    db: Database, months: int = 12, until: dt.date | None = None
) -> list[MonthCount]:
    """Loans and returns of the last ``months`` months up to ``until``'s month, oldest first."""
    end = until or db.clock.today()
    keys = []
    year, month = end.year, end.month
    for _i in range(months):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    keys.reverse()
    with db.read() as session:
        rows = session.execute(
            select(Loan.lent_on, Loan.returned_on).where(Loan.deleted_at.is_(None))
        )
        lent: Counter[str] = Counter()
        back: Counter[str] = Counter()
        for lent_on, returned_on in rows:
            lent[_month_of(lent_on)] += 1
            if returned_on:
                back[_month_of(returned_on)] += 1
    return [MonthCount(k, lent[k], back[k]) for k in keys]
