"""``print DOC``: a printout written as a PDF file (atomically), from the printouts' table."""

from __future__ import annotations

import argparse

from bgfuture_desk.commands import open_db, write_atomically
from bgfuture_desk.i18n import _
from bgfuture_desk.services.printouts.catalogue import PRINTOUTS, make

PRINT_DOCS = tuple(PRINTOUTS)


def _layout(args: argparse.Namespace) -> tuple[int, int] | None:
    from bgfuture_desk.services.printouts import printing

    text = getattr(args, "layout", None)
    return printing.parse_layout(text) if text else None


def cmd_print(args: argparse.Namespace) -> int:
    ids = PRINTOUTS[args.doc].check(args.id or [])  # refused before the file is opened
    layout = _layout(args) if args.doc == "labels" else None
    db = open_db(args.db)
    try:
        pdf = make(db, args.doc, ids, layout=layout)
    finally:
        db.dispose()
    write_atomically(args.out, pdf)
    print(_("Written: {path}").format(path=args.out))
    return 0
