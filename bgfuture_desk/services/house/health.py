"""The ``check`` of a database: integrity, schema version, what it holds."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from bgfuture_desk.db import migrate
from bgfuture_desk.db.models import TRAVELLING_MODELS, House, Setting
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.i18n import N_, _, ngettext
from bgfuture_desk.services.unit import Database, local_house, needs

_KIND_LABELS = {
    "users": N_("users"), "specialists": N_("specialists"), "institutions": N_("institutions"),
    "families": N_("families"), "people": N_("people"), "visits": N_("visits"),
    "visit_people": N_("people in visits"), "visit_purposes": N_("purposes of visits"),
    "programmes": N_("programmes"), "groups": N_("groups"), "sessions": N_("group sessions"),
    "enrolments": N_("enrolments"), "attendances": N_("attendance marks"), "toys": N_("toys"),
    "loans": N_("loans"), "loan_reminders": N_("loan reminders"),
    "reservations": N_("reservations"), "consent_forms": N_("consent form versions"),
    "consents": N_("consents"), "referrals": N_("referrals"),
    "audit_events": N_("audit events"), "export_logs": N_("exports"),
}


def kind_label(table: str) -> str:
    """The Bulgarian name of a kind of record (a table), for counts shown to people."""
    return _(_KIND_LABELS[table]) if table in _KIND_LABELS else table


@dataclass(frozen=True)
class Health:
    integrity_ok: bool
    integrity_detail: str
    schema_current: str | None
    schema_head: str
    house_code: str
    house_name: str
    counts: dict[str, int]  # table name → live (not tombstoned) records

    @property
    def schema_up_to_date(self) -> bool:
        return self.schema_current == self.schema_head


@needs(Permission.DESK)
def record_counts(db: Database, tables: Collection[str] | None = None) -> dict[str, int]:
    """Live (not tombstoned) records per table, of ``tables`` only when given: a screen asks
    for what it shows (counting the visits or the audit trail of a ten-year house in full
    takes longer than the start of the whole desk should)."""
    with db.read() as session:
        return _counts(session, tables)


def _counts(session: Session, tables: Collection[str] | None = None) -> dict[str, int]:
    return {
        m.__tablename__: session.scalar(
            select(func.count()).select_from(m).where(m.deleted_at.is_(None))
        ) or 0
        for m in TRAVELLING_MODELS
        if tables is None or m.__tablename__ in tables
    }


@needs(Permission.DESK)
def check_database(db: Database) -> Health:
    state = migrate.schema_state(db.engine)
    with db.read() as session:
        if db.engine.dialect.name == "sqlite":
            rows = [r[0] for r in session.execute(text("PRAGMA integrity_check")).all()]
            fk = session.execute(text("PRAGMA foreign_key_check")).all()
            ok = rows == ["ok"] and not fk
            detail = "; ".join(rows[:5]) + (f"; foreign keys: {len(fk)}" if fk else "")
        else:
            ok, detail = True, "ok"
        counts = _counts(session)
        code, name = _house_of(session)
        return Health(ok, detail, state.current, state.head, code, name, counts)


def _house_of(session: Session) -> tuple[str, str]:
    """(code, name) of a house file; a consolidated database names all its houses."""
    if session.get(Setting, "house_id") is not None:
        house = local_house(session)
        return house.code, house.name
    houses = session.execute(select(House.code, House.name).order_by(House.code)).all()
    if not houses:
        return "", _("consolidated database, no house imported yet")
    name = ngettext("consolidated database of {n} house", "consolidated database of {n} houses",
                    len(houses)).format(n=len(houses))
    return ", ".join(h.code for h in houses), name
