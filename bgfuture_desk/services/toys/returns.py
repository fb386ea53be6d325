"""Returns at the desk and the calls to families who keep a toy too long.

A return closes one loan (a family may bring back part of what it took), records what came
back and in what state, and turns the toy into налична, запазена (someone waits for it),
в ремонт or изгубена; the desk is told when someone waits.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import Loan, LoanReminder, Reservation, Toy
from bgfuture_desk.domain import toys as rules
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.vocab import ToyCondition
from bgfuture_desk.errors import UserError, ValidationError
from bgfuture_desk.i18n import _, format_date
from bgfuture_desk.services.toys import loans as loans_q
from bgfuture_desk.services.toys import queries as q
from bgfuture_desk.services.toys.loans import LoanView, ReminderView
from bgfuture_desk.services.toys.queries import ToyView
from bgfuture_desk.services.unit import Actor, Database, guarded, needs

MAX_NOTE = 1000


@dataclass(frozen=True)
class ReturnResult:
    loan: LoanView
    toy: ToyView  # налична, запазена, в ремонт or изгубена
    reserved_for: str | None  # „Запазена за KRN-0042 · Иванови, тел. 0888 123 456.“


def _note(note: str) -> str:
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise ValidationError(
            {"note": _("The note is too long: at most {n} characters.").format(n=MAX_NOTE)}
        )
    return note


def _open_loan(session: Session, loan_id: uuid.UUID) -> Loan:
    loan = loans_q.live_loan(session, loan_id)
    if loan.returned_on is not None:
        raise UserError(
            _("This loan was already returned on {date}.").format(
                date=format_date(loan.returned_on)
            )
        )
    return loan


def _return_day(loan: Loan, returned_on: dt.date | None, today: dt.date) -> dt.date:
    day = returned_on or today
    if day > today:
        raise ValidationError({"returned_on": _("A return cannot be in the future.")})
    if day < loan.lent_on:
        raise ValidationError(
            {
                "returned_on": _("The toy was lent on {date}; it cannot come back earlier.").format(
                    date=format_date(loan.lent_on)
                )
            }
        )
    return day


def _check_return(loan: Loan, condition: str, missing: int, lost: bool) -> None:
    errors = {}
    if condition not in {c.value for c in ToyCondition}:
        errors["condition"] = _("Choose the condition of the toy.")
    problem = None if lost else rules.validate_missing(missing, loan.pieces_out)
    if problem:
        errors["pieces_missing"] = problem
    if errors:
        raise ValidationError(errors)


def _waiting_text(session: Session, reservation: Reservation, *, lost: bool) -> str:
    family = loans_q.families_by_id(session, [reservation.family_id]).get(reservation.family_id)
    title = family.title if family else ""
    phone = loans_q.family_phone(family)
    who = _("{family}, phone {phone}").format(family=title, phone=phone) if phone else title
    if lost:
        return _("The reservation of {who} is cancelled: tell them the toy is lost.").format(
            who=who
        )
    return _("Reserved for {who}.").format(who=who)


@guarded(Permission.TOYS)
def return_toy(
    db: Database,
    actor: Actor,
    loan_id: uuid.UUID,
    *,
    returned_on: dt.date | None = None,
    pieces_missing: int = 0,
    condition: str = ToyCondition.GOOD,
    lost: bool = False,
    note: str = "",
) -> ReturnResult:
    """Close a loan: the pieces that did not come back, the state the toy is in (or lost)."""
    text = _note(note)
    with db.unit(actor, "return_toy") as uow:
        session = uow.session
        loan = _open_loan(session, loan_id)
        day = _return_day(loan, returned_on, uow.clock.today())
        _check_return(loan, condition, pieces_missing, lost)
        toy = session.get(Toy, loan.toy_id)
        assert toy is not None
        reservation = q.open_reservation_of(session, toy.id)
        loan.returned_on = day
        if text:
            loan.note = "\n".join(n for n in (loan.note, text) if n)
        if lost:
            loan.pieces_missing, loan.return_condition = loan.pieces_out, None
            if reservation is not None:
                reservation.cancelled_on = day
        else:
            loan.pieces_missing, loan.return_condition = pieces_missing, condition
            toy.pieces = max(1, toy.pieces - pieces_missing)
            toy.condition = condition
        toy.status = rules.status_after_return(
            condition, lost=lost, reserved=reservation is not None
        )
        waiting = _waiting_text(session, reservation, lost=lost) if reservation else None
        session.flush()
        result = ReturnResult(
            loans_q.loan_view(session, loan), q.toy_view(db, session, toy), waiting
        )
        uow.commit()
        return result


@guarded(Permission.TOYS)
def record_reminder(
    db: Database, actor: Actor, loan_id: uuid.UUID, called_on: dt.date, note: str = ""
) -> ReminderView:
    """A call to a family about a toy they keep past its due date."""
    text = _note(note)
    with db.unit(actor, "record_reminder") as uow:
        loan = loans_q.live_loan(uow.session, loan_id)
        if loan.returned_on is not None:
            raise UserError(_("The toy has already been returned."))
        if called_on > uow.clock.today():
            raise ValidationError({"called_on": _("A call cannot be in the future.")})
        if called_on < loan.lent_on:
            raise ValidationError(
                {
                    "called_on": _(
                        "The toy was lent on {date}; the call cannot be earlier."
                    ).format(date=format_date(loan.lent_on))
                }
            )
        reminder = LoanReminder(
            house_id=loan.house_id, loan_id=loan.id, called_on=called_on, note=text
        )
        uow.session.add(reminder)
        uow.session.flush()
        view = ReminderView(reminder.id, reminder.called_on, reminder.note)
        uow.commit()
        return view


@needs(Permission.TOYS)
def reminders_of(db: Database, loan_id: uuid.UUID) -> list[ReminderView]:
    query = (
        select(LoanReminder)
        .where(LoanReminder.loan_id == loan_id, LoanReminder.deleted_at.is_(None))
        .order_by(LoanReminder.called_on, LoanReminder.created_at)
    )
    with db.read() as session:
        return [ReminderView(r.id, r.called_on, r.note) for r in session.scalars(query)]
