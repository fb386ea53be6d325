"""The audit trail as a PDF for an inspection: the filters in words, then the events."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from bgfuture_desk.db.models import AuditEvent
from bgfuture_desk.documents.audit_trail import AuditTrailData, audit_trail_pdf
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.i18n import _, format_date, format_datetime
from bgfuture_desk.services.audit.browse import AuditFilters, check_filters, read_events
from bgfuture_desk.services.audit.labels import action_label
from bgfuture_desk.services.exchange.export import write_atomically
from bgfuture_desk.services.printouts.printing import house_header
from bgfuture_desk.services.unit import Actor, Database, guarded
from bgfuture_desk.services.users.service import list_users

#: at most this many events in one document (about 150 pages); the rest wait for a narrower choice
EXPORT_LIMIT = 5000


def describe_filters(filters: AuditFilters, user_name: str) -> tuple[tuple[str, str], ...]:
    """The choice in words, for the document's reader: every part, „всички“ when open."""
    every = _("all")
    if filters.date_from and filters.date_to:
        period = _("from {start} to {end}").format(
            start=format_date(filters.date_from), end=format_date(filters.date_to)
        )
    elif filters.date_from:
        period = _("from {start}").format(start=format_date(filters.date_from))
    elif filters.date_to:
        period = _("until {end}").format(end=format_date(filters.date_to))
    else:
        period = _("the whole trail")
    return (
        (_("Period"), period),
        (_("User"), user_name or every),
        (_("Action"), action_label(filters.action) if filters.action else every),
        (_("Record"), filters.record.strip() or every),
    )


def _one_line(text: str) -> str:
    return text.replace(" ", "\u00a0")


@guarded(Permission.AUDIT)
def audit_pdf(db: Database, actor: Actor, filters: AuditFilters,
              limit: int = EXPORT_LIMIT) -> bytes:  # fmt: skip
    """The events ``filters`` select (the newest ``limit``) as a PDF; the export itself goes
    into the trail (who exported how many events, not what they hold)."""
    check_filters(filters)
    user_name = ""
    if filters.user_id is not None:
        user_name = next((u.full_name for u in list_users(db) if u.id == filters.user_id), "")
    with db.read() as session:
        page = read_events(session, filters, db.clock, limit)
    data = AuditTrailData(
        filters=describe_filters(filters, user_name),
        rows=tuple(
            (_one_line(format_datetime(r.at)), r.user, r.action_label, r.record,
             r.operation_label)  # fmt: skip
            for r in page.rows
        ),
        more=page.more,
        printed_on=db.clock.today(),
    )
    pdf = audit_trail_pdf(data, house_header(db))
    with db.unit(actor, "export_audit") as uow:
        house = uow.house()
        uow.session.add(
            AuditEvent(
                house_id=house.id,
                user_id=actor.user_id,
                at=uow.clock.utcnow(),
                action="export_audit",
                entity="audit_events",
                entity_id=str(house.id),
                operation="read",
                fields={"events": len(page.rows)},
            )
        )
        uow.commit()
    return pdf



@guarded(Permission.AUDIT)
def save_audit_pdf(db: Database, actor: Actor, filters: AuditFilters, path: Path) -> Path:
    """Write the PDF of ``audit_pdf`` whole or not at all, readable by its owner only."""
    data = audit_pdf(db, actor, filters)

    def fill(fh: BinaryIO) -> None:
        fh.write(data)

    write_atomically(path, fill)
    return path
