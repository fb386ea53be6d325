"""Parenting groups: programmes and groups (this module), sessions, enrolment, attendance,
completion and history (the modules re-exported below, so a screen imports one module).

Every write is one unit of work (audited); bad input raises ``ValidationError`` with a
Bulgarian message per field, or ``UserError`` / ``NotFoundError``, and nothing is saved.
Programmes are the house's set-up, so changing them takes a coordinator; everyone at the
desk runs the groups themselves.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from bgfuture_desk.db.models import Group, Programme, Specialist
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.vocab import GroupTarget
from bgfuture_desk.errors import ValidationError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.groups.attendance import (
    RegisterRow,
    add_walk_in,
    enrol,
    record_attendance,
    register,
    unenrol,
    walk_in_candidates,
)
from bgfuture_desk.services.groups.listing import (
    ProgrammeListRow,
    SessionListRow,
    list_programme_rows,
    list_session_rows,
)
from bgfuture_desk.services.groups.progress import (
    HistoryRow,
    ParticipantProgress,
    PersonGroupRow,
    ProgrammeNumbers,
    group_progress,
    person_groups,
    person_history,
    programme_numbers,
)
from bgfuture_desk.services.groups.queries import (
    EnrolmentView,
    GroupView,
    ProgrammeView,
    SessionView,
    enrolled_people,
    get_group,
    get_session,
    group_sessions,
    group_view,
    list_groups,
    list_programmes,
    live_group,
    live_programme,
    programme_view,
    sessions_between,
)
from bgfuture_desk.services.groups.sessions import (
    ScheduleResult,
    SessionInput,
    add_session,
    cancel_session,
    move_session,
    restore_session,
    schedule_sessions,
    update_session,
)
from bgfuture_desk.services.house.settings import get_int
from bgfuture_desk.services.unit import Actor, Database, guarded

__all__ = [
    "EnrolmentView",
    "GroupInput",
    "GroupView",
    "HistoryRow",
    "ParticipantProgress",
    "PersonGroupRow",
    "ProgrammeListRow",
    "ProgrammeNumbers",
    "ProgrammeView",
    "RegisterRow",
    "ScheduleResult",
    "SessionInput",
    "SessionListRow",
    "SessionView",
    "add_session",
    "add_walk_in",
    "archive_group",
    "cancel_session",
    "create_group",
    "create_programme",
    "enrol",
    "enrolled_people",
    "get_group",
    "get_session",
    "group_progress",
    "group_sessions",
    "list_groups",
    "list_programme_rows",
    "list_programmes",
    "list_session_rows",
    "move_session",
    "person_groups",
    "person_history",
    "programme_numbers",
    "record_attendance",
    "register",
    "restore_session",
    "schedule_sessions",
    "sessions_between",
    "unarchive_group",
    "unenrol",
    "update_group",
    "update_programme",
    "update_session",
    "walk_in_candidates",
]

MAX_PLANNED_SESSIONS = 200


@dataclass(frozen=True)
class GroupInput:
    programme_id: uuid.UUID
    name: str
    target: str  # a GroupTarget value
    facilitator_id: uuid.UUID | None = None
    planned_sessions: int = 0
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    completion_share: float | None = None  # None: the house setting (create) or unchanged


# ---- programmes ----


def _taken(
    session: Session, query: Select[uuid.UUID, str], name: str, own_id: uuid.UUID | None
) -> bool:
    """Whether another record of ``query`` (id, name) has this name, in any letter case
    (compared in Python: SQLite's lower() leaves Cyrillic alone)."""
    wanted = name.casefold()
    return any(n.casefold() == wanted and i != own_id for i, n in session.execute(query))


def _programme_errors(
    session: Session, name: str, description: str, programme_id: uuid.UUID | None
) -> dict[str, str]:
    errors = {}
    if not name:
        errors["name"] = _("Enter the name of the programme.")
    elif len(name) > 200:
        errors["name"] = _("The name may have at most {n} characters.").format(n=200)
    else:
        same = select(Programme.id, Programme.name).where(Programme.deleted_at.is_(None))
        if _taken(session, same, name, programme_id):
            errors["name"] = _("There is already a programme „{name}“.").format(name=name)
    if len(description) > 2000:
        errors["description"] = _("The description may have at most {n} characters.").format(n=2000)
    return errors


@guarded(Permission.PROGRAMMES)
def create_programme(db: Database, actor: Actor, name: str, description: str = "") -> ProgrammeView:
    name, description = name.strip(), description.strip()
    with db.unit(actor, "create_programme") as uow:
        errors = _programme_errors(uow.session, name, description, None)
        if errors:
            raise ValidationError(errors)
        programme = Programme(
            id=uuid.uuid4(), house_id=uow.house().id, name=name, description=description
        )
        uow.session.add(programme)
        uow.session.flush()
        view = programme_view(uow.session, programme)
        uow.commit()
    return view


@guarded(Permission.PROGRAMMES)
def update_programme(
    db: Database,
    actor: Actor,
    programme_id: uuid.UUID,
    *,
    name: str,
    description: str,
    active: bool,
) -> ProgrammeView:
    """Rename, describe, or (de)activate: an inactive programme gets no new groups."""
    name, description = name.strip(), description.strip()
    with db.unit(actor, "update_programme") as uow:
        programme = live_programme(uow.session, programme_id)
        errors = _programme_errors(uow.session, name, description, programme.id)
        if errors:
            raise ValidationError(errors)
        programme.name, programme.description, programme.active = name, description, active
        uow.session.flush()
        view = programme_view(uow.session, programme)
        uow.commit()
    return view


# ---- groups ----


def _group_errors(
    session: Session, data: GroupInput, group_id: uuid.UUID | None
) -> dict[str, str]:
    errors: dict[str, str] = {}
    name = data.name.strip()
    programme = session.get(Programme, data.programme_id) if data.programme_id else None
    if programme is None or programme.deleted_at is not None:
        errors["programme_id"] = _("Choose a programme.")
    elif group_id is None and not programme.active:
        errors["programme_id"] = _("The programme „{name}“ is not active.").format(
            name=programme.name
        )
    if not name:
        errors["name"] = _("Enter the name of the group.")
    elif len(name) > 200:
        errors["name"] = _("The name may have at most {n} characters.").format(n=200)
    elif "programme_id" not in errors:
        same = select(Group.id, Group.name).where(
            Group.deleted_at.is_(None), ~Group.archived, Group.programme_id == data.programme_id
        )
        if _taken(session, same, name, group_id):
            errors["name"] = _("This programme already has a group „{name}“.").format(name=name)
    if data.target not in {t.value for t in GroupTarget}:
        errors["target"] = _("Choose who the group is for.")
    if data.facilitator_id is not None:
        specialist = session.get(Specialist, data.facilitator_id)
        if specialist is None or specialist.deleted_at is not None:
            errors["facilitator_id"] = _("No such specialist.")
    planned = data.planned_sessions
    if isinstance(planned, bool) or not isinstance(planned, int) or not 0 <= planned <= 200:
        errors["planned_sessions"] = _("Enter a whole number from {low} to {high}.").format(
            low=0, high=MAX_PLANNED_SESSIONS
        )
    if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
        errors["ends_on"] = _("The group ends before it starts.")
    share = data.completion_share
    if share is not None and not 0.1 <= share <= 1:
        errors["completion_share"] = _("The share for completion must be from 10 % to 100 %.")
    return errors


def _apply_group(group: Group, data: GroupInput) -> None:
    group.programme_id = data.programme_id
    group.name = data.name.strip()
    group.target = data.target
    group.facilitator_id = data.facilitator_id
    group.planned_sessions = data.planned_sessions
    group.starts_on, group.ends_on = data.starts_on, data.ends_on
    if data.completion_share is not None:
        group.completion_share = round(data.completion_share, 4)


@guarded(Permission.GROUPS)
def create_group(db: Database, actor: Actor, data: GroupInput) -> GroupView:
    """A new group; without a share of its own it takes the house's completion setting."""
    with db.unit(actor, "create_group") as uow:
        errors = _group_errors(uow.session, data, None)
        if errors:
            raise ValidationError(errors)
        group = Group(id=uuid.uuid4(), house_id=uow.house().id)
        group.completion_share = get_int(uow.session, "completion_percent") / 100
        _apply_group(group, data)
        uow.session.add(group)
        uow.session.flush()
        view = group_view(uow.session, group.id)
        uow.commit()
    return view


@guarded(Permission.GROUPS)
def update_group(db: Database, actor: Actor, group_id: uuid.UUID, data: GroupInput) -> GroupView:
    with db.unit(actor, "update_group") as uow:
        group = live_group(uow.session, group_id)
        errors = _group_errors(uow.session, data, group.id)
        if errors:
            raise ValidationError(errors)
        _apply_group(group, data)
        uow.session.flush()
        view = group_view(uow.session, group.id)
        uow.commit()
    return view


def _set_archived(db: Database, actor: Actor, group_id: uuid.UUID, archived: bool) -> GroupView:
    with db.unit(actor, "archive_group" if archived else "unarchive_group") as uow:
        group = live_group(uow.session, group_id)
        group.archived = archived
        uow.session.flush()
        view = group_view(uow.session, group.id)
        uow.commit()
    return view


@guarded(Permission.GROUPS)
def archive_group(db: Database, actor: Actor, group_id: uuid.UUID) -> None:
    """Put a finished group away: it leaves the lists, its records stay."""
    _set_archived(db, actor, group_id, True)


@guarded(Permission.GROUPS)
def unarchive_group(db: Database, actor: Actor, group_id: uuid.UUID) -> GroupView:
    return _set_archived(db, actor, group_id, False)
