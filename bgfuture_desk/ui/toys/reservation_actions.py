"""Reserving a toy for a family and cancelling the reservation, each with its undo.

Used from the catalogue („Запази за семейство…“) and from the desk (a toy refused because
another family has it). The owner hands down the database and the acting user and connects
``changed`` and ``notified``.
"""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QWidget

from bgfuture_desk.i18n import _
from bgfuture_desk.services.toys import service as toys
from bgfuture_desk.services.toys.service import ReservationView, ToyView
from bgfuture_desk.services.unit import Database
from bgfuture_desk.ui.toys.common import ActorSource, ToyActions


class ReservationActions(ToyActions):
    def __init__(self, db: Database, actor: ActorSource, parent: QWidget) -> None:
        super().__init__(db, parent, actor)

    def reserve(self, toy: ToyView, family_id: uuid.UUID, family_code: str) -> None:
        actor = self.actor()
        if actor is None:
            return
        reservation = self.run(lambda: toys.reserve_toy(self.db, actor, toy.id, family_id))
        if reservation is None:
            return
        self.notify(
            _("{toy} is reserved for {family}.").format(
                toy=f"{toy.inventory_code} {toy.name}", family=family_code
            ),
            undo=lambda: self.cancel_reservation(toy, reservation, undoable=False),
        )
        self.changed.emit()

    def cancel_reservation(
        self, toy: ToyView, reservation: ReservationView, *, undoable: bool = True
    ) -> None:
        actor = self.actor()
        if actor is None:
            return
        cancelled = self.run(lambda: toys.cancel_reservation(self.db, actor, reservation.id))
        if cancelled is None:
            return
        family_id, code = reservation.family_id, reservation.family_code
        self.notify(
            _("The reservation of {toy} for {family} was cancelled.").format(
                toy=toy.inventory_code, family=code
            ),
            undo=(lambda: self.reserve(toy, family_id, code)) if undoable else None,
        )
        self.changed.emit()
