"""Reservations: a family waits for a toy that is out (or kept aside on the shelf for it).

One family waits for a toy at a time. A toy on the shelf becomes запазена; a lent one stays
заета and becomes запазена at its return, when the desk is told for whom. The reservation is
fulfilled when that family borrows the toy; nobody else may borrow it meanwhile.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import Family, Reservation, Toy
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.vocab import ToyStatus
from bgfuture_desk.errors import NotFoundError, UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.families.queries import live_family
from bgfuture_desk.services.toys import loans as loans_q
from bgfuture_desk.services.toys import queries as q
from bgfuture_desk.services.unit import Actor, Database, guarded, needs


@dataclass(frozen=True)
class ReservationView:
    id: uuid.UUID
    toy_id: uuid.UUID
    toy_code: str
    toy_name: str
    family_id: uuid.UUID
    family_code: str
    family_title: str
    phone: str
    reserved_on: dt.date
    fulfilled_on: dt.date | None
    cancelled_on: dt.date | None

    @property
    def is_open(self) -> bool:
        return self.fulfilled_on is None and self.cancelled_on is None


def reservation_views(session: Session, rows: Sequence[Reservation]) -> list[ReservationView]:
    toys = {
        t.id: t for t in session.scalars(select(Toy).where(Toy.id.in_({r.toy_id for r in rows})))
    }
    families = loans_q.families_by_id(session, {r.family_id for r in rows})
    views = []
    for r in rows:
        family = families.get(r.family_id)
        toy = toys[r.toy_id]
        views.append(
            ReservationView(
                id=r.id,
                toy_id=r.toy_id,
                toy_code=toy.inventory_code,
                toy_name=toy.name,
                family_id=r.family_id,
                family_code=family.code if family else "",
                family_title=family.title if family else "",
                phone=loans_q.family_phone(family),
                reserved_on=r.reserved_on,
                fulfilled_on=r.fulfilled_on,
                cancelled_on=r.cancelled_on,
            )
        )
    return views


def _family_may_reserve(session: Session, family_id: uuid.UUID) -> Family:
    family = live_family(session, family_id)
    if family.merged_into_id is not None or family.archived_at is not None:
        raise UserError(
            _("The family {family} is archived; bring it back first.").format(family=family.code)
        )
    if family.borrowing_blocked:
        raise UserError(
            _("An administrator has blocked borrowing for the family {family}.").format(
                family=family.code
            )
        )
    return family


def _toy_may_be_reserved(session: Session, toy: Toy, family: Family) -> None:
    code = toy.inventory_code
    if toy.status in (ToyStatus.LOST, ToyStatus.RETIRED):
        raise UserError(
            _("The toy {code} is {status} and cannot be reserved.").format(
                code=code, status=ToyStatus(toy.status).label
            )
        )
    loan = q.open_loan_of(session, toy.id)
    if loan is not None and loan.family_id == family.id:
        raise UserError(_("The family {family} has this toy now.").format(family=family.code))
    waiting = q.open_reservation_of(session, toy.id)
    if waiting is not None:
        holder = session.get(Family, waiting.family_id)
        if waiting.family_id == family.id:
            raise UserError(
                _("The toy {code} is already reserved for this family.").format(code=code)
            )
        raise UserError(
            _("The toy {code} is already reserved for the family {family}.").format(
                code=code, family=holder.code if holder else ""
            )
        )


@guarded(Permission.TOYS)
def reserve_toy(
    db: Database, actor: Actor, toy_id: uuid.UUID, family_id: uuid.UUID
) -> ReservationView:
    """Keep a toy for a family: aside on the shelf now, or when it comes back."""
    with db.unit(actor, "reserve_toy") as uow:
        day = uow.clock.today()
        session = uow.session
        toy = q.live_toy(session, toy_id)
        family = _family_may_reserve(session, family_id)
        _toy_may_be_reserved(session, toy, family)
        reservation = Reservation(
            house_id=toy.house_id, toy_id=toy.id, family_id=family.id, reserved_on=day
        )
        session.add(reservation)
        if toy.status == ToyStatus.AVAILABLE:
            toy.status = ToyStatus.RESERVED
        session.flush()
        view = reservation_views(session, [reservation])[0]
        uow.commit()
        return view


@guarded(Permission.TOYS)
def cancel_reservation(db: Database, actor: Actor, reservation_id: uuid.UUID) -> ReservationView:
    """The family no longer waits; a toy kept aside goes back on the shelf."""
    with db.unit(actor, "cancel_reservation") as uow:
        session = uow.session
        reservation = session.get(Reservation, reservation_id)
        if reservation is None or reservation.deleted_at is not None:
            raise NotFoundError(_("No such reservation."))
        if reservation.fulfilled_on is not None or reservation.cancelled_on is not None:
            raise UserError(_("This reservation has already ended."))
        reservation.cancelled_on = uow.clock.today()
        session.flush()
        toy = session.get(Toy, reservation.toy_id)
        if toy is not None and toy.status == ToyStatus.RESERVED:
            if q.open_reservation_of(session, toy.id) is None:
                toy.status = ToyStatus.AVAILABLE
        view = reservation_views(session, [reservation])[0]
        uow.commit()
        return view


def cancel_open_reservations(session: Session, toy: Toy, day: dt.date) -> None:
    """A toy lost or retired is waited for by nobody."""
    while (reservation := q.open_reservation_of(session, toy.id)) is not None:
        reservation.cancelled_on = day
        session.flush()


def _reservations(
    db: Database, *where: ColumnElement[bool], open_only: bool
) -> list[ReservationView]:
    query = select(Reservation).where(Reservation.deleted_at.is_(None), *where)
    if open_only:
        query = query.where(Reservation.fulfilled_on.is_(None), Reservation.cancelled_on.is_(None))
    query = query.order_by(Reservation.reserved_on.desc(), Reservation.created_at.desc())
    with db.read() as session:
        return reservation_views(session, list(session.scalars(query)))


@needs(Permission.TOYS)
def reservations_for_toy(
    db: Database, toy_id: uuid.UUID, *, open_only: bool = True
) -> list[ReservationView]:
    return _reservations(db, Reservation.toy_id == toy_id, open_only=open_only)


@needs(Permission.TOYS)
def family_reservations(
    db: Database, family_id: uuid.UUID, *, open_only: bool = True
) -> list[ReservationView]:
    return _reservations(db, Reservation.family_id == family_id, open_only=open_only)


@needs(Permission.TOYS)
def open_reservations(db: Database) -> list[ReservationView]:
    """Every family waiting for a toy, the longest waiting first."""
    return list(reversed(_reservations(db, open_only=True)))
