"""Printouts: gather the plain data a document needs and hand it to ``documents``."""

from __future__ import annotations

import datetime as dt
import re
import uuid

from bgfuture_desk.documents.family_card import FamilyCardData, family_cards_pdf
from bgfuture_desk.documents.loan_receipt import LoanReceiptData, ReceiptLine, loan_receipt_pdf
from bgfuture_desk.documents.overdue_list import OverdueFamily, OverdueToy, overdue_list_pdf
from bgfuture_desk.documents.page import HouseHeader
from bgfuture_desk.documents.toy_labels import (
    LAYOUT as LAYOUT,  # the default layout, for the screens and the command line
)
from bgfuture_desk.documents.toy_labels import (
    MAX_COLUMNS,
    MAX_ROWS,
    ToyLabelData,
    check_layout,
    toy_labels_pdf,
)
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.phones import format_phone
from bgfuture_desk.domain.vocab import ToyStatus
from bgfuture_desk.errors import NotFoundError, UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.families.queries import FamilyView, family_by_code, get_family
from bgfuture_desk.services.house.settings import house_details
from bgfuture_desk.services.toys import service as toys
from bgfuture_desk.services.toys.loans import LoanView
from bgfuture_desk.services.toys.queries import ToyView
from bgfuture_desk.services.unit import Database, needs


@needs(Permission.DOCUMENTS)
def house_header(db: Database) -> HouseHeader:
    """The house as every printout names it at the top of the page."""
    house = house_details(db)
    return HouseHeader(
        name=house.name,
        settlement=house.settlement,
        address=house.address,
        phone=format_phone(house.phone) if house.phone else "",
    )


def _family(db: Database, key: str) -> FamilyView:
    """A family by its id or by its code as typed or scanned ("KRN-0042", "krn-42")."""
    text = key.strip()
    try:
        family_id = uuid.UUID(text)
    except ValueError:
        return family_by_code(db, text)
    try:
        return get_family(db, family_id)
    except NotFoundError:
        raise NotFoundError(_("There is no family with the id {id}.").format(id=text)) from None


def card_data(family: FamilyView) -> FamilyCardData:
    """A card shows the family name, the members' first names and the settlement, no more."""
    surname = family.surname
    line = _("Family {surname}").format(surname=surname) if surname else _("Family")
    return FamilyCardData(
        code=family.code,
        surname_line=line,
        first_names=tuple(m.first_name for m in family.members),
        settlement=family.settlement,
    )


@needs(Permission.DESK)
def family_cards(db: Database, family_ids_or_codes: list[str]) -> bytes:
    """Cards for the families named by id or code, in the order given, each once."""
    if not family_ids_or_codes:
        raise UserError(_("Choose at least one family to print a card for."))
    families: dict[uuid.UUID, FamilyView] = {}
    for key in family_ids_or_codes:
        family = _family(db, str(key))
        families.setdefault(family.id, family)
    cards = [card_data(f) for f in families.values()]
    return family_cards_pdf(cards, house_header(db))


# The name the reception contract gives the same use case.
family_card_pdf = family_cards


# ---- the toy library ----

_LAYOUT = re.compile(r"\s*(\d{1,2})\s*[xх×*]\s*(\d{1,2})\s*", re.IGNORECASE)


def parse_layout(text: str) -> tuple[int, int]:
    """ "3x8", "3 × 8", "3х8" (a Cyrillic х) → (3, 8): columns × rows of a label sheet."""
    match = _LAYOUT.fullmatch(text)
    layout = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
    _check_layout(layout)
    return layout


def _check_layout(layout: tuple[int, int]) -> None:
    try:
        check_layout(layout)
    except ValueError:
        raise UserError(
            _(
                "Give the label layout as columns x rows, for example 3x8: at most {columns} "
                "columns and {rows} rows."
            ).format(columns=MAX_COLUMNS, rows=MAX_ROWS),
            "layout",
        ) from None


def _toy(db: Database, key: str) -> ToyView:
    """A toy by its id or by its code as typed or scanned."""
    text = key.strip()
    try:
        toy_id = uuid.UUID(text)
    except ValueError:
        return toys.toy_by_code(db, text)
    return toys.get_toy(db, toy_id)


def label_data(toy: ToyView) -> ToyLabelData:
    return ToyLabelData(code=toy.inventory_code, name=toy.name, age_label=toy.age_label)


@needs(Permission.TOYS)
def toy_labels(
    db: Database,
    codes: list[str] | None = None,
    layout: tuple[int, int] = LAYOUT,
    *,
    skip: int = 0,
) -> bytes:
    """Labels for the toys named by code or id (each once, in the order given), or for the
    whole catalogue on the shelves (neither lost nor retired) when ``codes`` is None."""
    _check_layout(layout)
    if codes is None:
        gone = (ToyStatus.LOST, ToyStatus.RETIRED)
        chosen = [t for t in toys.list_toys(db) if t.status not in gone]
    else:
        found: dict[uuid.UUID, ToyView] = {}
        for key in codes:
            toy = _toy(db, str(key))
            found.setdefault(toy.id, toy)
        chosen = list(found.values())
    if not chosen:
        raise UserError(_("There is no toy to print a label for."))
    return toy_labels_pdf([label_data(t) for t in chosen], layout, house_header(db), skip=skip)


@needs(Permission.TOYS)
def receipt_data(db: Database, loan_id: uuid.UUID | str) -> LoanReceiptData:
    """A loan and every other toy its family took on the same day, on one receipt."""
    try:
        key = loan_id if isinstance(loan_id, uuid.UUID) else uuid.UUID(str(loan_id).strip())
        loan = toys.get_loan(db, key)
    except (ValueError, NotFoundError):
        raise NotFoundError(_("There is no loan with the id {id}.").format(id=loan_id)) from None
    same_day = [
        other for other in toys.family_loans(db, loan.family_id) if other.lent_on == loan.lent_on
    ]
    family = get_family(db, loan.family_id)
    surname = family.surname
    return LoanReceiptData(
        family_code=family.code,
        family_name=_("Family {surname}").format(surname=surname) if surname else "",
        borrower=loan.person_name,
        phone=loan.phone,
        lent_on=loan.lent_on,
        lines=tuple(
            ReceiptLine(o.toy_code, o.toy_name, o.pieces_out, o.due_on)
            for o in sorted(same_day, key=lambda o: o.toy_code)
        ),
        settlement=family.settlement,
    )


@needs(Permission.TOYS)
def loan_receipt(db: Database, loan_id: uuid.UUID | str) -> bytes:
    return loan_receipt_pdf(receipt_data(db, loan_id), house_header(db))


@needs(Permission.TOYS)
def overdue_families(db: Database, today: dt.date | None = None) -> list[OverdueFamily]:
    """The call list: one entry per family, the family with the most overdue toy first."""
    by_family: dict[uuid.UUID, list[LoanView]] = {}
    for loan in toys.overdue_loans(db, today):
        by_family.setdefault(loan.family_id, []).append(loan)
    out = []
    for family_id, loans in by_family.items():  # in the order of the most overdue toy
        family = get_family(db, family_id)
        calls = [r.called_on for loan in loans for r in loan.reminders]
        out.append(
            OverdueFamily(
                code=family.code,
                name=family.surname,
                settlement=family.settlement,
                phone=loans[0].phone,
                toys=tuple(
                    OverdueToy(lo.toy_code, lo.toy_name, lo.due_on, lo.days_overdue) for lo in loans
                ),
                last_call=max(calls, default=None),
                calls=len(calls),
            )
        )
    return out


@needs(Permission.TOYS)
def overdue_list(db: Database, today: dt.date | None = None) -> bytes:
    day = today or db.clock.today()
    return overdue_list_pdf(overdue_families(db, day), house_header(db), day)


# ---- the parenting groups ----


@needs(Permission.GROUPS)
def attendance_sheet(
    db: Database, session_id: uuid.UUID | str, with_marks: bool | None = None
) -> bytes:
    """A session's присъствен списък: empty before it is held, with the marks after it
    (``with_marks=None`` decides by the session's status)."""
    from bgfuture_desk.documents.attendance_sheet import attendance_sheet_pdf
    from bgfuture_desk.services.groups.sheet import attendance_sheet_data

    data = attendance_sheet_data(db, session_id, with_marks)
    return attendance_sheet_pdf(data, house_header(db))
