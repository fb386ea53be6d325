"""The family's consents at the reception: its state on the panel, and recording a form.

The state (missing, partial, complete, withdrawn) and each member's photo consent are read
whenever the family is shown; „Съгласия…“ records a signed form, which can be undone from
the status line.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.consents import service as consents
from bgfuture_desk.services.consents.service import ConsentView
from bgfuture_desk.ui.documents.consent_dialog import ConsentDialog, consents_saved_text

if TYPE_CHECKING:
    from bgfuture_desk.ui.reception.page import ReceptionPage


class ConsentActions:
    def __init__(self, page: ReceptionPage) -> None:
        self.page = page
        self.dialog: ConsentDialog | None = None  # the last one opened (tests use it)

    def show_state(self, family_id: uuid.UUID) -> None:
        try:
            state = consents.family_consent_state(self.page.db, family_id)
        except UserError:
            state = None
        self.page.family_panel.show_consent(state)

    def record(self) -> None:
        family = self.page.family_panel.family
        if family is None or self.page.actor is None:
            return
        dialog = ConsentDialog(self.page.db, self.page.actor, family, self.page)
        dialog.consents_saved.connect(self.on_saved)
        self.dialog = dialog
        dialog.open()

    def on_saved(self, saved: list[ConsentView]) -> None:
        if not saved:
            return
        ids = [c.id for c in saved]
        self.page.notify(consents_saved_text(saved), undo=lambda: self.cancel(ids))
        self.page.reshow_family()

    def cancel(self, ids: list[uuid.UUID]) -> None:
        actor = self.page.actor
        if actor is None:
            return
        if self.page.attempt(lambda: consents.cancel_consents(self.page.db, actor, ids)):
            self.page.notify(_("The consent recorded by mistake was removed."))
        self.page.reshow_family()
