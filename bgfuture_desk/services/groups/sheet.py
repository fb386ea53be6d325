"""The data of a session's attendance sheet (``printing.attendance_sheet`` prints it)."""

from __future__ import annotations

import uuid

from bgfuture_desk.documents.attendance_sheet import AttendanceSheetData, SheetRow
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.domain.vocab import AttendanceStatus, GroupTarget, SessionStatus
from bgfuture_desk.errors import NotFoundError, UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.groups.attendance import RegisterRow, register
from bgfuture_desk.services.groups.queries import SessionView, get_group, get_session, label
from bgfuture_desk.services.unit import Database, needs

BLANK_BEFORE, BLANK_AFTER = 6, 2
_CHILDREN = {GroupTarget.CHILDREN_0_3.value, GroupTarget.CHILDREN_3_7.value}


def session_key(session_id: uuid.UUID | str) -> uuid.UUID:
    """A session id as given on the command line or by a screen."""
    if isinstance(session_id, uuid.UUID):
        return session_id
    try:
        return uuid.UUID(str(session_id).strip())
    except ValueError:
        raise NotFoundError(
            _("There is no session with the id {id}.").format(id=str(session_id).strip())
        ) from None


def _counts(rows: list[RegisterRow]) -> tuple[tuple[str, int], ...]:
    """„Записани: 11 · Присъствали: 8 · …“ under a marked sheet."""
    statuses = (
        (_("Present (count)"), AttendanceStatus.PRESENT),
        (_("Absent (count)"), AttendanceStatus.ABSENT),
        (_("Excused (count)"), AttendanceStatus.EXCUSED),
    )
    return (
        (_("Enrolled (count)"), sum(r.enrolled for r in rows)),
        *((text, sum(r.status == status for r in rows)) for text, status in statuses),
        (_("Walk-ins (count)"), sum(not r.enrolled for r in rows)),
    )


def _sheet_row(row: RegisterRow, with_marks: bool) -> SheetRow:
    mark = label(AttendanceStatus, row.status) if with_marks and row.status else ""
    return SheetRow(
        full_name=row.full_name,
        family_code=row.family_code or "",
        mark=mark,
        note=row.note if with_marks else "",
        walk_in=not row.enrolled,
    )


@needs(Permission.GROUPS)
def attendance_sheet_data(
    db: Database, session_id: uuid.UUID | str, with_marks: bool | None = None
) -> AttendanceSheetData:
    """The sheet of a session: empty before it is held, with its marks after (``None``
    decides by the session's status). A cancelled session has no sheet to sign."""
    view: SessionView = get_session(db, session_key(session_id))
    if view.status == SessionStatus.CANCELLED:
        raise UserError(_("The session was cancelled: there is no attendance sheet to print."))
    marked = view.status == SessionStatus.HELD if with_marks is None else with_marks
    target = get_group(db, view.group_id).target
    rows = register(db, view.id)
    return AttendanceSheetData(
        programme=view.programme_name,
        group=view.group_name,
        day=view.starts_at.date(),
        starts_at=view.starts_at.time(),
        ends_at=view.ends_at.time(),
        place=view.place,
        facilitator=view.facilitator_name or "",
        topic=view.topic,
        target=label(GroupTarget, target),
        rows=tuple(_sheet_row(r, marked) for r in rows),
        with_marks=marked,
        blank_rows=BLANK_AFTER if marked else BLANK_BEFORE,
        for_children=target in _CHILDREN,
        counts=_counts(rows) if marked else (),
    )
