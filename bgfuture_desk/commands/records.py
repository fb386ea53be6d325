"""Commands that show records: list and find."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from bgfuture_desk.commands import open_db, print_records
from bgfuture_desk.domain import vocab
from bgfuture_desk.i18n import N_, _, format_date, format_datetime
from bgfuture_desk.services.unit import Database


def _listers() -> dict[str, Callable[[Database], list[Any]]]:
    from bgfuture_desk.services.families import listing
    from bgfuture_desk.services.groups import service as groups
    from bgfuture_desk.services.referrals import service as referrals
    from bgfuture_desk.services.toys import service as toys
    from bgfuture_desk.services.visits import service as visits

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
    from bgfuture_desk.services.consents.service import list_consent_rows

    return list_consent_rows(db)


LIST_KINDS = (
    "families", "people", "visits", "programmes", "sessions", "toys", "loans", "consents",
    "referrals",
)


# The stored codes a human line shows by their Bulgarian label (``--json`` keeps the codes).
_VOCABS: dict[str, type[vocab.Labelled]] = {
    "status": vocab.ToyStatus,  # list toys; sessions and referrals below
    "sex": vocab.Sex,
    "role": vocab.PersonRole,
    "purposes": vocab.VisitPurpose,
    "kind": vocab.ConsentKind,
}
_KIND_VOCABS: dict[str, dict[str, type[vocab.Labelled]]] = {
    "sessions": {"status": vocab.SessionStatus},
    "referrals": {"status": vocab.ReferralStatus},
}
# A yes/no field as a word: (when true, when false).
_FLAGS = {
    "overdue": (N_("overdue (loan)"), N_("on time (loan)")),
    "archived": (N_("archived (family)"), N_("active (family)")),
    "active": (N_("active (programme)"), N_("inactive (programme)")),
}


def _label(enum: type[vocab.Labelled], code: Any) -> Any:
    try:
        return enum(code).label
    except ValueError:
        return code  # a code this version does not know: shown as stored


def human_value(kind: str, field: str, value: Any) -> Any:
    """A field of a listed record as a person reads it: Bulgarian labels and dates."""
    if isinstance(value, bool) and field in _FLAGS:
        return _(_FLAGS[field][0 if value else 1])
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return format_date(value)
    enum = _KIND_VOCABS.get(kind, {}).get(field) or _VOCABS.get(field)
    if enum is None or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_label(enum, v) for v in value]
    return _label(enum, value)


def human_row(kind: str, row: Any) -> Any:
    """The same record with its values made readable (only for the human lines)."""
    values = {
        f.name: human_value(kind, f.name, getattr(row, f.name)) for f in dataclasses.fields(row)
    }
    return dataclasses.replace(row, **values)


def cmd_list(args: argparse.Namespace) -> int:
    db = open_db(args.db)
    try:
        rows = _listers()[args.kind](db)
    finally:
        db.dispose()
    if not args.json:
        rows = [human_row(args.kind, row) for row in rows]
    print_records(rows, args.json)
    return 0


def cmd_find(args: argparse.Namespace) -> int:
    from bgfuture_desk.services.families.search import search_people

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
