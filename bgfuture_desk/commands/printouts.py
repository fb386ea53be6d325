"""``print DOC``: a printout written as a PDF file (atomically)."""

from __future__ import annotations

import argparse

from bgfuture_desk.commands import open_db, write_atomically
from bgfuture_desk.i18n import _

PRINT_DOCS = ("card",)


def cmd_print(args: argparse.Namespace) -> int:
    from bgfuture_desk.services import listing, printing

    db = open_db(args.db)
    try:
        if args.doc == "card":
            codes = args.id or [f.code for f in listing.list_families(db) if not f.archived]
            pdf = printing.family_cards(db, codes)
    finally:
        db.dispose()
    write_atomically(args.out, pdf)
    print(_("Written: {path}").format(path=args.out))
    return 0
