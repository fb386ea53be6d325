"""The erase command (writing): a person's or a family's identifying data, on request."""

from __future__ import annotations

import argparse
import sys
import uuid
from pathlib import Path

from bgfuture_desk.commands import open_db
from bgfuture_desk.commands.house import read_password_file
from bgfuture_desk.errors import PermissionDeniedError, UserError
from bgfuture_desk.i18n import _, ngettext
from bgfuture_desk.services.families import erasure
from bgfuture_desk.services.families.queries import family_by_code
from bgfuture_desk.services.house.lock import writing
from bgfuture_desk.services.users import service as users

YES = {"д", "да", "y", "yes"}


def _person_id(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise UserError(
            _("„{text}“ is not the id of a person (see `list people`).").format(text=text), "person"
        ) from None


def _ask(question: str) -> bool:
    print(question, end=" ", flush=True)
    return sys.stdin.readline().strip().lower() in YES


def _refused(message: str) -> int:
    print(_("Error: {message}").format(message=message), file=sys.stderr)
    return 1


def cmd_erase(args: argparse.Namespace) -> int:
    password = read_password_file(args.password_file)
    db_path = Path(args.db)
    with writing(db_path):
        db = open_db(db_path)
        try:
            try:
                actor = users.actor_of(users.authenticate(db, args.user, password))
            except UserError as err:  # a wrong name or password: refused
                return _refused(err.message)
            try:  # an account that may not erase is refused before anyone is named
                if args.person is not None:
                    person_id = _person_id(args.person)
                    preview = erasure.person_preview(db, person_id)
                else:
                    family_id = family_by_code(db, args.family).id
                    preview = erasure.family_preview(db, family_id)
            except PermissionDeniedError as err:
                return _refused(err.message)
            if preview.family_code:
                print(_("Family {code}").format(code=preview.family_code))
            print(_("The personal data of these people will be erased:"))
            for name in preview.names:
                print(f"  {name}")
            if not args.yes and not _ask(_("This cannot be undone. Erase? [y/N]")):
                print(_("Cancelled; nothing was erased."))
                return 1
            try:
                if args.person is not None:
                    done = erasure.erase_person(db, actor, person_id)
                else:
                    done = erasure.erase_family(db, actor, family_id)
            except PermissionDeniedError as err:
                return _refused(err.message)
        finally:
            db.dispose()
    print(ngettext("The personal data of {n} person were erased.",
                   "The personal data of {n} people were erased.", done.people).format(
        n=done.people))
    if not done.file_clean:
        print(_("Another program is reading the house file: the erased data leave its journal "
                "when that program closes the file."))
    return 0
