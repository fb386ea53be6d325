"""``print DOC``: a printout written as a PDF file (atomically)."""

from __future__ import annotations

import argparse

from bgfuture_desk.commands import open_db, write_atomically
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _

PRINT_DOCS = (
    "card", "attendance", "labels", "receipt", "overdue", "consent", "referral", "access",
)


def _one_id(args: argparse.Namespace) -> str:
    if not args.id or len(args.id) != 1:
        raise UserError(_("Give exactly one loan with --id (the id of the loan)."), "id")
    return args.id[0]


def _session_id(args: argparse.Namespace) -> str:
    if not args.id or len(args.id) != 1:
        raise UserError(_("Give exactly one session with --id (the id of the session)."), "id")
    return args.id[0]


def _document_id(args: argparse.Namespace) -> str:
    """The one --id that consent, referral and access printouts need."""
    messages = {
        "consent": _("Give exactly one person or family with --id (the id of the person, or "
                     "the family code)."),
        "referral": _("Give exactly one referral with --id (the id of the referral)."),
        "access": _("Give exactly one person with --id (the id of the person)."),
    }
    if not args.id or len(args.id) != 1 or not args.id[0].strip():
        raise UserError(messages[args.doc], "id")
    return args.id[0].strip()


def _document(db, doc: str, key: str) -> bytes:
    """The documents of issue #6: consent forms, a referral slip, a subject access report."""
    if doc == "consent":
        from bgfuture_desk.services.consents.printout import consent_forms

        return consent_forms(db, key)
    if doc == "referral":
        from bgfuture_desk.services.referrals.printout import referral_slip

        return referral_slip(db, key)
    from bgfuture_desk.services.families.subject_access import subject_access

    return subject_access(db, key)


def _layout(args: argparse.Namespace) -> tuple[int, int]:
    from bgfuture_desk.services.printouts import printing

    text = getattr(args, "layout", None)
    return printing.parse_layout(text) if text else printing.LAYOUT


def cmd_print(args: argparse.Namespace) -> int:
    from bgfuture_desk.services.families import listing
    from bgfuture_desk.services.printouts import printing
    from bgfuture_desk.services.toys import service as toys

    layout = _layout(args) if args.doc == "labels" else None
    loan_id = _one_id(args) if args.doc == "receipt" else None
    session_id = _session_id(args) if args.doc == "attendance" else None
    key = _document_id(args) if args.doc in ("consent", "referral", "access") else None
    db = open_db(args.db)
    try:
        if key is not None:
            pdf = _document(db, args.doc, key)
        elif args.doc == "card":
            codes = args.id or [f.code for f in listing.list_families(db) if not f.archived]
            pdf = printing.family_cards(db, codes)
        elif args.doc == "attendance":
            pdf = printing.attendance_sheet(db, session_id or "")
        elif args.doc == "labels":
            # The command line prints the whole catalogue (the contract); the screen
            # offers "the toys on the shelves" through the service's default.
            codes = args.id or [t.inventory_code for t in toys.list_toys(db)]
            pdf = printing.toy_labels(db, codes, layout or printing.LAYOUT)
        elif args.doc == "receipt":
            pdf = printing.loan_receipt(db, loan_id or "")
        else:
            pdf = printing.overdue_list(db)
    finally:
        db.dispose()
    write_atomically(args.out, pdf)
    print(_("Written: {path}").format(path=args.out))
    return 0
