"""Erasure on request from the family panel (administrators only): a confirmation that names
whom it reaches and says it cannot be undone, then ``services.families.erasure``."""

from __future__ import annotations

from PySide6.QtCore import Signal

from bgfuture_desk.i18n import _, ngettext
from bgfuture_desk.services.families import erasure
from bgfuture_desk.services.families.service import FamilyView, PersonView
from bgfuture_desk.ui.widgets.actions import ScreenActions
from bgfuture_desk.ui.widgets.fields import confirm


class ErasureActions(ScreenActions):
    saved = Signal(object)  # uuid of the family whose data were erased: index and show it

    def erase_member(self, family: FamilyView, person: PersonView) -> None:
        text = _(
            "Erase the personal data of {name}? The names, ЕГН, phone, notes and the birth "
            "date beyond the year are removed for good; visits stay as anonymous counts. "
            "This cannot be undone."
        ).format(name=person.full_name)
        self._confirm(text, lambda: erasure.erase_person(self.db, self.signed_in(), person.id),
                      family)

    def erase_family(self, family: FamilyView) -> None:
        names = ", ".join(m.full_name for m in family.members)
        text = _(
            "Erase the personal data of the whole family {code} ({names})? The names, ЕГН, "
            "phones, address and notes are removed for good and the family is archived; "
            "visits stay as anonymous counts. This cannot be undone."
        ).format(code=family.code, names=names)
        self._confirm(text, lambda: erasure.erase_family(self.db, self.signed_in(), family.id),
                      family)

    def _confirm(self, text: str, erase, family: FamilyView) -> None:
        def go() -> None:
            done = self.run(erase)
            if done is None:
                return
            self.saved.emit(family.id)
            self.notify(ngettext("The personal data of {n} person were erased.",
                                  "The personal data of {n} people were erased.",
                                  done.people).format(n=done.people))

        self.open_dialog(confirm(self.parent_widget, _("Erase the personal data"), text,
                           _("&Erase for good"), go))
