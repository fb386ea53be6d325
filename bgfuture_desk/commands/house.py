"""Commands about a house file as a whole: init, demo, check."""

from __future__ import annotations

import argparse
import dataclasses
import os
from pathlib import Path

from bgfuture_desk.commands import open_db
from bgfuture_desk.db.engine import is_url
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _, format_number, ngettext
from bgfuture_desk.services.house.lock import writing


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
    from bgfuture_desk.services.house import setup

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
                                 read_password_file(args.password_file), must_change=True)
    with writing(Path(args.db)):
        setup.initialise(args.db, house, admin).dispose()
    print(_("Created the database of „{house}“: {path}").format(house=house.name, path=args.db))
    if admin is None:
        print(_("The first administrator is created when the app starts for the first time."))
    else:
        print(_("At the first login the administrator chooses a new password."))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from bgfuture_desk.services.demo import generate_demo
    from bgfuture_desk.services.house.health import kind_label

    if args.years is not None:
        return _years_of_data(args)

    with writing(Path(args.db)):
        db = open_db(args.db)
        try:
            summary = generate_demo(db, families=args.families, seed=args.seed)
        finally:
            db.dispose()
    counts = ", ".join(
        f"{kind_label(k)}: {format_number(v)}" for k, v in dataclasses.asdict(summary).items()
    )
    print(_("Demo data added ({counts}).").format(counts=counts))
    return 0


def _years_of_data(args: argparse.Namespace) -> int:
    """A new house file with years of data, the same for the same parameters (kept in the
    cache folder, so a second one is a copy)."""
    from bgfuture_desk.bench import ten_years
    from bgfuture_desk.db.engine import owner_only
    from bgfuture_desk.domain.clock import SYSTEM_CLOCK

    target = Path(args.db)
    if target.exists():
        raise UserError(
            _("The file {path} already exists. The house with years of data is made as a new "
              "file: give a path that does not exist yet.").format(path=target)
        )
    print(ngettext("Building the house {house} with {years} year of data (the first time "
                   "takes minutes) …", "Building the house {house} with {years} years of data "
                   "(the first time takes minutes) …", args.years)
          .format(house=args.house, years=args.years), flush=True)
    size = ten_years.years_of(args.years)
    cached = ten_years.cached_house(
        house=args.house, size=size, seed=args.seed, today=SYSTEM_CLOCK.today()
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f"{target.name}.part")  # a stopped copy leaves no half house
    try:
        ten_years.copy_of(cached, part)
        owner_only(part)
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    print(_("Made: {path} ({size} MB). Log in as {user} with the password {password}.").format(
        path=target, size=format_number(round(target.stat().st_size / 1e6)),
        user=ten_years.BENCH_USER, password=ten_years.BENCH_PASSWORD))
    return 0


def _print_encryption(path: Path) -> None:
    from bgfuture_desk.services.house import keys

    if not path.is_file():
        return  # the check says what is wrong with the path
    status = keys.key_status(path)
    yes, no = _("yes"), _("no")
    print(_("Encrypted: {answer}").format(answer=yes if status.encrypted else no))
    if status.encrypted:
        print(_("Key for this user on this computer: {state}").format(
            state=_("found") if status.key_found else _("not found")))
    if status.store == keys.FILE_STORE:
        print(_("Warning: this computer has no protected key store; the keys are kept in "
                "files only this user can read: {folder}").format(folder=status.store_folder))


def cmd_check(args: argparse.Namespace) -> int:
    from bgfuture_desk.services.house.database import inspect_database
    from bgfuture_desk.services.house.health import check_database, kind_label

    if not is_url(str(args.db)):
        _print_encryption(Path(args.db))
    db = inspect_database(args.db)  # looked at, never upgraded
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


