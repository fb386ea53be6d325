"""Every printout of the desk in one table: its name, which ids it needs, how it is made.

The command line (``print DOC``) and the screens both go through ``make``, so a printout has
one way to gather its data and one message for a missing id. The table is light to import
(the command line's parser reads the names): the services and reportlab are loaded only when
a printout is made.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services.unit import Database, needs, require


class Ids(Enum):
    ONE = "one"  # exactly one id (a loan, a session, a person …)
    ANY = "any"  # none (then everything the printout covers) or several


@dataclass(frozen=True)
class Request:
    """What is to be printed: the ids, and the options only some printouts read."""

    ids: tuple[str, ...] = ()
    layout: tuple[int, int] | None = None  # labels: columns × rows on an A4 sheet
    skip: int = 0  # labels: places already used on the first sheet
    on_shelves: bool = False  # labels without ids: only the toys on the shelves


@dataclass(frozen=True)
class Printout:
    name: str  # the command line's DOC
    ids: Ids
    permission: Permission  # who may print it (``domain.permissions``)
    build: Callable[[Database, Request], bytes]
    id_message: str = ""  # N_: what to give when exactly one id is needed

    def check(self, ids: Sequence[str]) -> tuple[str, ...]:
        """The ids, tidied; a Bulgarian refusal when this printout needs exactly one."""
        tidy = tuple(i.strip() for i in ids)
        if self.ids is Ids.ONE and (len(tidy) != 1 or not tidy[0]):
            raise UserError(_(self.id_message), "id")
        return tidy


def _cards(db: Database, request: Request) -> bytes:
    from bgfuture_desk.services.families import listing
    from bgfuture_desk.services.printouts import printing

    codes = list(request.ids) or [f.code for f in listing.list_families(db) if not f.archived]
    return printing.family_cards(db, codes)


def _attendance(db: Database, request: Request) -> bytes:
    from bgfuture_desk.services.printouts import printing

    return printing.attendance_sheet(db, request.ids[0])


def _labels(db: Database, request: Request) -> bytes:
    from bgfuture_desk.services.printouts import printing
    from bgfuture_desk.services.toys import service as toys

    # Without ids the whole catalogue (the command line's contract), or the toys on the
    # shelves (neither lost nor retired) when the screen asks for "all".
    codes: list[str] | None = list(request.ids)
    if not codes:
        codes = None if request.on_shelves else [t.inventory_code for t in toys.list_toys(db)]
    return printing.toy_labels(db, codes, request.layout or printing.LAYOUT, skip=request.skip)


def _receipt(db: Database, request: Request) -> bytes:
    from bgfuture_desk.services.printouts import printing

    return printing.loan_receipt(db, request.ids[0])


def _overdue(db: Database, _request: Request) -> bytes:
    from bgfuture_desk.services.printouts import printing

    return printing.overdue_list(db)


def _consent(db: Database, request: Request) -> bytes:
    from bgfuture_desk.services.consents.printout import consent_forms

    return consent_forms(db, request.ids[0])


def _referral(db: Database, request: Request) -> bytes:
    from bgfuture_desk.services.referrals.printout import referral_slip

    return referral_slip(db, request.ids[0])


def _access(db: Database, request: Request) -> bytes:
    from bgfuture_desk.services.families.subject_access import subject_access

    return subject_access(db, request.ids[0])


PRINTOUTS: dict[str, Printout] = {
    p.name: p
    for p in (
        Printout("card", Ids.ANY, Permission.DESK, _cards),
        Printout(
            "attendance",
            Ids.ONE,
            Permission.GROUPS,
            _attendance,
            N_("Give exactly one session with --id (the id of the session)."),
        ),
        Printout("labels", Ids.ANY, Permission.TOYS, _labels),
        Printout(
            "receipt",
            Ids.ONE,
            Permission.TOYS,
            _receipt,
            N_("Give exactly one loan with --id (the id of the loan)."),
        ),
        Printout(
            "overdue", Ids.ANY, Permission.TOYS, _overdue
        ),  # the call list of the day: ids are not read
        Printout(
            "consent",
            Ids.ONE,
            Permission.DOCUMENTS,
            _consent,
            N_(
                "Give exactly one person or family with --id (the id of the person, or "
                "the family code)."
            ),
        ),
        Printout(
            "referral",
            Ids.ONE,
            Permission.DOCUMENTS,
            _referral,
            N_("Give exactly one referral with --id (the id of the referral)."),
        ),
        Printout(
            "access",
            Ids.ONE,
            Permission.DOCUMENTS,
            _access,
            N_("Give exactly one person with --id (the id of the person)."),
        ),
    )
}


@needs(Permission.DESK)  # every role; the printout's own permission is checked inside
def make(
    db: Database,
    name: str,
    ids: Sequence[str] = (),
    *,
    layout: tuple[int, int] | None = None,
    skip: int = 0,
    on_shelves: bool = False,
) -> bytes:
    """The PDF of printout ``name`` for ``ids``; a Bulgarian ``UserError`` when it cannot be,
    or when the user signed in may not print it."""
    printout = PRINTOUTS[name]
    require(db, db.signed_in, printout.permission)
    return printout.build(db, Request(printout.check(ids), layout, skip, on_shelves))
