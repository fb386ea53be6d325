"""The toy library: the catalogue's actions here, and everything the screens need from one
import (lending in ``toys_lending``, returns and calls in ``toys_returns``, reservations in
``toys_reservations``, the read side in ``toys_queries``, numbers in ``toys_numbers``).

Each action is one unit of work, so the audit trail names it (``create_toy``,
``set_toy_status`` …).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import House, Toy
from bgfuture_desk.domain import toys as rules
from bgfuture_desk.domain.houses import code_number, toy_code
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.vocab import DevelopmentalArea, ToyCondition, ToyStatus
from bgfuture_desk.errors import UserError, ValidationError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.toys import queries as q
from bgfuture_desk.services.toys.lending import (
    LendCheck,
    check_lend,
    lend_toys,
    set_borrowing_blocked,
    suggest_toys,
)
from bgfuture_desk.services.toys.loans import (
    LoanListRow,
    LoanView,
    ReminderView,
    family_loans,
    get_loan,
    list_loans_rows,
    open_loan_for_toy,
    open_loans,
    overdue_loans,
    toy_history,
)
from bgfuture_desk.services.toys.numbers import (
    LoanNumbers,
    MonthCount,
    ToyCount,
    loan_numbers,
    loans_per_month,
)
from bgfuture_desk.services.toys.queries import (
    ToyListRow,
    ToyView,
    get_toy,
    list_toys,
    list_toys_rows,
    toy_by_code,
)
from bgfuture_desk.services.toys.reservations import (
    ReservationView,
    cancel_open_reservations,
    cancel_reservation,
    family_reservations,
    open_reservations,
    reservations_for_toy,
    reserve_toy,
)
from bgfuture_desk.services.toys.returns import (
    ReturnResult,
    record_reminder,
    reminders_of,
    return_toy,
)
from bgfuture_desk.services.unit import Actor, Database, guarded

__all__ = [
    "LendCheck",
    "LoanListRow",
    "LoanNumbers",
    "LoanView",
    "MonthCount",
    "ReminderView",
    "ReservationView",
    "ReturnResult",
    "ToyCount",
    "ToyInput",
    "ToyListRow",
    "ToyView",
    "cancel_reservation",
    "check_lend",
    "create_toy",
    "family_loans",
    "family_reservations",
    "get_loan",
    "get_toy",
    "lend_toys",
    "list_loans_rows",
    "list_toys",
    "list_toys_rows",
    "loan_numbers",
    "loans_per_month",
    "open_loan_for_toy",
    "open_loans",
    "open_reservations",
    "overdue_loans",
    "record_reminder",
    "reminders_of",
    "remove_toy_photo",
    "reservations_for_toy",
    "reserve_toy",
    "return_toy",
    "set_borrowing_blocked",
    "set_toy_photo",
    "set_toy_status",
    "suggest_toys",
    "toy_by_code",
    "toy_history",
    "update_toy",
    "validate_toy",
]

PHOTO_TYPES = {".jpg": "jpg", ".jpeg": "jpg", ".png": "png"}
PHOTO_MAX_BYTES = 10 * 1024 * 1024
_MAGIC = {"jpg": (b"\xff\xd8\xff",), "png": (b"\x89PNG\r\n\x1a\n",)}
# What set_toy_status may set by hand; заета and запазена come from lending and reserving.
SETTABLE = (ToyStatus.AVAILABLE, ToyStatus.IN_REPAIR, ToyStatus.LOST, ToyStatus.RETIRED)
_LIMITS = {"name": 200, "category": 100, "shelf": 50, "source": 200, "description": 2000}


@dataclass(frozen=True)
class ToyInput:
    name: str
    description: str = ""
    category: str = ""
    area: str = ""
    age_min_months: int = 0
    age_max_months: int = rules.MAX_AGE_MONTHS
    pieces: int = 1
    condition: str = ToyCondition.GOOD
    shelf: str = ""
    acquired_on: dt.date | None = None
    source: str = ""


def _clean(data: ToyInput) -> ToyInput:
    # The one-line fields of _LIMITS lose their runs of spaces; the description keeps its lines.
    return replace(
        data,
        name=_squash(data.name),
        category=_squash(data.category),
        shelf=_squash(data.shelf),
        source=_squash(data.source),
        description=data.description.strip(),
    )


def _squash(text: str) -> str:
    return " ".join(text.split())


def validate_toy(data: ToyInput, today: dt.date) -> dict[str, str]:
    """Field → Bulgarian message for everything wrong with a catalogue form (empty when fine)."""
    data = _clean(data)
    errors: dict[str, str] = {}
    if not data.name:
        errors["name"] = _("Enter the name of the toy.")
    for field, most in _LIMITS.items():
        if field not in errors and len(getattr(data, field)) > most:
            errors[field] = _("Too long: at most {n} characters.").format(n=most)
    if data.area and data.area not in {a.value for a in DevelopmentalArea}:
        errors["area"] = _("Choose a developmental area from the list.")
    errors.update(rules.validate_age_range(data.age_min_months, data.age_max_months))
    pieces = rules.validate_pieces(data.pieces)
    if pieces:
        errors["pieces"] = pieces
    if data.condition not in {c.value for c in ToyCondition}:
        errors["condition"] = _("Choose the condition of the toy.")
    if data.acquired_on and data.acquired_on > today:
        errors["acquired_on"] = _("The date of acquisition cannot be in the future.")
    return errors


def _checked(data: ToyInput, today: dt.date) -> ToyInput:
    errors = validate_toy(data, today)
    if errors:
        raise ValidationError(errors)
    return _clean(data)


def _apply(toy: Toy, data: ToyInput) -> None:
    for field in (
        "name",
        "description",
        "category",
        "area",
        "age_min_months",
        "age_max_months",
        "pieces",
        "condition",
        "shelf",
        "acquired_on",
        "source",
    ):
        setattr(toy, field, getattr(data, field))
    if toy.condition == ToyCondition.NEEDS_REPAIR and toy.status in (
        ToyStatus.AVAILABLE,
        ToyStatus.RESERVED,
    ):
        toy.status = ToyStatus.IN_REPAIR


def _next_code(session: Session, house: House) -> str:
    """The next number the house never gave (tombstoned toys keep theirs)."""
    codes = session.scalars(select(Toy.inventory_code).where(Toy.house_id == house.id))
    highest = max((code_number(c) for c in codes), default=0)
    return toy_code(house.prefix, highest + 1)


@guarded(Permission.TOYS)
def create_toy(db: Database, actor: Actor, data: ToyInput) -> ToyView:
    """A new toy in the catalogue under the house's next code (KRN-T-0108)."""
    clean = _checked(data, db.clock.today())
    with db.unit(actor, "create_toy") as uow:
        house = uow.house()
        toy = Toy(
            house_id=house.id,
            inventory_code=_next_code(uow.session, house),
            status=ToyStatus.AVAILABLE,
        )
        _apply(toy, clean)
        uow.session.add(toy)
        uow.session.flush()
        view = q.toy_view(db, uow.session, toy)
        uow.commit()
        return view


@guarded(Permission.TOYS)
def update_toy(db: Database, actor: Actor, toy_id: uuid.UUID, data: ToyInput) -> ToyView:
    clean = _checked(data, db.clock.today())
    with db.unit(actor, "update_toy") as uow:
        toy = q.live_toy(uow.session, toy_id)
        _apply(toy, clean)
        uow.session.flush()
        view = q.toy_view(db, uow.session, toy)
        uow.commit()
        return view


@guarded(Permission.TOYS)
def set_toy_status(
    db: Database, actor: Actor, toy_id: uuid.UUID, status: str, *, condition: str | None = None
) -> ToyView:
    """Send a toy to repair, back to the shelf, mark it lost or retire it.

    A lent toy changes only through its return; a toy back on the shelf that a family waits
    for becomes запазена; a lost or retired toy is waited for by nobody. A toy back from
    repair is износена unless ``condition`` says otherwise (an undo puts back the one before).
    """
    if status not in {s.value for s in SETTABLE}:
        raise UserError(_("This status comes from lending or reserving, not set by hand."))
    if condition is not None and condition not in {c.value for c in ToyCondition}:
        raise ValidationError({"condition": _("Choose the condition of the toy.")})
    with db.unit(actor, "set_toy_status") as uow:
        session = uow.session
        toy = q.live_toy(session, toy_id)
        if toy.status == ToyStatus.LENT:
            raise UserError(
                _("The toy {code} is lent; record its return first.").format(
                    code=toy.inventory_code
                )
            )
        if status in (ToyStatus.LOST, ToyStatus.RETIRED):
            cancel_open_reservations(session, toy, uow.clock.today())
        if status == ToyStatus.IN_REPAIR:
            toy.condition = ToyCondition.NEEDS_REPAIR
        elif status == ToyStatus.AVAILABLE:
            if condition is not None and condition != ToyCondition.NEEDS_REPAIR:
                toy.condition = condition
            elif toy.condition == ToyCondition.NEEDS_REPAIR:  # mended
                toy.condition = ToyCondition.WORN
            if q.open_reservation_of(session, toy.id) is not None:
                status = ToyStatus.RESERVED
        toy.status = status
        session.flush()
        view = q.toy_view(db, session, toy)
        uow.commit()
        return view


def _photo_kind(source: Path) -> str:
    kind = PHOTO_TYPES.get(source.suffix.lower())
    if kind is None:
        raise UserError(_("A photo must be a JPG or PNG image."))
    try:
        size = source.stat().st_size
        with open(source, "rb") as fh:
            head = fh.read(8)
    except OSError as err:
        raise UserError(
            _("Cannot read the photo {path}: {reason}").format(
                path=source, reason=err.strerror or err
            )
        ) from None
    if size > PHOTO_MAX_BYTES:
        raise UserError(_("The photo is larger than 10 MB; choose a smaller one."))
    if not head.startswith(_MAGIC[kind]):
        raise UserError(_("The file {name} is not a JPG or PNG image.").format(name=source.name))
    return kind


def _photos_dir(db: Database) -> Path:
    if db.path is None:
        raise UserError(_("Photos are kept only next to a house database file."))
    return Path(db.path).resolve().parent / "photos"


def _copy_into(source: Path, target: Path) -> None:
    """Copy next to the target and rename, so a failed copy leaves no half photo."""
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out)
        os.replace(tmp, target)
    except OSError as err:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise UserError(
            _("Cannot copy the photo: {reason}").format(reason=err.strerror or err)
        ) from None


@guarded(Permission.TOYS)
def set_toy_photo(db: Database, actor: Actor, toy_id: uuid.UUID, source_file: Path) -> ToyView:
    """Copy a chosen photo into ``photos/<code>.jpg|png`` beside the database file."""
    source = Path(source_file)
    kind = _photo_kind(source)
    folder = _photos_dir(db)
    with db.unit(actor, "set_toy_photo") as uow:
        toy = q.live_toy(uow.session, toy_id)
        name = f"{toy.inventory_code}.{kind}"
        _copy_into(source, folder / name)
        old = toy.photo_path
        toy.photo_path = f"photos/{name}"
        uow.session.flush()
        view = q.toy_view(db, uow.session, toy)
        uow.commit()
    if old and old != toy.photo_path:
        (folder.parent / old).unlink(missing_ok=True)
    return view


@guarded(Permission.TOYS)
def remove_toy_photo(db: Database, actor: Actor, toy_id: uuid.UUID) -> ToyView:
    with db.unit(actor, "remove_toy_photo") as uow:
        toy = q.live_toy(uow.session, toy_id)
        old, toy.photo_path = toy.photo_path, ""
        uow.session.flush()
        view = q.toy_view(db, uow.session, toy)
        uow.commit()
    if old and db.path is not None:
        (_photos_dir(db).parent / old).unlink(missing_ok=True)
    return view
