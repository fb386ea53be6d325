"""What the referral buttons do: the dialogs, the confirmation, the undo, the slip.

Kept apart from the tab so the tab stays about showing. Each action ends by asking the tab
to read again (``tab.refresh``) and saying what was done, with an undo where there is one.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from bgfuture_desk.domain.vocab import ReferralStatus
from bgfuture_desk.i18n import _
from bgfuture_desk.services.referrals import service as referrals
from bgfuture_desk.services.referrals.service import ReferralView
from bgfuture_desk.ui.documents.referral_dialog import ReferralDialog, open_new_referral, show_slip
from bgfuture_desk.ui.documents.referral_outcome_dialog import ReferralOutcomeDialog
from bgfuture_desk.ui.models.referral_table_model import status_text, who_text
from bgfuture_desk.ui.widgets.fields import confirm

if TYPE_CHECKING:
    from bgfuture_desk.ui.documents.referrals_tab import ReferralsTab


class ReferralActions:
    def __init__(self, tab: ReferralsTab) -> None:
        self.tab = tab

    def new_referral(
        self, family_id: uuid.UUID | None = None, person_id: uuid.UUID | None = None
    ) -> None:
        tab = self.tab
        if tab.actor is None:
            return
        tab.dialog = open_new_referral(
            tab,
            tab.db,
            tab.actor,
            family_id,
            person_id,
            index=tab.search_index,
            on_saved=self._on_created,
        )

    def _on_created(self, referral: ReferralView) -> None:
        tab = self.tab
        if tab.filter.currentData() not in (None, ReferralStatus.ISSUED.value):
            tab.filter.setCurrentIndex(0)
        tab.search.clear()
        tab.refresh(keep=referral.id)
        tab.notify(
            _("The referral {number} to {institution} was issued.").format(
                number=referral.number, institution=referral.institution
            )
        )

    def open_current(self) -> None:
        """Enter or a double click: correct an issued referral, else record its outcome."""
        tab = self.tab
        referral = tab.current_referral()
        if referral is None:
            return
        if referral.status == ReferralStatus.ISSUED:
            self.edit_referral()
        else:
            self.record_outcome()

    def edit_referral(self) -> None:
        tab = self.tab
        referral = tab.current_referral()
        if referral is None or tab.actor is None:
            return
        if referral.status != ReferralStatus.ISSUED:
            message = _("The referral {number} already has feedback; record its outcome instead.")
            tab.notify(message.format(number=referral.number), error=True)
            return
        dialog = ReferralDialog(tab.db, tab.actor, tab, referral=referral, index=tab.search_index)
        dialog.saved.connect(self._on_edited)
        tab.dialog = dialog
        dialog.open()

    def _on_edited(self, referral: ReferralView) -> None:
        tab = self.tab
        tab.refresh(keep=referral.id)
        tab.notify(_("The referral {number} was saved.").format(number=referral.number))
        tab.view.setFocus()

    def record_outcome(self) -> None:
        tab = self.tab
        referral = tab.current_referral()
        if referral is None or tab.actor is None:
            return
        dialog = ReferralOutcomeDialog(tab.db, tab.actor, referral, tab)
        dialog.saved.connect(lambda new: self._on_outcome(referral, new))
        tab.dialog = dialog
        dialog.open()

    def _on_outcome(self, before: ReferralView, after: ReferralView) -> None:
        tab = self.tab
        tab.refresh(keep=after.id)
        tab.notify(
            _("The referral {number}: {status}.").format(
                number=after.number, status=status_text(after)
            ),
            undo=lambda: self._set_status_back(before),
        )
        tab.view.setFocus()

    def _set_status_back(self, before: ReferralView) -> None:
        tab = self.tab
        actor = tab.actor
        if actor is None:
            return
        back = tab.run(
            lambda: referrals.set_referral_status(
                tab.db, actor, before.id, before.status, before.status_on, before.outcome
            )
        )
        if back is not None:
            tab.refresh(keep=before.id)
            tab.notify(
                _("The referral {number} is {status} again.").format(
                    number=before.number, status=status_text(before)
                )
            )

    def cancel_referral(self) -> None:
        tab = self.tab
        referral = tab.current_referral()
        if referral is None or tab.actor is None:
            return
        text = _(
            "Cancel the referral {number} ({who} → {institution}) as made by mistake? It "
            "leaves the list; its number is not given to another slip."
        ).format(number=referral.number, who=who_text(referral), institution=referral.institution)
        tab.dialog = confirm(
            tab,
            _("Cancel the referral"),
            text,
            _("C&ancel the referral"),
            lambda: self._cancel(referral),
        )

    def _cancel(self, referral: ReferralView) -> None:
        tab = self.tab
        actor = tab.actor
        if actor is None:
            return
        if not tab.attempt(lambda: referrals.cancel_referral(tab.db, actor, referral.id)):
            return
        tab.refresh()
        tab.notify(
            _("The referral {number} was cancelled.").format(number=referral.number),
            undo=lambda: self._restore(referral),
        )

    def _restore(self, referral: ReferralView) -> None:
        tab = self.tab
        actor = tab.actor
        if actor is None:
            return
        back = tab.run(lambda: referrals.restore_referral(tab.db, actor, referral.id))
        if back is not None:
            tab.refresh(keep=referral.id)
            tab.notify(_("The referral {number} is back.").format(number=referral.number))

    def print_slip(self) -> None:
        tab = self.tab
        referral = tab.current_referral()
        if referral is None:
            return
        preview = tab.run(lambda: show_slip(tab, tab.db, referral))
        if preview is not None:
            tab.preview = preview
