"""Commands that show records: list and find."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from bgfuture_desk.commands import open_db, print_records
from bgfuture_desk.i18n import _
from bgfuture_desk.services.unit import Database


def _listers() -> dict[str, Callable[[Database], list[Any]]]:
    from bgfuture_desk.services import groups, listing, referrals, toys, visits

    return {
        "families": listing.list_families,
        "people": listing.list_people,
        "visits": visits.list_visits,
        "toys": toys.list_toys_rows,
        "loans": toys.list_loans_rows,
        "programmes": groups.list_programme_rows,
        "sessions": groups.list_session_rows,
        "consents": _consent_rows,
        "referrals": referrals.list_referral_rows,
    }


def _consent_rows(db: Database) -> list[Any]:
    from bgfuture_desk.services.consents import list_consent_rows

    return list_consent_rows(db)


LIST_KINDS = (
    "families", "people", "visits", "programmes", "sessions", "toys", "loans", "consents",
    "referrals",
)


def cmd_list(args: argparse.Namespace) -> int:
    db = open_db(args.db)
    try:
        rows = _listers()[args.kind](db)
    finally:
        db.dispose()
    print_records(rows, args.json)
    return 0


def cmd_find(args: argparse.Namespace) -> int:
    from bgfuture_desk.services.search import search_people

    db = open_db(args.db)
    try:
        hits = search_people(db, args.text, limit=args.limit)
    finally:
        db.dispose()
    if args.json:
        print_records(hits, as_json=True)
    elif not hits:
        print(_("Nothing found for „{text}“.").format(text=args.text))
    for hit in [] if args.json else hits:
        code = "" if hit.kind == "family" else hit.family_code or "—"  # a family's name has it
        print("  ".join(part for part in (code, hit.name, hit.detail) if part))
    return 0
