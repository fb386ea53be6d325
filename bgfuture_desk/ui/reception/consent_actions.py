"""The family's consents at the reception: its state on the panel, and recording a form.

The state (missing, partial, complete, withdrawn) and each member's photo consent are read
whenever the family is shown; „Съгласия…“ records a signed form, which can be undone from
the status line. After either, ``changed`` asks the page to show the family again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.consents import service as consents
from bgfuture_desk.services.consents.service import ConsentView, FamilyConsentState
from bgfuture_desk.services.families.service import FamilyView
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.documents.consent_dialog import ConsentDialog, consents_saved_text
from bgfuture_desk.ui.widgets.actions import ScreenActions


class ConsentActions(ScreenActions):
    changed = Signal()  # consents recorded or removed: the family is shown again

    def __init__(
        self,
        db: Database,
        parent: QWidget,
        actor: Callable[[], Actor | None],
        family: Callable[[], FamilyView | None],
    ) -> None:
        super().__init__(db, parent, actor)
        self.family = family  # the family shown

    def state_of(self, family_id: uuid.UUID) -> FamilyConsentState | None:
        try:
            return consents.family_consent_state(self.db, family_id)
        except UserError:
            return None

    def record(self) -> None:
        family, actor = self.family(), self.actor()
        if family is None or actor is None:
            return
        dialog = ConsentDialog(self.db, actor, family, self.parent_widget)
        dialog.consents_saved.connect(self.on_saved)
        self.dialog = dialog
        dialog.open()

    def on_saved(self, saved: list[ConsentView]) -> None:
        if not saved:
            return
        ids = [c.id for c in saved]
        self.notify(consents_saved_text(saved), undo=lambda: self.cancel(ids))
        self.changed.emit()

    def cancel(self, ids: list[uuid.UUID]) -> None:
        actor = self.actor()
        if actor is None:
            return
        if self.attempt(lambda: consents.cancel_consents(self.db, actor, ids)):
            self.notify(_("The consent recorded by mistake was removed."))
        self.changed.emit()
