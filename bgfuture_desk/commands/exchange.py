"""``export`` and ``consolidate``: the monthly file of a house, and putting houses together."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from bgfuture_desk.commands import open_db
from bgfuture_desk.commands.house import read_password_file
from bgfuture_desk.errors import UserError, ValidationError
from bgfuture_desk.i18n import _, format_number


def _ask(prompt: str) -> str:
    """Typed without echo at a terminal; read as a line when the input is a pipe."""
    if sys.stdin.isatty():
        try:
            return getpass.getpass(prompt)
        except EOFError:
            raise UserError(_("No passphrase was given.")) from None
    print(prompt, end="", file=sys.stderr, flush=True)
    line = sys.stdin.readline()
    print(file=sys.stderr)  # the input was not echoed to the terminal's line
    if not line:
        raise UserError(_("No passphrase was given."))
    return line.rstrip("\r\n")


def _passphrase(args: argparse.Namespace, *, twice: bool) -> str:
    """From --passphrase-file, or typed (twice for a new export, so a typo cannot lock it)."""
    if args.passphrase_file:
        return read_password_file(args.passphrase_file)
    passphrase = _ask(_("Passphrase of the export file: "))
    if twice:
        from bgfuture_desk.services.exchange.export import validate_passphrase

        errors = validate_passphrase(passphrase)
        if not errors:
            repeat = _ask(_("The passphrase again: "))
            errors = validate_passphrase(passphrase, repeat)
        if errors:
            raise ValidationError(errors)
    return passphrase


def _megabytes(size: int) -> str:
    return format_number(round(size / 1024 / 1024, 1))


def cmd_export(args: argparse.Namespace) -> int:
    from bgfuture_desk.domain.clock import SYSTEM_CLOCK
    from bgfuture_desk.services.exchange.export import export_month, month_label, parse_month
    from bgfuture_desk.services.unit import Actor

    parse_month(
        args.month, SYSTEM_CLOCK.today()
    )  # a bad month is refused before the passphrase is asked
    passphrase = _passphrase(args, twice=True)
    db = open_db(args.db)
    try:
        result = export_month(
            db, Actor.system(), month=args.month, out=args.out, passphrase=passphrase
        )
    finally:
        db.dispose()
    print(
        _("Exported „{house}“ for {month}: {path} ({size} MB).").format(
            house=result.house_name,
            month=month_label(result.month),
            path=result.path,
            size=_megabytes(result.file_bytes),
        )
    )
    print(_("SHA-256 of the data: {sha}").format(sha=result.sha256))
    return 0


def _show_progress(done: int, total: int, message: str) -> None:
    if sys.stderr.isatty() and total:
        print(f"\r{done * 100 // total:3d}%  {message[:70]:<70}", end="", file=sys.stderr)


def cmd_consolidate(args: argparse.Namespace) -> int:
    from bgfuture_desk.services.exchange.consolidate import consolidate

    passphrase = _passphrase(args, twice=False)
    result = consolidate(args.into, [Path(f) for f in args.files], passphrase, _show_progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for item in result.files:
        print(
            _(
                "{file}: {house}, {month} — new {inserted}, updated {updated}, "
                "unchanged {unchanged}"
            ).format(
                file=item.path.name,
                house=item.house_name,
                month=item.month,
                inserted=format_number(item.inserted),
                updated=format_number(item.updated),
                unchanged=format_number(item.unchanged),
            )
        )
    print(
        _(
            "Consolidated into {target}: new {inserted}, updated {updated}, unchanged {unchanged}."
        ).format(
            target=result.target,
            inserted=format_number(result.inserted),
            updated=format_number(result.updated),
            unchanged=format_number(result.unchanged),
        )
    )
    return 0
