"""The command line: the desktop app by default, and the coordinator's batch work.

Errors go to stderr in Bulgarian without tracebacks; exit status 0 on success, 2 on bad
input, 1 on any other failure (DESIGN.md, "Command-line contract").
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from bgfuture_desk import __version__
from bgfuture_desk.commands.keys import add_key_commands
from bgfuture_desk.commands.printouts import PRINT_DOCS
from bgfuture_desk.commands.records import LIST_KINDS
from bgfuture_desk.domain.houses import PRESETS
from bgfuture_desk.errors import UserError, ValidationError
from bgfuture_desk.i18n import N_, _, ngettext

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
    parser.add_argument(
        "--version",
        action="version",
        version=f"bgfuture-desk {__version__}",
        help=_("show program's version number and exit"),
    )
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
    p.add_argument("--years", type=_positive,
                   help=_("instead: a new house file with this many years of data (10: 25,000 "
                          "people, 250,000 visits), the benchmarks' house"))
    p.add_argument("--house", choices=[h.code for h in PRESETS], default="kran",
                   help=_("with --years: which of the four houses"))

    p = sub.add_parser("check", help=_("integrity, schema version and counts of a database"))
    p.add_argument("--db", required=True, help=_("the database file or URL"))

    p = sub.add_parser("list", help=_("list records of a kind"))
    p.add_argument("kind", choices=LIST_KINDS, metavar=_("KIND"),
                   help=_("one of: {kinds}").format(kinds=", ".join(LIST_KINDS)))
    p.add_argument("--db", required=True, help=_("the database file or URL"))
    p.add_argument("--json", action="store_true", help=_("one JSON object per line"))

    p = sub.add_parser("find", help=_("find people and families, best first"))
    p.add_argument("text", metavar=_("TEXT"),
                   help=_("a name in Cyrillic or Latin, a phone, an EGN or a family code"))
    p.add_argument("--db", required=True, help=_("the database file or URL"))
    p.add_argument("--limit", type=_positive, default=20, help=_("at most this many results"))
    p.add_argument("--json", action="store_true", help=_("one JSON object per line"))

    p = sub.add_parser("print", help=_("write a printout as a PDF file"))
    p.add_argument("doc", choices=PRINT_DOCS, metavar=_("DOC"),
                   help=_("one of: {kinds}").format(kinds=", ".join(PRINT_DOCS)))
    p.add_argument("--db", required=True, type=Path, help=_("the house database file"))
    p.add_argument("--id", action="append", metavar=_("ID_OR_CODE"),
                   help=_("which record: a family or toy code, or the id of a person, loan, "
                          "session or referral; cards and labels take several"))
    p.add_argument("--out", required=True, type=Path, help=_("the PDF file to write"))
    p.add_argument("--layout", metavar=_("COLUMNSxROWS"),
                   help=_("labels: columns x rows of the label sheet, e.g. 3x8 (the default)"))

    p = sub.add_parser("bench", help=_("the performance suite"))
    p.add_argument("--json", action="store_true", help=_("one JSON object with every figure"))
    p.add_argument("--only", nargs="+", metavar=_("NAME"),
                   help=_("only these figures or measurements (startup, search, actions, "
                          "export, consolidate, report, printouts)"))
    p.add_argument("--small", action="store_true",
                   help=_("a small house of two years instead of the ten-year house"))
    p.add_argument("--repeat", type=_positive, default=5,
                   help=_("repetitions of each measurement (the median is shown)"))
    p.add_argument("--pg", metavar=_("URL"),
                   help=_("a PostgreSQL server to consolidate into (a database of its own is made "
                          "for the run and dropped afterwards)"))
    _add_exchange(sub)
    _add_backup(sub)
    _add_report(sub)
    _add_erase(sub)
    add_key_commands(sub)
    return parser


def _add_erase(sub) -> None:
    p = sub.add_parser("erase", help=_("erase the personal data of a person or a family"))
    p.add_argument("--db", type=Path, required=True, help=_("the house database file"))
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--person", metavar=_("ID"), help=_("the id of the person"))
    which.add_argument("--family", metavar=_("CODE"), help=_("the family code, e.g. KRN-0042"))
    p.add_argument("--user", required=True, metavar=_("NAME"),
                   help=_("user name of an administrator"))
    p.add_argument("--password-file", type=Path, required=True,
                   help=_("a file whose first line is the password"))
    p.add_argument("--yes", action="store_true", help=_("erase without asking"))


def _add_backup(sub) -> None:
    p = sub.add_parser("backup", help=_("make a verified copy of a house file"))
    p.add_argument("--db", type=Path, required=True, help=_("the house database file"))
    p.add_argument("--out", type=Path, metavar=_("FILE"),
                   help=_("the copy to write, or a folder (default: backups beside the file)"))
    p.add_argument("--list", action="store_true",
                   help=_("list the backups in the folder (--out, or backups beside the file)"))

    p = sub.add_parser("restore", help=_("put a backup in place of the house file"))
    p.add_argument("--db", type=Path, required=True, help=_("the house database file"))
    p.add_argument("file", type=Path, metavar=_("FILE"), help=_("the backup to restore"))
    p.add_argument("--yes", action="store_true", help=_("restore without asking"))


def _add_exchange(sub) -> None:
    p = sub.add_parser("export", help=_("write the monthly export file of a house"))
    p.add_argument("--db", type=Path, required=True, help=_("the house database file"))
    p.add_argument("--month", required=True, metavar=_("YYYY-MM"),
                   help=_("the month of the export, e.g. 2026-10"))
    p.add_argument("--out", type=Path, required=True,
                   help=_("the export file to write (or a folder for the usual name)"))
    p.add_argument("--passphrase-file", type=Path,
                   help=_("a file whose first line is the passphrase (else it is asked)"))

    p = sub.add_parser("consolidate", help=_("import house exports into a consolidated database"))
    p.add_argument("--into", required=True, metavar=_("TARGET"),
                   help=_("the consolidated database: a file or a database URL"))
    p.add_argument("files", nargs="+", metavar=_("FILE"), help=_("the export files"))
    p.add_argument("--passphrase-file", type=Path,
                   help=_("a file whose first line is the passphrase (else it is asked)"))


def _add_report(sub) -> None:
    p = sub.add_parser("report", help=_("the monthly indicators, per house and in total"))
    p.add_argument("--db", required=True, metavar=_("TARGET"),
                   help=_("a house file, a consolidated file or a database URL"))
    p.add_argument("--month", required=True, metavar=_("YYYY-MM"),
                   help=_("the (first) month of the report, e.g. 2026-10"))
    p.add_argument("--to", metavar=_("YYYY-MM"), help=_("the last month of a range"))
    p.add_argument("--ytd", action="store_true",
                   help=_("the year to date: from January to the month"))
    p.add_argument("--profile", choices=("internal", "partners"), default="internal",
                   help=_("internal: every number; partners: numbers under 5 hidden"))
    p.add_argument("--out", type=Path, metavar=_("FILE"),
                   help=_("write the report as an Excel (.xlsx) or a PDF (.pdf) file"))
    p.add_argument("--json", action="store_true", help=_("one JSON object on standard output"))


def _commands() -> dict[str, Callable[[argparse.Namespace], int]]:
    from bgfuture_desk.commands import (
        backup,
        bench,
        erasure,
        exchange,
        house,
        keys,
        printouts,
        records,
        reports,
    )  # fmt: skip

    return {
        "init": house.cmd_init, "demo": house.cmd_demo, "check": house.cmd_check,
        "list": records.cmd_list, "find": records.cmd_find, "print": printouts.cmd_print,
        "bench": bench.cmd_bench, "export": exchange.cmd_export,
        "consolidate": exchange.cmd_consolidate,
        "backup": backup.cmd_backup, "restore": backup.cmd_restore,
        "report": reports.cmd_report,
        "erase": erasure.cmd_erase,
        "unlock": keys.cmd_unlock, "recovery-key": keys.cmd_recovery_key,
    }


def _report(err: UserError) -> None:
    if isinstance(err, ValidationError):
        for message in err.errors.values():
            print(_("Error: {message}").format(message=message), file=sys.stderr)
    else:
        print(_("Error: {message}").format(message=err.message), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    from bgfuture_desk.services.house import keys

    _use_catalogue_for_argparse()
    keys.install()  # encrypted house files open with this user's keys
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            from bgfuture_desk.app import run_gui
            from bgfuture_desk.paths import default_db_path

            return run_gui(args.db or default_db_path())
        return _commands()[args.command](args)
    except UserError as err:
        _report(err)
        return err.exit_status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader (e.g. `| head`) stopped early: nothing to report
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python's advice for SIGPIPE
        return 1
    except Exception as err:  # noqa: BLE001 - the last line of defence: no tracebacks
        from bgfuture_desk import errorlog

        log = errorlog.write(err)
        known = errorlog.database_problem(err)
        if known is not None:
            print(_("Error: {message}").format(message=known), file=sys.stderr)
            return 1
        print(_("Unexpected error: {error}").format(error=type(err).__name__), file=sys.stderr)
        if log:
            print(_("Details for the developers: {path}").format(path=log), file=sys.stderr)
        return 1
