"""Users of the desk: accounts, roles, Argon2 passwords, login."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import AuditEvent, Setting, User
from bgfuture_desk.domain.logins import seconds_left
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.vocab import UserRole
from bgfuture_desk.errors import UserError, ValidationError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.house import key_wrap
from bgfuture_desk.services.unit import (
    Actor,
    Database,
    UnitOfWork,
    clock_of,
    guarded,
    needs,
    require,
)

MIN_PASSWORD = 10
MIN_PHRASE_WORDS = 4  # or a phrase of this many words, however short
_hasher = PasswordHasher()


@dataclass(frozen=True)
class UserRow:
    id: uuid.UUID
    username: str
    full_name: str
    role: str
    active: bool
    must_change_password: bool = False

    @property
    def role_label(self) -> str:
        return UserRole(self.role).label


def _row(u: User) -> UserRow:
    return UserRow(u.id, u.username, u.full_name, u.role, u.active, u.must_change_password)


def actor_of(user: UserRow) -> Actor:
    return Actor(user_id=user.id, name=user.full_name, role=user.role)


def strong_enough(password: str) -> bool:
    """At least ten characters, or four words (a phrase is easy to keep and hard to guess)."""
    return len(password) >= MIN_PASSWORD or len(password.split()) >= MIN_PHRASE_WORDS


def validate_user(username: str, full_name: str, role: str, password: str | None,
                  repeat: str | None = None) -> dict[str, str]:
    """Field-level Bulgarian messages for a new or edited user (empty when all is well)."""
    errors = {}
    if not username.strip():
        errors["username"] = _("Enter a user name.")
    elif any(ch.isspace() for ch in username.strip()):
        errors["username"] = _("The user name cannot contain spaces.")
    if not full_name.strip():
        errors["full_name"] = _("Enter the full name.")
    if role not in {r.value for r in UserRole}:
        errors["role"] = _("Choose a role.")
    if password is not None:
        if not strong_enough(password):
            errors["password"] = _(
                "The password must have at least {n} characters or be a phrase of {words} words."
            ).format(n=MIN_PASSWORD, words=MIN_PHRASE_WORDS)
        elif repeat is not None and password != repeat:
            errors["repeat"] = _("The two passwords differ.")
    return errors


def find_user(session: Session, username: str, house_id: uuid.UUID | None = None) -> User | None:
    """The live account with this name, ignoring case in any script.

    Compared in Python: SQLite's lower() folds only ASCII, so "Мария" and "мария" would
    count as two names. A house has a handful of users.
    """
    wanted = username.strip().casefold()
    query = select(User).where(User.deleted_at.is_(None))
    if house_id is not None:
        query = query.where(User.house_id == house_id)
    return next((u for u in session.scalars(query) if u.username.casefold() == wanted), None)


def add_user(uow: UnitOfWork, *, username: str, full_name: str, role: str,
             password: str, must_change: bool = False) -> User:
    """Create a user inside an open unit of work (used by set-up and by ``create_user``)."""
    errors = validate_user(username, full_name, role, password)
    house = uow.house()
    taken = find_user(uow.session, username, house_id=house.id)
    if taken and "username" not in errors:
        errors["username"] = _("This user name is already taken.")
    if errors:
        raise ValidationError(errors)
    user = User(house_id=house.id, username=username.strip(), full_name=full_name.strip(),
                role=role, password_hash=_hasher.hash(password), active=True,
                must_change_password=must_change)
    uow.session.add(user)
    return user


@guarded(Permission.USERS)
def create_user(db: Database, actor: Actor, *, username: str, full_name: str, role: str,
                password: str) -> UserRow:
    with db.unit(actor, "create_user") as uow:
        user = add_user(uow, username=username, full_name=full_name, role=role,
                        password=password)
        uow.commit()
    key_wrap.remember_password(db.path, user.username, password)  # opens the file anywhere
    return _row(user)


@needs(Permission.DESK)
def list_users(db: Database) -> list[UserRow]:
    with db.read() as session:
        users = session.scalars(
            select(User).where(User.deleted_at.is_(None)).order_by(User.full_name)
        )
        return [_row(u) for u in users]


@guarded(Permission.USERS)
def update_user(db: Database, actor: Actor, user_id: uuid.UUID, *, full_name: str, role: str,
                active: bool) -> UserRow:
    errors = validate_user("x", full_name, role, None)
    if errors:
        raise ValidationError(errors)
    with db.unit(actor, "update_user") as uow:
        user = uow.session.get(User, user_id)
        if user is None or user.deleted_at:
            raise UserError(_("No such user."))
        if user.id == actor.user_id and (not active or role != "admin"):
            raise UserError(_("You cannot take away your own administrator rights."))
        user.full_name, user.role, user.active = full_name.strip(), role, active
        uow.commit()
    if not active:
        key_wrap.forget_user(db.path, user.username)
    return _row(user)


@guarded(Permission.OWN_ACCOUNT)
def set_password(db: Database, actor: Actor, user_id: uuid.UUID, password: str,
                 repeat: str) -> None:
    """An administrator sets anyone's password; every user may change their own.

    A password set for somebody else is known to two people: its owner changes it at the
    next login (``must_change_password``); changing one's own clears that.
    """
    if user_id != actor.user_id:
        require(db, actor, Permission.USERS)
    errors = validate_user("x", "x", "admin", password, repeat)
    if errors:
        raise ValidationError(errors)
    with db.unit(actor, "set_password") as uow:  # audited: who, whose, never the password
        user = uow.session.get(User, user_id)
        if user is None:
            raise UserError(_("No such user."))
        user.password_hash = _hasher.hash(password)
        user.must_change_password = user_id != actor.user_id
        uow.commit()
        username = user.username
    key_wrap.remember_password(db.path, username, password)  # the old password's entry goes


@guarded(Permission.OWN_ACCOUNT)
def check_session(db: Database, actor: Actor) -> None:
    """Nothing, while ``actor`` may still work; a ``SessionEndedError`` once the account was
    deactivated or its role changed (the check is the guard's), before the next action."""


SESSION_EVENTS = ("lock", "unlock", "switch_user")


@guarded(Permission.OWN_ACCOUNT)
def record_session_event(
    db: Database, actor: Actor, event: str, *, previous: Actor | None = None
) -> None:
    """Put a lock, an unlock or a switch of user in the audit trail (a login records itself).

    ``switch_user`` is recorded by the user who took over, with whom they took over from.
    """
    if event not in SESSION_EVENTS:
        raise ValueError(event)
    with db.unit(actor, event) as uow:
        fields = {"from_user": str(previous.user_id)} if previous is not None else {}
        uow.session.add(
            AuditEvent(
                house_id=uow.house().id,
                user_id=actor.user_id,
                at=uow.clock.utcnow(),
                action=event,
                entity="users",
                entity_id=str(actor.user_id),
                operation=event[:16],
                fields=fields,
            )
        )
        uow.commit()


def authenticate(db: Database, username: str, password: str) -> UserRow:
    """The user if name and password match an active account; one message for every failure.

    After five wrong tries for a user name each further try waits longer (``domain.logins``),
    across restarts; an unknown name costs the same hashing as a wrong password, so names
    cannot be guessed by timing. Every try is in the audit trail, never the password typed.
    """
    failure = UserError(_("Wrong user name or password."), field="password")
    key = _failures_key(username)
    with db.unit(Actor.system(), "login") as uow:
        failures, last = _failures(uow.session, key)
        wait = seconds_left(failures, last, uow.clock.utcnow())
        if wait:
            raise UserError(
                _("Too many wrong passwords for „{name}“: wait {n} s and try again.").format(
                    name=username.strip(), n=wait
                ),
                field="password",
            )
        user = find_user(uow.session, username)
        stored = user.password_hash if user is not None and user.active else _dummy_hash()
        try:
            _hasher.verify(stored, password)
            good = user is not None and user.active
        except (VerificationError, InvalidHashError):
            good = False
        if not good or user is None:
            uow.session.info["action"] = "login_failed"
            _set_failures(uow.session, key, failures + 1)
            uow.commit()
            raise failure
        uow.session.info["actor"] = actor_of(_row(user))
        user.last_login_at = uow.clock.utcnow()
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
        if failures:
            _set_failures(uow.session, key, 0)
        uow.commit()
        row = _row(user)
    if db.path is not None and not key_wrap.has_entry(db.path, row.username):
        key_wrap.remember_password(db.path, row.username, password)  # a house made before
    db.signed_in = actor_of(row)  # the reads of this window are checked for this user
    return row


_FAILURES_PREFIX = "login_failures:"
_DUMMY: dict[tuple[int, int, int], str] = {}


def _failures_key(username: str) -> str:
    return _FAILURES_PREFIX + username.strip().casefold()[:40]


def _failures(session: Session, key: str) -> tuple[int, dt.datetime | None]:
    row = session.get(Setting, key)
    if row is None or not row.value:
        return 0, None
    count, _sep, when = row.value.partition("@")
    return int(count), dt.datetime.fromisoformat(when) if when else None


def _set_failures(session: Session, key: str, count: int) -> None:
    row = session.get(Setting, key)
    value = f"{count}@{clock_of(session).utcnow().isoformat()}" if count else ""
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def _dummy_hash() -> str:
    """A hash made with the hasher's own cost, verified when the name is unknown."""
    params = (_hasher.time_cost, _hasher.memory_cost, _hasher.parallelism)
    if params not in _DUMMY:
        _DUMMY[params] = _hasher.hash(uuid.uuid4().hex)
    return _DUMMY[params]


def has_users(db: Database) -> bool:
    with db.read() as session:
        return bool(session.scalar(select(func.count()).select_from(User)))
