"""Typed errors: a user's mistake (shown in Bulgarian, exit 2) versus everything else."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or a refused action; ``str(err)`` is one Bulgarian sentence for the user."""

    exit_status = 2

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationError(UserError):
    """One or more fields of a form are wrong; ``errors`` maps field name to message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()), next(iter(errors), None))
        self.errors = errors


class NotFoundError(UserError):
    pass


class DatabaseFileError(UserError):
    """The database file is missing, unreadable, not a database, or from a newer version."""


class DamagedFileError(DatabaseFileError):
    """The house file fails SQLite's integrity check, or is not a database at all."""


class LockedFileError(DatabaseFileError):
    """The house file is encrypted and its key is not in this user's key store: it opens
    after a staff login (the key wrapped by a password) or with the recovery key."""

    def __init__(self, message: str, path: object = None) -> None:
        super().__init__(message)
        self.path = path


class ReadOnlyError(UserError):
    """The house file was opened read-only: nothing may be written to it."""


class PermissionDeniedError(UserError):
    pass


class SessionEndedError(PermissionDeniedError):
    """The acting user was deactivated (or given another role) while logged in: the session
    ends, and the screens go back to the login."""
