"""The unit of work: one user action, one transaction, its audit events inside it.

Services open ``with db.unit(actor, "action_name") as uow:`` and call ``uow.commit()``;
leaving the block without committing rolls everything back. Every travelling record that
the action inserts, changes or tombstones, and every change to the house's details or
settings, gets an audit event (who, when, which record, which fields) written in the same
flush, so an action cannot forget its trail.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect as pyinspect
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import Engine, event, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from bgfuture_desk.db.engine import BEGIN_OPTION, BEGIN_WRITE
from bgfuture_desk.db.models import AuditEvent, House, Setting, Travelling, User, utcnow
from bgfuture_desk.domain.clock import SYSTEM_CLOCK, Clock
from bgfuture_desk.domain.permissions import Permission, allowed, roles_with
from bgfuture_desk.domain.text import text_problem
from bgfuture_desk.errors import (
    NotFoundError,
    PermissionDeniedError,
    ReadOnlyError,
    SessionEndedError,
    ValidationError,
)
from bgfuture_desk.i18n import _


@dataclass(frozen=True)
class Actor:
    """The person logged in; ``None`` user id means the program itself (set-up, demo)."""

    user_id: uuid.UUID | None
    name: str
    role: str

    @classmethod
    def system(cls) -> Actor:
        return cls(user_id=None, name=_("the system"), role="admin")


def _jsonable(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | dict | str | int | float | bool) or value is None:
        return value
    return str(value)


_SECRET_FIELDS = {"password_hash", "egn"}


def _field_value(name: str, value: Any) -> Any:
    return "***" if name in _SECRET_FIELDS and value else _jsonable(value)


def _changes(obj: Travelling) -> dict[str, Any]:
    state = inspect(obj)
    changed = {}
    for attr in state.mapper.column_attrs:
        if attr.key in ("updated_at", "created_at"):
            continue
        hist = state.attrs[attr.key].history
        if hist.has_changes():
            changed[attr.key] = _field_value(attr.key, hist.added[0] if hist.added else None)
    return changed


def _audited(obj: object) -> bool:
    """Travelling records, and the house's own details and settings (an admin's changes)."""
    return isinstance(obj, Travelling | House | Setting) and not isinstance(obj, AuditEvent)


def _identity(session: Session, obj: Travelling | House | Setting) -> tuple[uuid.UUID, str]:
    """(house id, entity id) of an audited record."""
    if isinstance(obj, Setting):
        with session.no_autoflush:
            return local_house(session).id, obj.key
    if obj.id is None:
        obj.id = uuid.uuid4()
    return (obj.id if isinstance(obj, House) else obj.house_id), str(obj.id)


def _refuse_bad_text(session: Session, _ctx: Any, _instances: Any) -> None:
    """Every text written by any action passes ``domain.text``: refused with the field's
    name, before anything reaches the file (the form keeps what was typed)."""
    new = set(session.new)
    for obj in [*new, *session.dirty]:
        state = inspect(obj)
        for attr in state.attrs:
            value = attr.value
            if not isinstance(value, str) or (obj not in new and not attr.history.has_changes()):
                continue
            problem = text_problem(value)
            if problem is not None:
                raise ValidationError({attr.key: problem})


def clock_of(session: Session) -> Clock:
    """The clock of the database a session belongs to (the system clock for a bare one)."""
    db = session.info.get("db")
    return db.clock if isinstance(db, Database) else SYSTEM_CLOCK


def _audit_before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    action = session.info.get("action")
    if action is None:
        return
    actor: Actor = session.info["actor"]
    now = utcnow()
    events = []
    new = set(session.new)  # session.new builds a fresh set on every access
    for obj in [*new, *session.dirty]:
        # A new house is left out: its event would point to a row not yet written (SQLite
        # orders the inserts of unrelated tables freely); set-up's other events record it.
        if not _audited(obj) or (isinstance(obj, House) and obj in new):
            continue
        fields = _changes(obj)
        if obj in new:
            operation = "insert"
        elif not fields:
            continue
        else:
            deleted = "deleted_at" in fields and getattr(obj, "deleted_at", None)
            operation = "delete" if deleted else "update"
            obj.updated_at = now
        house_id, entity_id = _identity(session, obj)
        events.append(
            AuditEvent(
                house_id=house_id,
                user_id=actor.user_id,
                at=now,
                action=action,
                entity=type(obj).__tablename__,
                entity_id=entity_id,
                operation=operation,
                fields=fields,
            )
        )
    session.add_all(events)


def local_house(session: Session) -> House:
    """The house this file belongs to (recorded at set-up in the settings)."""
    house_id = session.get(Setting, "house_id")
    house = session.get(House, uuid.UUID(house_id.value)) if house_id else None
    if house is None:
        house = session.scalars(select(House).order_by(House.created_at)).first()
    if house is None:
        raise NotFoundError(_("The database has no house yet. Run the first set-up."))
    return house


def _refuse(session: Session | None, message: str) -> PermissionDeniedError:
    if session is not None:
        session.close()
    return PermissionDeniedError(message)


def _end_session(session: Session, actor: Actor, message: str) -> SessionEndedError:
    """The refusal that ends a session; whoever watches the database (the app's window,
    ``Database.on_session_ended``) is told, so that it returns to the login."""
    db = session.info.get("db")
    session.close()
    if isinstance(db, Database) and db.on_session_ended is not None:
        db.on_session_ended(actor, message)
    return SessionEndedError(message)


def check_user(session: Session, actor: Actor, permission: Permission | None = None) -> None:
    """Refuse unless the acting user, as stored in the file, is active, has the role the
    caller claims and, by that stored role, the permission (``domain.permissions``).

    The program itself (``Actor.system()``: set-up, the demo, the command line run by
    whoever can open the file anyway) is no stored user: only its role is checked.
    """
    if actor.user_id is None:
        if permission is not None and not allowed(actor.role, permission):
            raise _refuse(session, _refusal(permission))
        return
    user = session.get(User, actor.user_id)
    if user is None or user.deleted_at is not None or not user.active:
        message = _("This account is no longer active; ask the administrator.")
        raise _end_session(session, actor, message)
    if user.role != actor.role:
        raise _end_session(session, actor, _("Your role has changed; log in again to go on."))
    if permission is not None and not allowed(user.role, permission):
        raise _refuse(session, _refusal(permission))


def _refusal(permission: Permission) -> str:
    roles = ", ".join(f"„{role.label}“" for role in roles_with(permission))
    return _("You have no right to do this; it is for: {roles}.").format(roles=roles)


def require(db: Database | None, actor: Actor | None, permission: Permission) -> None:
    """The check of ``check_user`` in a session of its own: for reads, and for the parts of
    an action only some roles may do (an administrator's override)."""
    if actor is None:
        return
    if actor.user_id is None:
        if not allowed(actor.role, permission):
            raise _refuse(None, _refusal(permission))
        return
    if db is None:
        raise _refuse(None, _("You have no right to do this without logging in."))
    with db.read() as session:
        check_user(session, actor, permission)


P = ParamSpec("P")
R = TypeVar("R")
#: every guarded service function → the permission it checks (read by the tests)
GUARDED: dict[Callable[..., Any], Permission] = {}


def guarded(permission: Permission) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Mark a service function as needing ``permission`` and check it on every call.

    The function takes the acting user as ``actor`` and the house as ``db`` (either may
    default to ``None`` for work on files, where ``None`` is the program itself); the user
    is read from ``db``, so a forged or stale ``Actor`` is refused before anything runs.
    """

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        signature = pyinspect.signature(fn)
        if "actor" not in signature.parameters:
            raise TypeError(f"{fn.__qualname__} takes no actor to check")

        @functools.wraps(fn)
        def checked(*args: P.args, **kwargs: P.kwargs) -> R:
            bound = signature.bind_partial(*args, **kwargs).arguments
            require(bound.get("db"), bound.get("actor"), permission)
            return fn(*args, **kwargs)

        GUARDED[checked] = permission
        return checked

    return decorate


def needs(permission: Permission) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Mark a read of the house (``db``, no ``actor``) as needing ``permission`` of the user
    signed in on that database (``Database.signed_in``, kept by the app's login, switch and
    lock), checked on every call: a user deactivated or demoted while the window stayed
    open sees nothing more at the next refresh. With nobody signed in (the command line,
    set-up, the demo) the program itself reads."""

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        signature = pyinspect.signature(fn)
        if "db" not in signature.parameters:
            raise TypeError(f"{fn.__qualname__} takes no database to check")

        @functools.wraps(fn)
        def checked(*args: P.args, **kwargs: P.kwargs) -> R:
            db = signature.bind_partial(*args, **kwargs).arguments.get("db")
            if isinstance(db, Database):
                require(db, db.signed_in, permission)
            return fn(*args, **kwargs)

        GUARDED[checked] = permission
        return checked

    return decorate


#: actions that may run on a file opened read-only, writing nothing: logging in, the lock
#: screen and switching users (their audit events are left out: the file cannot take them)
READ_ONLY_ACTIONS = frozenset({"login", "lock", "unlock", "switch_user"})


def read_only_message() -> str:
    return _(
        "The file is read-only: nothing can be saved in it. Ask the administrator to open "
        "the house file with the right to write (or close the other window of the program)."
    )


class UnitOfWork:
    def __init__(self, db: Database, actor: Actor, action: str) -> None:
        if db.read_only and action not in READ_ONLY_ACTIONS:
            raise ReadOnlyError(read_only_message())
        self.db = db
        self.clock = db.clock
        self.actor = actor
        self.action = action
        self.session: Session = db.session_factory()
        self.session.info.update(actor=actor, action=action)
        self._committed = False
        if db.engine.dialect.name == "sqlite" and not db.read_only:
            # the write lock first, then the checks: what they read stays true until commit
            self.session.connection(execution_options={BEGIN_OPTION: BEGIN_WRITE})
        if actor.user_id is not None:
            self._check_actor()

    def _check_actor(self) -> None:
        """Whoever acts is read from the file, not trusted from the caller: an account
        deactivated (or demoted) while its window stayed open writes nothing more. Checked
        again here, under the write lock, after the service's ``guarded`` permission check."""
        check_user(self.session, self.actor)

    def __enter__(self) -> UnitOfWork:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self._committed:
            self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        if self.db.read_only:  # a login on a read-only file: nothing is written
            self.session.rollback()
            self._committed = True
            return
        self.session.commit()
        self._committed = True

    def house(self) -> House:
        return self.db.local_house(self.session)

    def tombstone(self, obj: Travelling) -> None:
        obj.deleted_at = utcnow()


class Database:
    """An opened house (or consolidated) database: the engine and how to talk to it."""

    def __init__(
        self,
        engine: Engine,
        path: Path | None = None,
        clock: Clock = SYSTEM_CLOCK,
        *,
        read_only: bool = False,
    ):
        self.engine = engine
        self.path = path
        self.read_only = read_only  # opened with SQLite's mode=ro: every writing action refused
        self.clock = clock  # the one clock every rule reads "today" and "now" from
        self.signed_in: Actor | None = None  # who is logged in on the app's window (``needs``)
        # told (from any thread) when a user is refused because the account was deactivated
        # or its role changed: the app ends that user's session
        self.on_session_ended: Callable[[Actor, str], None] | None = None
        self.session_factory = sessionmaker(engine, expire_on_commit=False, info={"db": self})
        event.listen(self.session_factory, "before_flush", _refuse_bad_text)
        event.listen(self.session_factory, "before_flush", _audit_before_flush)

    def unit(self, actor: Actor, action: str) -> UnitOfWork:
        return UnitOfWork(self, actor, action)

    def read(self) -> Session:
        """A session for queries only (the read side); use as a context manager."""
        return self.session_factory()

    def local_house(self, session: Session) -> House:
        return local_house(session)

    def dispose(self) -> None:
        self.engine.dispose()
