"""The commands about the key of an encrypted house file: unlock, recovery-key."""

from __future__ import annotations

import argparse
from pathlib import Path

from bgfuture_desk.commands import open_db, write_atomically
from bgfuture_desk.commands.house import read_password_file
from bgfuture_desk.i18n import _


def cmd_unlock(args: argparse.Namespace) -> int:
    """Put the key of the file into this user's key store: from the recovery key, or from a
    staff member's password (the key wrapped for them beside the file)."""
    from bgfuture_desk.errors import UserError
    from bgfuture_desk.services.house import key_wrap, keys, recovery

    path = Path(args.db)
    if args.recovery_file is not None:
        recovery.unlock_with_recovery(path, recovery.read_recovery_file(args.recovery_file))
    else:
        if not args.user or not args.password_file:
            raise UserError(_("Give the recovery key with --recovery-file, or a staff "
                              "member's --user and --password-file."))
        key_wrap.unlock_with_password(path, args.user, read_password_file(args.password_file))
    store = keys.current_store()
    print(_("The house file is unlocked for this user on this computer: {path}").format(
        path=path))
    if store.kind == keys.FILE_STORE:
        print(_("Warning: this computer has no protected key store; the key is kept in a "
                "file only this user can read: {folder}").format(folder=keys.file_store().folder))
    return 0


def cmd_recovery_key(args: argparse.Namespace) -> int:
    """The recovery key sheet (PDF) of an encrypted house file, for an administrator."""
    from bgfuture_desk.documents.recovery_sheet import render_recovery_sheet
    from bgfuture_desk.services.house import recovery
    from bgfuture_desk.services.printouts.printing import house_header
    from bgfuture_desk.services.users import service as users

    password = read_password_file(args.password_file)
    db = open_db(args.db)
    try:
        actor = users.actor_of(users.authenticate(db, args.user, password))
        sheet = recovery.recovery_sheet(db, actor)
        db.signed_in = actor
        header = house_header(db)
    finally:
        db.dispose()
    write_atomically(args.out, render_recovery_sheet(
        header, text=sheet.text, file_name=sheet.file_name, key_id=sheet.key_id,
        made_on=sheet.made_on))
    print(_("Written: {path}. Print it, keep it in the house's safe, and delete the file.")
          .format(path=args.out))
    return 0


def add_key_commands(sub) -> None:
    p = sub.add_parser("unlock", help=_("let this user open an encrypted house file on this "
                                        "computer"))
    p.add_argument("--db", type=Path, required=True, help=_("the house database file"))
    p.add_argument("--recovery-file", type=Path, metavar=_("FILE"),
                   help=_("a text file with the recovery key"))
    p.add_argument("--user", metavar=_("NAME"), help=_("user name of a staff member"))
    p.add_argument("--password-file", type=Path,
                   help=_("a file whose first line is the password"))

    p = sub.add_parser("recovery-key", help=_("write the recovery key sheet of the house file"))
    p.add_argument("--db", type=Path, required=True, help=_("the house database file"))
    p.add_argument("--out", type=Path, required=True, help=_("the PDF file to write"))
    p.add_argument("--user", required=True, metavar=_("NAME"),
                   help=_("user name of an administrator"))
    p.add_argument("--password-file", type=Path, required=True,
                   help=_("a file whose first line is the password"))
