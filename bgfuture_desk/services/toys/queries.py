"""The toy library's read side: toys as plain views for the screens and printouts (loans are
in ``toys_loans``).

Views are built in batches (a catalogue of hundreds of toys is a handful of queries, not one
per row). "Today" is the database's clock (``db.clock``), for every toy module.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import Family, House, Loan, Reservation, Toy
from bgfuture_desk.domain import toys as rules
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.vocab import DevelopmentalArea, ToyCondition, ToyStatus
from bgfuture_desk.errors import NotFoundError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.unit import Database, needs


@dataclass(frozen=True)
class ToyView:
    id: uuid.UUID
    inventory_code: str
    name: str
    description: str
    category: str
    area: str
    area_label: str
    age_min_months: int
    age_max_months: int
    age_label: str
    pieces: int
    condition: str
    condition_label: str
    status: str
    status_label: str
    shelf: str
    acquired_on: dt.date | None
    source: str
    photo_path: str  # absolute path of the copied photo, or ""
    open_loan_id: uuid.UUID | None
    due_on: dt.date | None
    borrower_family_code: str | None
    reserved_for_family_code: str | None
    times_lent: int
    reserved_for_family_id: uuid.UUID | None = None
    borrower_family_id: uuid.UUID | None = None


@dataclass(frozen=True)
class ToyListRow:
    """``list toys --json``."""

    id: uuid.UUID
    inventory_code: str
    name: str
    status: str
    age_min_months: int
    age_max_months: int
    pieces: int
    house: str


# ---- records ----


def live_toy(session: Session, toy_id: uuid.UUID) -> Toy:
    toy = session.get(Toy, toy_id)
    if toy is None or toy.deleted_at is not None:
        raise NotFoundError(_("No such toy."))
    return toy


def no_such_code(code: str) -> NotFoundError:
    return NotFoundError(_("There is no toy with the code {code}.").format(code=code.strip()))


def toy_with_code(session: Session, code: str) -> Toy:
    """The toy a code names, typed or scanned in any of its spellings."""
    wanted = rules.canonical_toy_code(code)
    toy = None
    if wanted is not None:
        query = select(Toy).where(Toy.inventory_code == wanted, Toy.deleted_at.is_(None))
        toy = session.scalars(query.order_by(Toy.created_at)).first()
    if toy is None:
        raise no_such_code(code)
    return toy


def open_loan_of(session: Session, toy_id: uuid.UUID) -> Loan | None:
    query = select(Loan).where(
        Loan.toy_id == toy_id, Loan.returned_on.is_(None), Loan.deleted_at.is_(None)
    )
    return session.scalars(query.order_by(Loan.lent_on.desc())).first()


def open_reservation_of(session: Session, toy_id: uuid.UUID) -> Reservation | None:
    """The reservation a toy is kept for (the earliest, should there be several)."""
    query = select(Reservation).where(
        Reservation.toy_id == toy_id,
        Reservation.fulfilled_on.is_(None),
        Reservation.cancelled_on.is_(None),
        Reservation.deleted_at.is_(None),
    )
    return session.scalars(query.order_by(Reservation.reserved_on, Reservation.created_at)).first()


@needs(Permission.TOYS)
def photo_file(db: Database, stored: str) -> str:
    """The absolute path of a photo stored relative to the database's folder."""
    if not stored or db.path is None:
        return ""
    return str(Path(db.path).resolve().parent / stored)


# ---- toys ----


def toy_views(db: Database, session: Session, toys: Sequence[Toy]) -> list[ToyView]:
    """Views of many toys: their open loans, reservations and loan counts in three queries."""
    ids = [t.id for t in toys]
    if not ids:
        return []
    live = Loan.deleted_at.is_(None)
    open_query = select(Loan).where(Loan.toy_id.in_(ids), Loan.returned_on.is_(None), live)
    open_loans = {loan.toy_id: loan for loan in session.scalars(open_query)}
    count_query = (
        select(Loan.toy_id, func.count()).where(Loan.toy_id.in_(ids), live).group_by(Loan.toy_id)
    )
    counts = dict(session.execute(count_query).all())
    res_query = select(Reservation).where(
        Reservation.toy_id.in_(ids),
        Reservation.fulfilled_on.is_(None),
        Reservation.cancelled_on.is_(None),
        Reservation.deleted_at.is_(None),
    )
    reservations: dict[uuid.UUID, Reservation] = {}
    for r in session.scalars(res_query.order_by(Reservation.reserved_on.desc())):
        reservations[r.toy_id] = r  # the earliest wins
    family_ids = {loan.family_id for loan in open_loans.values()}
    family_ids |= {r.family_id for r in reservations.values()}
    codes = dict(
        session.execute(select(Family.id, Family.code).where(Family.id.in_(family_ids))).all()
    )
    return [
        _toy_view(db, t, open_loans.get(t.id), reservations.get(t.id), counts, codes) for t in toys
    ]


def _toy_view(
    db: Database,
    toy: Toy,
    loan: Loan | None,
    reservation: Reservation | None,
    counts: dict[uuid.UUID, int],
    codes: dict[uuid.UUID, str],
) -> ToyView:
    return ToyView(
        id=toy.id,
        inventory_code=toy.inventory_code,
        name=toy.name,
        description=toy.description,
        category=toy.category,
        area=toy.area,
        area_label=DevelopmentalArea(toy.area).label if toy.area else "",
        age_min_months=toy.age_min_months,
        age_max_months=toy.age_max_months,
        age_label=rules.age_range_label(toy.age_min_months, toy.age_max_months),
        pieces=toy.pieces,
        condition=toy.condition,
        condition_label=ToyCondition(toy.condition).label,
        status=toy.status,
        status_label=ToyStatus(toy.status).label,
        shelf=toy.shelf,
        acquired_on=toy.acquired_on,
        source=toy.source,
        photo_path=photo_file(db, toy.photo_path),
        open_loan_id=loan.id if loan else None,
        due_on=loan.due_on if loan else None,
        borrower_family_code=codes.get(loan.family_id) if loan else None,
        reserved_for_family_code=codes.get(reservation.family_id) if reservation else None,
        times_lent=counts.get(toy.id, 0),
        reserved_for_family_id=reservation.family_id if reservation else None,
        borrower_family_id=loan.family_id if loan else None,
    )


def toy_view(db: Database, session: Session, toy: Toy) -> ToyView:
    return toy_views(db, session, [toy])[0]


@needs(Permission.TOYS)
def get_toy(db: Database, toy_id: uuid.UUID) -> ToyView:
    with db.read() as session:
        return toy_view(db, session, live_toy(session, toy_id))


@needs(Permission.TOYS)
def toy_by_code(db: Database, code: str) -> ToyView:
    """The toy on a label: "KRN-T-0107", "krn-t-107" or typed on a Bulgarian keyboard."""
    with db.read() as session:
        return toy_view(db, session, toy_with_code(session, code))


@needs(Permission.TOYS)
def list_toys(
    db: Database,
    *,
    text: str = "",
    age_months: int | None = None,
    area: str | None = None,
    status: str | None = None,
) -> list[ToyView]:
    """The catalogue in code order, filtered by a name or code, a child's age, an area and a
    status (all optional)."""
    query = select(Toy).where(Toy.deleted_at.is_(None)).order_by(Toy.inventory_code)
    if area:
        query = query.where(Toy.area == area)
    if status:
        query = query.where(Toy.status == status)
    if age_months is not None:
        query = query.where(Toy.age_min_months <= age_months, Toy.age_max_months >= age_months)
    with db.read() as session:
        toys = list(session.scalars(query))
        if text.strip():
            toys = [
                t
                for t in toys
                if rules.matches(text, rules.toy_search_key(t.name, t.category, t.inventory_code))
            ]
        return toy_views(db, session, toys)


# ---- the command line ----


@needs(Permission.TOYS)
def list_toys_rows(db: Database) -> list[ToyListRow]:
    query = (
        select(Toy, House.code)
        .join(House, House.id == Toy.house_id)
        .where(Toy.deleted_at.is_(None))
        .order_by(House.code, Toy.inventory_code)
    )
    with db.read() as session:
        return [
            ToyListRow(
                t.id,
                t.inventory_code,
                t.name,
                t.status,
                t.age_min_months,
                t.age_max_months,
                t.pieces,
                house,
            )
            for t, house in session.execute(query)
        ]
