"""Who read whose full record: the art. 15 report and the consent forms leave a trace.

The event names the reader (the user signed in, or the program itself on the command line),
the moment and the record's id; nothing of what was read.
"""

from __future__ import annotations

from collections.abc import Iterable

from bgfuture_desk.db.models import AuditEvent
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.services.unit import Actor, Database, needs

READ_OPERATION = "read"


@needs(Permission.DESK)  # its callers checked their own, stronger permission already
def record_reading(db: Database, action: str, entity: str, ids: Iterable[str]) -> None:
    """One event per record read, in a transaction of its own, by whoever is signed in."""
    wanted = list(dict.fromkeys(str(i) for i in ids if i))
    if not wanted:
        return
    actor = db.signed_in or Actor.system()
    with db.unit(actor, action) as uow:
        house = uow.house()
        now = uow.clock.utcnow()
        uow.session.add_all(
            AuditEvent(
                house_id=house.id,
                user_id=actor.user_id,
                at=now,
                action=action,
                entity=entity,
                entity_id=entity_id,
                operation=READ_OPERATION,
                fields={},
            )
            for entity_id in wanted
        )
        uow.commit()
