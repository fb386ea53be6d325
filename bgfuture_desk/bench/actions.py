"""The single actions of the desk, timed through the services as the screens call them:
a check-in, lending a toy, its return, saving a group's attendance.

Each repetition acts on other records (another family, another toy), as a morning at the
desk does; only the service call itself is timed.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from functools import partial

from sqlalchemy import select

from bgfuture_desk.db.models import Attendance, Family, Loan, Meeting, Person, Toy
from bgfuture_desk.domain.vocab import AttendanceStatus, SessionStatus, ToyStatus
from bgfuture_desk.services.groups.attendance import record_attendance
from bgfuture_desk.services.toys.lending import lend_toys
from bgfuture_desk.services.toys.returns import return_toy
from bgfuture_desk.services.unit import Database
from bgfuture_desk.services.visits.service import check_in


def _time(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _families(db: Database, n: int) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """(family, first member) of ``n`` live families without a loan out."""
    with db.read() as session:
        out = select(Loan.family_id).where(Loan.returned_on.is_(None), Loan.deleted_at.is_(None))
        query = (
            select(Family.id, Person.id)
            .join(Person, Person.family_id == Family.id)
            .where(
                Family.archived_at.is_(None),
                Family.merged_into_id.is_(None),
                Family.borrowing_blocked.is_(False),
                Family.id.not_in(out),
                Person.deleted_at.is_(None),
            )
            .order_by(Family.code, Person.id)
        )
        chosen: dict[uuid.UUID, uuid.UUID] = {}
        for family_id, person_id in session.execute(query):
            chosen.setdefault(family_id, person_id)
            if len(chosen) >= n:
                break
    return list(chosen.items())


def measure(db: Database, n: int) -> dict[str, list[float]]:
    """Seconds per call of each action, ``n`` calls each."""
    actor = db.signed_in
    if actor is None:
        raise ValueError("sign a user in first")
    families = _families(db, n)
    with db.read() as session:
        toys = list(
            session.scalars(
                select(Toy.inventory_code)
                .where(Toy.status == ToyStatus.AVAILABLE, Toy.deleted_at.is_(None))
                .order_by(Toy.inventory_code)
                .limit(n)
            )
        )
        meeting_id = session.scalars(
            select(Meeting.id)
            .where(Meeting.status == SessionStatus.HELD, Meeting.deleted_at.is_(None))
            .order_by(Meeting.starts_at.desc())
        ).first()
        marks = (
            dict(
                session.execute(
                    select(Attendance.person_id, Attendance.status).where(
                        Attendance.session_id == meeting_id, Attendance.deleted_at.is_(None)
                    )
                ).all()
            )
            if meeting_id
            else {}
        )
    times: dict[str, list[float]] = {"checkin_ms": [], "lend_ms": [], "return_ms": []}
    for family_id, person_id in families:
        visit = partial(
            check_in, db, actor, family_id=family_id, person_ids=[person_id],
            purposes=["consultation"],
        )
        times["checkin_ms"].append(_time(visit))
    loans = []
    for (family_id, _person), code in zip(families, toys, strict=False):
        started = time.perf_counter()
        lent = lend_toys(db, actor, family_id, [code])
        times["lend_ms"].append(time.perf_counter() - started)
        loans.append(lent[0].id)
    for loan_id in loans:
        times["return_ms"].append(_time(partial(return_toy, db, actor, loan_id)))
    times["attendance_ms"] = []
    if meeting_id is not None and marks:
        person = next(iter(marks))
        for n_call in range(n):
            status = AttendanceStatus.ABSENT if n_call % 2 else AttendanceStatus.PRESENT
            change: dict[uuid.UUID, str | None] = {person: status}
            times["attendance_ms"].append(
                _time(partial(record_attendance, db, actor, meeting_id, change))
            )
    return times
