"""The command line: the desktop app by default, and the coordinator's batch work.

Errors go to stderr in Bulgarian without tracebacks; exit status 0 on success, 2 on bad
input, 1 on any other failure (DESIGN.md, "Command-line contract").
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import sys
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from bgfuture_desk import __version__
from bgfuture_desk.errors import UserError, ValidationError
from bgfuture_desk.i18n import N_, _, format_number, ngettext

# argparse's own texts, marked so that the catalogue carries their Bulgarian.
ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
)

LIST_KINDS = ("families", "people")


class BulgarianParser(argparse.ArgumentParser):
    """argparse with its messages from our catalogue and errors as exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, _("{prog}: error: {message}").format(prog=self.prog, message=message) + "\n")


def _use_catalogue_for_argparse() -> None:
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(_("a whole number greater than 0 is expected"))
    return value


def build_parser() -> BulgarianParser:
    parser = BulgarianParser(
        prog="bgfuture-desk",
        description=_("Front desk of the Family Houses; without a command it starts the app."),
    )
    parser.add_argument("--version", action="version", version=f"bgfuture-desk {__version__}")
    parser.add_argument("--db", type=Path, help=_("the house database file"))
    sub = parser.add_subparsers(dest="command", parser_class=BulgarianParser,
                                title=_("commands"), metavar=_("COMMAND"))

    p = sub.add_parser("init", help=_("create the database of a house"))
    p.add_argument("--db", type=Path, required=True, help=_("the new database file"))
    p.add_argument("--house", required=True,
                   help=_("kazanlak, kran, razhena, gorno-cherkovishte or a new code"))
    p.add_argument("--name", help=_("the name of the house (required for a new code)"))
    p.add_argument("--settlement", help=_("the settlement (required for a new code)"))
    p.add_argument("--address", default="", help=_("the address of the house"))
    p.add_argument("--phone", default="", help=_("the phone of the house"))
    p.add_argument("--prefix", default="", help=_("the prefix of family and toy codes, e.g. KRN"))
    p.add_argument("--admin", metavar=_("NAME"), help=_("user name of the first administrator"))
    p.add_argument("--admin-name", metavar=_("FULL_NAME"),
                   help=_("full name of the first administrator"))
    p.add_argument("--password-file", type=Path, help=_("a file whose first line is the password"))

    p = sub.add_parser("demo", help=_("fill a house with realistic demo data"))
    p.add_argument("--db", type=Path, required=True, help=_("the house database file"))
    p.add_argument("--families", type=_positive, default=120, help=_("number of families"))
    p.add_argument("--seed", type=int, default=1, help=_("seed: the same seed gives the same data"))

    p = sub.add_parser("check", help=_("integrity, schema version and counts of a database"))
    p.add_argument("--db", type=Path, required=True, help=_("the house database file"))

    p = sub.add_parser("list", help=_("list records of a kind"))
    p.add_argument("kind", choices=LIST_KINDS, metavar=_("KIND"),
                   help=_("one of: {kinds}").format(kinds=", ".join(LIST_KINDS)))
    p.add_argument("--db", required=True, help=_("the database file or URL"))
    p.add_argument("--json", action="store_true", help=_("one JSON object per line"))
    return parser


def read_password_file(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise UserError(_("The password file cannot be read: {path}").format(path=path)) from None
    password = text.splitlines()[0] if text else ""
    if not password:
        raise UserError(_("The password file is empty: {path}").format(path=path))
    return password


def cmd_init(args: argparse.Namespace) -> int:
    from bgfuture_desk.services import setup

    house = setup.preset_input(args.house)
    if house is None and not (args.name and args.settlement):
        raise UserError(
            _("Unknown house „{code}“. Choose kazanlak, kran, razhena or gorno-cherkovishte, "
              "or give a new house with --name and --settlement.").format(code=args.house)
        )
    house = setup.HouseInput(
        code=args.house,
        name=args.name or (house.name if house else ""),
        settlement=args.settlement or (house.settlement if house else ""),
        address=args.address, phone=args.phone,
        prefix=args.prefix or (house.prefix if house else ""),
    )
    admin = None
    if args.admin:
        if not args.password_file:
            raise UserError(_("Give the administrator's password with --password-file."))
        admin = setup.AdminInput(args.admin, args.admin_name or args.admin,
                                 read_password_file(args.password_file))
    db = setup.initialise(args.db, house, admin)
    db.dispose()
    print(_("Created the database of „{house}“: {path}").format(house=house.name, path=args.db))
    if admin is None:
        print(_("The first administrator is created when the app starts for the first time."))
    return 0


def _open(target: str | Path):
    from bgfuture_desk.services.database import open_database

    opened = open_database(target)
    if opened.backup is not None:
        print(_("The database was upgraded to the new version; a copy of the old one: {path}")
              .format(path=opened.backup), file=sys.stderr)
    return opened.db


def cmd_demo(args: argparse.Namespace) -> int:
    from bgfuture_desk.services.demo import generate_demo
    from bgfuture_desk.services.health import kind_label

    db = _open(args.db)
    summary = generate_demo(db, families=args.families, seed=args.seed)
    db.dispose()
    counts = ", ".join(
        f"{kind_label(k)}: {format_number(v)}" for k, v in dataclasses.asdict(summary).items()
    )
    print(_("Demo data added ({counts}).").format(counts=counts))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from bgfuture_desk.services.health import check_database, kind_label

    db = _open(args.db)
    health = check_database(db)
    db.dispose()
    print(_("House: {name} ({code})").format(name=health.house_name, code=health.house_code))
    if health.schema_up_to_date:
        print(_("Schema: {rev}, up to date").format(rev=health.schema_current))
    else:
        print(_("Schema: {rev}, newest is {head}").format(rev=health.schema_current,
                                                          head=health.schema_head))
    if health.integrity_ok:
        print(_("Integrity: in order"))
    else:
        print(_("Integrity: DAMAGED ({detail})").format(detail=health.integrity_detail))
    for table, n in health.counts.items():
        print(f"  {kind_label(table)}: {format_number(n)}")
    return 0 if health.integrity_ok else 1


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def cmd_list(args: argparse.Namespace) -> int:
    from bgfuture_desk.services import listing

    db = _open(args.db)
    rows: list[Any] = {
        "families": listing.list_families, "people": listing.list_people,
    }[args.kind](db)
    db.dispose()
    for row in rows:
        record = {k: _plain(v) for k, v in dataclasses.asdict(row).items()}
        if args.json:
            print(json.dumps(record, ensure_ascii=False))
        else:
            print("  ".join(str(v) if v is not None else "—" for v in record.values()))
    if not args.json:
        print(ngettext("{n} record", "{n} records", len(rows)).format(n=format_number(len(rows))))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": cmd_init, "demo": cmd_demo, "check": cmd_check, "list": cmd_list,
}


def _report(err: UserError) -> None:
    if isinstance(err, ValidationError):
        for message in err.errors.values():
            print(_("Error: {message}").format(message=message), file=sys.stderr)
    else:
        print(_("Error: {message}").format(message=err.message), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    _use_catalogue_for_argparse()
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            from bgfuture_desk.app import run_gui
            from bgfuture_desk.paths import default_db_path

            return run_gui(args.db or default_db_path())
        return COMMANDS[args.command](args)
    except UserError as err:
        _report(err)
        return err.exit_status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader (e.g. `| head`) stopped early: nothing to report
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python's advice for SIGPIPE
        return 1
    except Exception as err:  # noqa: BLE001 - the last line of defence: no tracebacks
        print(_("Unexpected error: {error}").format(error=f"{type(err).__name__}: {err}"),
              file=sys.stderr)
        log = _log_traceback()
        if log:
            print(_("Details for the developers: {path}").format(path=log), file=sys.stderr)
        return 1


def _log_traceback() -> Path | None:
    """Keep the traceback for the developers in a log file, never on the user's screen."""
    import traceback

    from bgfuture_desk.paths import data_dir

    try:
        log = data_dir() / "errors.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"--- {dt.datetime.now().isoformat()}\n{traceback.format_exc()}\n")
        return log
    except OSError:
        return None
