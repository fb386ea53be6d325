"""The toy library's read side of loans: open loans, a toy's and a family's history, the
overdue call list, with the families' names and phones gathered in batches."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import Family, House, Loan, LoanReminder, Person, Toy
from bgfuture_desk.domain import toys as rules
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.phones import format_phone
from bgfuture_desk.errors import NotFoundError, UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.families.queries import FamilyView, person_view
from bgfuture_desk.services.families.queries import _member_order as member_order
from bgfuture_desk.services.toys import queries as q
from bgfuture_desk.services.unit import Database, clock_of, needs


@dataclass(frozen=True)
class ReminderView:
    id: uuid.UUID
    called_on: dt.date
    note: str


@dataclass(frozen=True)
class LoanView:
    id: uuid.UUID
    toy_id: uuid.UUID
    toy_code: str
    toy_name: str
    family_id: uuid.UUID
    family_code: str
    family_title: str  # „KRN-0042 · Иванови · гр. Крън“
    person_id: uuid.UUID | None
    lent_on: dt.date
    due_on: dt.date
    returned_on: dt.date | None
    pieces_out: int
    pieces_missing: int
    return_condition: str | None
    overdue: bool
    days_overdue: int
    phone: str  # the family's phone as people write it, "" when none
    reminders: tuple[ReminderView, ...]
    person_name: str = ""
    note: str = ""
    lost: bool = False  # closed as lost: nothing came back

    @property
    def is_open(self) -> bool:
        return self.returned_on is None


@dataclass(frozen=True)
class LoanListRow:
    """``list loans --json``."""

    id: uuid.UUID
    toy_code: str
    family_code: str
    lent_on: dt.date
    due_on: dt.date
    returned_on: dt.date | None
    overdue: bool
    house: str


# ---- families, in batches ----


def families_by_id(session: Session, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, FamilyView]:
    """Family views (code, title, phone) for many families in two queries."""
    wanted = set(ids)
    if not wanted:
        return {}
    families = session.scalars(select(Family).where(Family.id.in_(wanted))).all()
    people: dict[uuid.UUID, list[Person]] = defaultdict(list)
    query = select(Person).where(Person.family_id.in_(wanted), Person.deleted_at.is_(None))
    for person in session.scalars(query):
        people[person.family_id].append(person)  # type: ignore[index]
    views = {}
    for f in families:
        day = clock_of(session).today()
        members = sorted((person_view(p, f.code, day) for p in people[f.id]), key=member_order)
        views[f.id] = FamilyView(
            id=f.id,
            code=f.code,
            settlement=f.settlement,
            address=f.address,
            phone=f.phone,
            phone2=f.phone2,
            notes=f.notes,
            archived=f.archived_at is not None,
            borrowing_blocked=f.borrowing_blocked,
            members=tuple(members),
            merged_into_id=f.merged_into_id,
        )
    return views


def family_phone(family: FamilyView | None) -> str:
    if family is None:
        return ""
    number = family.contact_phone
    return format_phone(number) if number else ""


# ---- loans ----


def loan_views(
    session: Session, loans: Sequence[Loan], on: dt.date | None = None
) -> list[LoanView]:
    """Views of many loans with their toys, families and reminders in four queries."""
    if not loans:
        return []
    day = on or clock_of(session).today()
    ids = [loan.id for loan in loans]
    toy_query = select(Toy).where(Toy.id.in_({loan.toy_id for loan in loans}))
    toys = {t.id: t for t in session.scalars(toy_query)}
    families = families_by_id(session, {loan.family_id for loan in loans})
    reminders: dict[uuid.UUID, list[ReminderView]] = defaultdict(list)
    query = (
        select(LoanReminder)
        .where(LoanReminder.loan_id.in_(ids), LoanReminder.deleted_at.is_(None))
        .order_by(LoanReminder.called_on, LoanReminder.created_at)
    )
    for r in session.scalars(query):
        reminders[r.loan_id].append(ReminderView(r.id, r.called_on, r.note))
    return [
        _loan_view(loan, toys[loan.toy_id], families.get(loan.family_id), reminders, day)
        for loan in loans
    ]


def _loan_view(
    loan: Loan,
    toy: Toy,
    family: FamilyView | None,
    reminders: dict[uuid.UUID, list[ReminderView]],
    day: dt.date,
) -> LoanView:
    late = rules.days_overdue(loan.due_on, day) if loan.returned_on is None else 0
    person = next((m for m in family.members if m.id == loan.person_id), None) if family else None
    return LoanView(
        id=loan.id,
        toy_id=loan.toy_id,
        toy_code=toy.inventory_code,
        toy_name=toy.name,
        family_id=loan.family_id,
        family_code=family.code if family else "",
        family_title=family.title if family else "",
        person_id=loan.person_id,
        lent_on=loan.lent_on,
        due_on=loan.due_on,
        returned_on=loan.returned_on,
        pieces_out=loan.pieces_out,
        pieces_missing=loan.pieces_missing,
        return_condition=loan.return_condition,
        overdue=late > 0,
        days_overdue=late,
        phone=family_phone(family),
        reminders=tuple(reminders.get(loan.id, ())),
        person_name=person.full_name if person else "",
        note=loan.note,
        lost=loan.returned_on is not None and loan.pieces_missing >= loan.pieces_out > 0,
    )


def loan_view(session: Session, loan: Loan) -> LoanView:
    return loan_views(session, [loan])[0]


def live_loan(session: Session, loan_id: uuid.UUID) -> Loan:
    loan = session.get(Loan, loan_id)
    if loan is None or loan.deleted_at is not None:
        raise NotFoundError(_("No such loan."))
    return loan


@needs(Permission.TOYS)
def get_loan(db: Database, loan_id: uuid.UUID) -> LoanView:
    with db.read() as session:
        return loan_view(session, live_loan(session, loan_id))


@needs(Permission.TOYS)
def open_loan_for_toy(db: Database, toy_code: str) -> LoanView:
    """What scanning a toy at the return shows: its open loan."""
    with db.read() as session:
        toy = q.toy_with_code(session, toy_code)
        loan = q.open_loan_of(session, toy.id)
        if loan is None:
            raise UserError(
                _("The toy is not lent: {code} · {name}.").format(
                    code=toy.inventory_code, name=toy.name
                )
            )
        return loan_view(session, loan)


def _loans(db: Database, *where: ColumnElement[bool], newest_first: bool = True) -> list[LoanView]:
    order = (Loan.lent_on.desc(), Loan.created_at.desc()) if newest_first else (Loan.lent_on,)
    query = select(Loan).where(Loan.deleted_at.is_(None), *where).order_by(*order)
    with db.read() as session:
        return loan_views(session, list(session.scalars(query)))


@needs(Permission.TOYS)
def toy_history(db: Database, toy_id: uuid.UUID) -> list[LoanView]:
    """Every loan of a toy, the newest first."""
    return _loans(db, Loan.toy_id == toy_id)


@needs(Permission.TOYS)
def family_loans(db: Database, family_id: uuid.UUID) -> list[LoanView]:
    """Every loan of a family, the newest first."""
    return _loans(db, Loan.family_id == family_id)


@needs(Permission.TOYS)
def open_loans(db: Database, family_id: uuid.UUID | None = None) -> list[LoanView]:
    """Toys out now (of one family, or all), the longest out first."""
    where: list[ColumnElement[bool]] = [Loan.returned_on.is_(None)]
    if family_id is not None:
        where.append(Loan.family_id == family_id)
    return _loans(db, *where, newest_first=False)


@needs(Permission.TOYS)
def overdue_loans(db: Database, today: dt.date | None = None) -> list[LoanView]:
    """The call list: open loans past their due date, the most overdue first."""
    day = today or db.clock.today()
    query = select(Loan).where(
        Loan.deleted_at.is_(None), Loan.returned_on.is_(None), Loan.due_on < day
    )
    with db.read() as session:
        views = loan_views(session, list(session.scalars(query)), day)
    return sorted(views, key=lambda v: (-v.days_overdue, v.family_code, v.toy_code))


@needs(Permission.TOYS)
def list_loans_rows(db: Database, on: dt.date | None = None) -> list[LoanListRow]:
    day = on or db.clock.today()
    query = (
        select(Loan, Toy.inventory_code, Family.code, House.code)
        .join(Toy, Toy.id == Loan.toy_id)
        .join(Family, Family.id == Loan.family_id)
        .join(House, House.id == Loan.house_id)
        .where(Loan.deleted_at.is_(None))
        .order_by(House.code, Loan.lent_on, Toy.inventory_code)
    )
    with db.read() as session:
        return [
            LoanListRow(
                loan.id,
                toy,
                family,
                loan.lent_on,
                loan.due_on,
                loan.returned_on,
                loan.returned_on is None and loan.due_on < day,
                house,
            )
            for loan, toy, family, house in session.execute(query)
        ]
