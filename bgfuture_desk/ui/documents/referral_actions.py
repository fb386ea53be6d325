"""What the referral buttons do: the dialogs, the confirmation, the undo, the slip.

Kept apart from the tab so the tab stays about showing. The tab hands down what an action
needs (the referral chosen, the acting user); each action ends with signals the tab connects:
read again (``changed``) and say what was done (``notified``), with an undo where there is one.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from bgfuture_desk.domain.vocab import ReferralStatus
from bgfuture_desk.i18n import _
from bgfuture_desk.services.families.search import SearchIndex
from bgfuture_desk.services.referrals import service as referrals
from bgfuture_desk.services.referrals.service import ReferralView
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.documents.referral_dialog import ReferralDialog, open_new_referral, show_slip
from bgfuture_desk.ui.documents.referral_outcome_dialog import ReferralOutcomeDialog
from bgfuture_desk.ui.models.referral_table_model import status_text, who_text
from bgfuture_desk.ui.widgets.fields import confirm
from bgfuture_desk.ui.widgets.service_call import run_shown

T = TypeVar("T")


class ReferralActions(QObject):
    created = Signal(object)  # ReferralView: show it, whatever the filter and search
    changed = Signal(object)  # the id to keep chosen (or None) when reading again
    notified = Signal(str, bool, object)  # text, error, undo (a callable or None)
    saved = Signal()  # a dialog saved: the list takes the focus back
    dialog_opened = Signal(object)  # the last dialog opened (tests use it)
    preview_shown = Signal(object)  # the last slip shown (tests use it)

    def __init__(self, db: Database, parent: QWidget, index: Callable[[], SearchIndex]) -> None:
        super().__init__(parent)
        self.db = db
        self.parent_widget = parent  # the parent of the dialogs
        self.index = index

    def _notify(self, text: str, *, error: bool = False, undo=None) -> None:
        self.notified.emit(text, error, undo)

    def _run(self, call: Callable[[], T]) -> T | None:
        """A service call whose refusal is shown in the message line."""
        return run_shown(call, lambda message: self._notify(message, error=True))

    def _opened(self, dialog) -> None:
        self.dialog_opened.emit(dialog)

    def new_referral(
        self,
        actor: Actor | None,
        family_id: uuid.UUID | None = None,
        person_id: uuid.UUID | None = None,
    ) -> None:
        if actor is None:
            return
        self._opened(
            open_new_referral(
                self.parent_widget,
                self.db,
                actor,
                family_id,
                person_id,
                index=self.index,
                on_saved=self._on_created,
            )
        )

    def _on_created(self, referral: ReferralView) -> None:
        self.created.emit(referral)
        self._notify(
            _("The referral {number} to {institution} was issued.").format(
                number=referral.number, institution=referral.institution
            )
        )

    def open_current(self, referral: ReferralView | None, actor: Actor | None) -> None:
        """Enter or a double click: correct an issued referral, else record its outcome."""
        if referral is None:
            return
        if referral.status == ReferralStatus.ISSUED:
            self.edit_referral(referral, actor)
        else:
            self.record_outcome(referral, actor)

    def edit_referral(self, referral: ReferralView | None, actor: Actor | None) -> None:
        if referral is None or actor is None:
            return
        if referral.status != ReferralStatus.ISSUED:
            message = _("The referral {number} already has feedback; record its outcome instead.")
            self._notify(message.format(number=referral.number), error=True)
            return
        dialog = ReferralDialog(
            self.db, actor, self.parent_widget, referral=referral, index=self.index
        )
        dialog.saved.connect(self._on_edited)
        self._opened(dialog)
        dialog.open()

    def _on_edited(self, referral: ReferralView) -> None:
        self.changed.emit(referral.id)
        self._notify(_("The referral {number} was saved.").format(number=referral.number))
        self.saved.emit()

    def record_outcome(self, referral: ReferralView | None, actor: Actor | None) -> None:
        if referral is None or actor is None:
            return
        dialog = ReferralOutcomeDialog(self.db, actor, referral, self.parent_widget)
        dialog.saved.connect(lambda new: self._on_outcome(actor, referral, new))
        self._opened(dialog)
        dialog.open()

    def _on_outcome(self, actor: Actor, before: ReferralView, after: ReferralView) -> None:
        self.changed.emit(after.id)
        self._notify(
            _("The referral {number}: {status}.").format(
                number=after.number, status=status_text(after)
            ),
            undo=lambda: self._set_status_back(actor, before),
        )
        self.saved.emit()

    def _set_status_back(self, actor: Actor, before: ReferralView) -> None:
        back = self._run(
            lambda: referrals.set_referral_status(
                self.db, actor, before.id, before.status, before.status_on, before.outcome
            )
        )
        if back is not None:
            self.changed.emit(before.id)
            self._notify(
                _("The referral {number} is {status} again.").format(
                    number=before.number, status=status_text(before)
                )
            )

    def cancel_referral(self, referral: ReferralView | None, actor: Actor | None) -> None:
        if referral is None or actor is None:
            return
        text = _(
            "Cancel the referral {number} ({who} → {institution}) as made by mistake? It "
            "leaves the list; its number is not given to another slip."
        ).format(number=referral.number, who=who_text(referral), institution=referral.institution)
        self._opened(
            confirm(
                self.parent_widget,
                _("Cancel the referral"),
                text,
                _("C&ancel the referral"),
                lambda: self._cancel(actor, referral),
            )
        )

    def _cancel(self, actor: Actor, referral: ReferralView) -> None:
        def cancel() -> bool:
            referrals.cancel_referral(self.db, actor, referral.id)
            return True

        done = self._run(cancel)
        if done is None:
            return
        self.changed.emit(None)
        self._notify(
            _("The referral {number} was cancelled.").format(number=referral.number),
            undo=lambda: self._restore(actor, referral),
        )

    def _restore(self, actor: Actor, referral: ReferralView) -> None:
        back = self._run(lambda: referrals.restore_referral(self.db, actor, referral.id))
        if back is not None:
            self.changed.emit(referral.id)
            self._notify(_("The referral {number} is back.").format(number=referral.number))

    def print_slip(self, referral: ReferralView | None) -> None:
        if referral is None:
            return
        preview = self._run(lambda: show_slip(self.parent_widget, self.db, referral))
        if preview is not None:
            self.preview_shown.emit(preview)
