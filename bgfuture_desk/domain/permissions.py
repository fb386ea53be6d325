"""Who may do what: the one table of permissions, read by every service and by the screens.

Three roles share a house's reception PC (``vocab.UserRole``):

- the **assistant** (сътрудник) runs the house day to day: the desk (families, visits),
  the parenting groups' sessions and attendance, the toy library, the documents (consent
  forms, referrals), the month's numbers, the monthly export and a backup copy. That is the
  whole of the job in DESIGN.md, so nothing of it is held back;
- the **coordinator** (координатор) does all of that and what spans houses or shapes the
  work: the programmes, and consolidating the houses' exports;
- the **administrator** does everything, and alone what can lock people out, change the
  rules, destroy data or look at everyone's trail: users and house settings (consent form
  texts included), the toy library's limits and blocks, restoring a backup over the house
  file, erasing a person, and browsing the audit trail.

The services check the permission against the user as stored in the house file, never
against the role a caller claims; the screens hide what a role may not do, from this same
table, but are not the guard.
"""

from __future__ import annotations

from enum import StrEnum

from bgfuture_desk.domain.vocab import UserRole


class Permission(StrEnum):
    OWN_ACCOUNT = "own_account"  # one's own password; lock, unlock, switch user
    DESK = "desk"  # families, people, visits, search: the reception
    GROUPS = "groups"  # groups, sessions, enrolment, attendance
    PROGRAMMES = "programmes"  # create and change the parenting programmes
    TOYS = "toys"  # catalogue, loans, returns, reservations
    LENDING_RULES = "lending_rules"  # pass a family's limit, block a family's borrowing
    DOCUMENTS = "documents"  # consents, referrals, institutions, their printouts
    REPORTS = "reports"  # the month's numbers
    EXPORT = "export"  # the monthly export of the house file
    BACKUP = "backup"  # a copy of the house file beside it
    CONSOLIDATE = "consolidate"  # merge the houses' exports
    USERS = "users"  # users, and the house's details and settings
    RESTORE = "restore"  # put a backup in place of the house file
    ERASURE = "erasure"  # erase a person or a family (GDPR art. 17)
    AUDIT = "audit"  # browse and export the audit trail


_ASSISTANT = frozenset(
    {
        Permission.OWN_ACCOUNT,
        Permission.DESK,
        Permission.GROUPS,
        Permission.TOYS,
        Permission.DOCUMENTS,
        Permission.REPORTS,
        Permission.EXPORT,
        Permission.BACKUP,
    }
)
_COORDINATOR = _ASSISTANT | {Permission.PROGRAMMES, Permission.CONSOLIDATE}

PERMISSIONS: dict[UserRole, frozenset[Permission]] = {
    UserRole.ASSISTANT: _ASSISTANT,
    UserRole.COORDINATOR: frozenset(_COORDINATOR),
    UserRole.ADMIN: frozenset(Permission),
}


def allowed(role: str, permission: Permission) -> bool:
    """Whether a role (its stored code) may do this; an unknown role may do nothing."""
    try:
        return permission in PERMISSIONS[UserRole(role)]
    except ValueError:
        return False


def roles_with(permission: Permission) -> list[UserRole]:
    """The roles that may do this, least powerful first (for a refusal's message)."""
    return [role for role in UserRole if permission in PERMISSIONS[role]]
