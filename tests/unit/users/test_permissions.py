"""Roles are enforced where the data is: every public service function checks a permission
from ``domain.permissions`` against the user stored in the file, whatever the caller claims.

The walk below finds every public function of every module under ``bgfuture_desk/services``
(defined there, not imported) and sorts it into one of four kinds:

- *guarded*: takes the acting ``actor`` (``@guarded``), or reads the house ``db`` for the
  user signed in on it (``@needs``); each is then called with a deactivated user, a role
  lacking its permission and a forged role, and must refuse before doing anything;
- *inner*: one of its parameters is an open session, unit of work, connection or engine, so it
  only runs inside a transaction that a guarded function opened (and checked);
- *pure*: takes no database, session, connection, engine or path at all: it touches no data;
- the short ``ALLOWED`` list below, each with the reason it checks nothing.

A new public function that is none of these fails the first test.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from typing import Any

import pytest

import bgfuture_desk.services as services_package
from bgfuture_desk.domain.permissions import PERMISSIONS, Permission, allowed
from bgfuture_desk.domain.vocab import UserRole
from bgfuture_desk.errors import PermissionDeniedError
from bgfuture_desk.services.families import queries as families_q
from bgfuture_desk.services.house import settings
from bgfuture_desk.services.unit import GUARDED, Actor
from bgfuture_desk.services.users import service as users

_STEP = "a step of the guarded export or consolidation; an export opens only with its passphrase"
ALLOWED: dict[str, str] = {
    "unit.require": "the check itself",
    "reports.files.check_name": "only looks at the name of the file to write",
    "reports.files.report_bytes": "draws a report already counted (``count`` checked it)",
    "reports.files.save_report": "writes a report already counted (``count`` checked it)",
    "users.service.authenticate": "the login itself: nobody is signed in yet",
    "users.service.has_users": "whether the file has a user at all, before the first login",
    "house.setup.initialise": "creates the file and its first administrator: no user exists",
    "house.database.open_database": "opens the file; the login comes after",
    "house.database.create_database": "creates an empty file; the login comes after",
    "house.database.inspect_database": "the schema version of a file, before it is opened",
    "house.database.writable": "whether the file and its folder may be written, before opening",
    "house.database.damaged_message": "the sentence for a damaged file (its path only)",
    "house.database.refuse_damaged": "a quick look at a file, read-only, before login",
    "house.lock.lock_path": "the name of the lock file beside the house file",
    "house.lock.in_use_message": "reads who holds the lock file (a PC name), no personal data",
    "house.lock.writing": "takes the lock file for a command-line writer",
    "house.backup.default_folder": "the name of the backups folder",
    "house.backup.backup_name": "the name of a backup file",
    "house.backup.taken_at": "when a backup was taken, from its file name",
    "house.backup.counts_of": "record counts of a backup (no personal data), for the choice",
    "house.backup.list_backups": "the backup files and their counts, for the choice",
    "house.backup.preview": "counts of a backup beside the house's, before a restore",
    "house.backup.make_backup": "copies the file beside it before a migration, before login",
    "house.backup.backup_to": "a copy of the house file: every role may keep one",
    "house.backup.thin": "deletes old backup files by the rotation rule",
    "house.key_wrap.encrypted_key_id": "the key id in a file's first bytes, no key, before login",
    "house.key_wrap.copy_beside": "copies the wrapped keys beside a backup (no key in clear)",
    "house.keys.key_status": "whether this user's key store holds the file's key, before login",
    "exchange.export.write_atomically": "writes a file in place atomically",
    "exchange.export.remove_leftovers": "removes an export's own temporary files at start",
    "exchange.consolidate.target_label": "how a consolidation target is shown",
    "exchange.consolidate_import.remove_database_file": "a step of the guarded consolidation",
    "exchange.consolidate_import.build_new_file": "a step of the guarded consolidation",
    "exchange.export_read.read_label": _STEP,
    "exchange.export_read.read_export": _STEP,
    "exchange.snapshot.take_snapshot": _STEP,
    "exchange.snapshot.snapshot_engine": _STEP,
    "house.key_wrap.sidecar_path": "where the wrapped keys of a house file lie",
    "house.key_wrap.read_sidecar": "reads the wrapped keys: nothing without a password",
    "house.key_wrap.has_entry": "whether a login must wrap the key for its user",
    "house.key_wrap.remember_password": "wraps the key for the user its guarded caller made, "
                                        "gave a password or logged in",
    "house.key_wrap.forget_user": "drops the entry of a user its guarded caller deactivated",
    "house.key_wrap.unlock_with_password": "before any login: the staff password is the check",
    "house.recovery.read_recovery_file": "reads a file the user named",
    "house.recovery.unlock_with_recovery": "before any login: the recovery key is the check",
    "house.encrypt_file.is_plain_house_file": "looks at a file's header and house, changes nothing",
    "house.encrypt_file.wipe": "overwrites a file the conversion no longer needs",
    "house.encrypt_file.finish_interrupted": "a step of opening the file, before login",
    "house.encrypt_file.encrypt_in_place": "a step of opening the file, before login",
}
_INNER = ("Session", "UnitOfWork", "Connection", "Engine", "DemoContext", "Context")
_DATA = ("Database", "Session", "UnitOfWork", "Connection", "Engine", "Path")


def public_functions() -> dict[str, Callable[..., Any]]:
    found = {}
    for info in pkgutil.walk_packages(services_package.__path__, "bgfuture_desk.services."):
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            fn = inspect.unwrap(obj) if callable(obj) else obj
            if name.startswith("_") or not inspect.isfunction(fn):
                continue
            if fn.__module__ != module.__name__ or fn.__name__ != name:
                continue  # imported from elsewhere, or an alias (``family_card_pdf``)
            found[f"{info.name.removeprefix('bgfuture_desk.services.')}.{name}"] = obj
    return found


def _annotations(fn: Callable[..., Any]) -> list[str]:
    return [str(p.annotation) for p in inspect.signature(fn).parameters.values()]


def kind_of(qualified: str, fn: Callable[..., Any], by_rule: bool = False) -> str:
    if fn in GUARDED:
        return "guarded"
    if qualified in ALLOWED and not by_rule:
        return "allowed"
    annotations = _annotations(fn)
    names = list(inspect.signature(fn).parameters)
    if any(word in a for a in annotations for word in _INNER):
        return "inner"
    if not any(word in a for a in annotations for word in _DATA) and "db" not in names:
        return "pure"
    return "unchecked"


def test_every_public_service_function_checks_a_permission_or_says_why_not():
    functions = public_functions()
    kinds = {name: kind_of(name, fn) for name, fn in functions.items()}
    assert [name for name, kind in kinds.items() if kind == "unchecked"] == []
    assert sorted(set(ALLOWED) - set(functions)) == []  # the list names no ghost
    needless = [name for name in ALLOWED if kind_of(name, functions[name], True) != "unchecked"]
    assert needless == []  # nor a function the rules already account for
    guarded = [name for name, kind in kinds.items() if kind == "guarded"]
    assert len(functions) > 290 and len(guarded) > 140
    assert all(GUARDED[functions[name]] in Permission for name in guarded)


@pytest.fixture
def staff(house_db, admin):
    def make(username: str, role: str, *, active: bool = True) -> Actor:
        row = users.create_user(house_db, admin, username=username, full_name=username,
                                role=role, password="parola-456")  # fmt: skip
        if not active:
            users.update_user(house_db, admin, row.id, full_name=username, role=role,
                              active=False)  # fmt: skip
        return users.actor_of(row)

    return {
        "assistant": make("asya", "assistant"),
        "coordinator": make("kiro", "coordinator"),
        "gone": make("gone", "assistant", active=False),
    }


def _call(fn: Callable[..., Any], db, actor: Actor) -> None:
    """Call with the database and the actor, every other argument a placeholder: the check
    comes first, so the placeholders are never looked at."""
    signature = inspect.signature(inspect.unwrap(fn))
    args: dict[str, Any] = {}
    for name, param in signature.parameters.items():
        if name == "db":
            args[name] = db
        elif name == "actor":
            args[name] = actor
        elif param.default is inspect.Parameter.empty:
            args[name] = None
    positional = [
        args.pop(name)
        for name, p in signature.parameters.items()
        if p.kind is p.POSITIONAL_ONLY and name in args
    ]
    if "actor" not in signature.parameters:
        db.signed_in = actor
    try:
        fn(*positional, **args)
    finally:
        db.signed_in = None


def _guarded() -> list[tuple[str, Callable[..., Any]]]:
    return [(name, fn) for name, fn in public_functions().items() if fn in GUARDED]


def _refused(fn, db, actor) -> str | None:
    try:
        _call(fn, db, actor)
    except PermissionDeniedError as err:
        return str(err)
    except Exception as err:  # noqa: BLE001 - the body ran: the check did not refuse
        return f"not refused ({type(err).__name__})"
    return "not refused"


def test_every_guarded_function_refuses_a_deactivated_user(house_db, staff):
    answers = {name: _refused(fn, house_db, staff["gone"]) for name, fn in _guarded()}
    wrong = {name: a for name, a in answers.items() if "вече не е активен" not in (a or "")}
    assert wrong == {}


def test_every_guarded_function_refuses_a_forged_role(house_db, staff):
    forged = Actor(staff["assistant"].user_id, "Ася", "admin")  # an assistant's id, "admin"
    answers = {name: _refused(fn, house_db, forged) for name, fn in _guarded()}
    wrong = {name: a for name, a in answers.items() if "Ролята ви е променена" not in (a or "")}
    assert wrong == {}


@pytest.mark.parametrize("role", ["assistant", "coordinator"])
def test_every_guarded_function_refuses_a_role_without_its_permission(house_db, staff, role):
    lacking = [(name, fn) for name, fn in _guarded() if not allowed(role, GUARDED[fn])]
    assert lacking  # each of these roles lacks something
    answers = {name: _refused(fn, house_db, staff[role]) for name, fn in lacking}
    wrong = {name: a for name, a in answers.items() if "Нямате право" not in (a or "")}
    assert wrong == {}


def test_the_table_gives_the_administrator_everything_and_the_assistant_the_desk():
    assert PERMISSIONS[UserRole.ADMIN] == frozenset(Permission)
    assert PERMISSIONS[UserRole.ASSISTANT] < PERMISSIONS[UserRole.COORDINATOR]
    assert PERMISSIONS[UserRole.COORDINATOR] < PERMISSIONS[UserRole.ADMIN]
    for may in (Permission.DESK, Permission.TOYS, Permission.DOCUMENTS, Permission.EXPORT):
        assert allowed("assistant", may)
    for may_not in (Permission.USERS, Permission.CONSOLIDATE, Permission.RESTORE,
                    Permission.ERASURE, Permission.AUDIT):  # fmt: skip
        assert not allowed("assistant", may_not)
    assert allowed("coordinator", Permission.CONSOLIDATE)
    assert not allowed("coordinator", Permission.USERS)
    assert not allowed("nobody", Permission.DESK)


def test_an_assistant_claiming_to_be_admin_manages_no_users(house_db, staff):
    forged = Actor(staff["assistant"].user_id, "Ася", "admin")
    with pytest.raises(PermissionDeniedError, match="Ролята ви е променена"):
        users.create_user(house_db, forged, username="x1", full_name="X", role="admin",
                          password="parola-456")  # fmt: skip
    with pytest.raises(PermissionDeniedError, match="Нямате право"):
        users.set_password(house_db, staff["assistant"], staff["coordinator"].user_id,
                           "parola-789a", "parola-789a")  # fmt: skip
    users.set_password(house_db, staff["assistant"], staff["assistant"].user_id,
                       "parola-789a", "parola-789a")  # fmt: skip  # one's own: allowed


def test_an_assistant_may_not_change_settings_nor_consolidate(house_db, staff, tmp_path):
    from bgfuture_desk.services.exchange.consolidate import consolidate

    with pytest.raises(PermissionDeniedError, match="„администратор“"):
        settings.update_settings(house_db, staff["assistant"], {"loan_days": 30})
    with pytest.raises(PermissionDeniedError, match="„координатор“, „администратор“"):
        consolidate(tmp_path / "all.sqlite", [], "x", db=house_db, actor=staff["assistant"])
    assert not (tmp_path / "all.sqlite").exists()


def test_a_user_deactivated_while_signed_in_reads_nothing_more(house_db, admin, staff):
    users.authenticate(house_db, "asya", "parola-456")
    assert house_db.signed_in == staff["assistant"]
    assert settings.house_details(house_db).name  # reads while active
    users.update_user(house_db, admin, staff["assistant"].user_id, full_name="asya",
                      role="assistant", active=False)  # fmt: skip
    with pytest.raises(PermissionDeniedError, match="вече не е активен"):
        settings.house_details(house_db)
    with pytest.raises(PermissionDeniedError, match="вече не е активен"):
        families_q.get_family(house_db, staff["assistant"].user_id)
