"""What the catalogue's buttons do: the toy dialog, status changes (confirmed, with undo),
photos, reservations and the label sheet. Kept apart so the tab stays about finding toys."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from bgfuture_desk.domain.vocab import ToyStatus
from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services.families.search import SearchHit
from bgfuture_desk.services.printouts import printing
from bgfuture_desk.services.toys import service as toys
from bgfuture_desk.services.toys.service import ToyView
from bgfuture_desk.ui.toys.labels_dialog import LabelsDialog
from bgfuture_desk.ui.toys.toy_dialog import IMAGE_FILTER, ToyDialog
from bgfuture_desk.ui.widgets.family_picker import FamilyPickerDialog
from bgfuture_desk.ui.widgets.fields import confirm

if TYPE_CHECKING:
    from bgfuture_desk.ui.toys.catalogue_tab import CatalogueTab

CONFIRM_TEXT = {
    ToyStatus.AVAILABLE: N_("Put {toy} back among the toys that can be lent?"),
    ToyStatus.IN_REPAIR: N_("Send {toy} for repair? It cannot be lent until it is back."),
    ToyStatus.LOST: N_("Mark {toy} as lost? It stays in the catalogue as lost."),
    ToyStatus.RETIRED: N_(
        "Retire {toy}? It stays in the history but is no longer lent or counted."
    ),
}


class CatalogueActions:
    def __init__(self, tab: CatalogueTab) -> None:
        self.tab = tab
        self.new_codes: list[str] = []  # toys added since the page opened: their labels

    @property
    def page(self):
        return self.tab.page

    # -- the toy ----------------------------------------------------------------------------

    def _categories(self) -> list[str]:
        return [t.category for t in self.tab.model.rows() if t.category]

    def new_toy(self) -> None:
        if self.page.actor is None:
            return
        dialog = ToyDialog(self.page.db, self.page.actor, self.tab, categories=self._categories())
        dialog.toy_saved.connect(self.on_toy_saved)
        self.page.show_dialog(dialog)

    def edit_toy(self) -> None:
        toy = self.tab.current_toy()
        if toy is None or self.page.actor is None:
            return
        dialog = ToyDialog(
            self.page.db, self.page.actor, self.tab, toy=toy, categories=self._categories()
        )
        dialog.toy_saved.connect(self.on_toy_saved)
        self.page.show_dialog(dialog)

    def on_toy_saved(self, toy: ToyView, created: bool) -> None:
        if created and toy.inventory_code not in self.new_codes:
            self.new_codes.append(toy.inventory_code)
        text = (
            _("The toy {code} was added; its label can be printed („Labels…“).")
            if created
            else _("The toy {code} was saved.")
        )
        self.page.notify(text.format(code=toy.inventory_code))
        self.page.changed()
        self.tab.show_toy(toy.id)

    def choose_photo(self) -> None:
        toy = self.tab.current_toy()
        if toy is None:
            return
        dialog = QFileDialog(
            self.tab,
            _("Choose a photo of the toy"),
            "",
            _("Pictures ({patterns})").format(patterns=IMAGE_FILTER),
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.set_photo(toy, Path(path)))
        self.page.show_dialog(dialog)

    def set_photo(self, toy: ToyView, path: Path) -> None:
        actor = self.page.actor
        saved = self.page.run(lambda: toys.set_toy_photo(self.page.db, actor, toy.id, path))
        if saved is not None:
            self.tab.model.replace(saved)
            self.tab.on_current_changed()
            self.page.notify(_("The photo of {code} was saved.").format(code=toy.inventory_code))

    # -- status -----------------------------------------------------------------------------

    def change_status(self, status: ToyStatus) -> None:
        toy = self.tab.current_toy()
        if toy is None or toy.status == status:
            return
        name = f"{toy.inventory_code} {toy.name}"
        box = confirm(
            self.tab,
            _("Change the status"),
            _(CONFIRM_TEXT[status]).format(toy=name),
            _("&Yes, {status}").format(status=status.label),
            lambda: self.set_status(toy, status),
        )
        self.page.show_dialog(box)

    def set_status(
        self, toy: ToyView, status: str, *, undoable: bool = True, condition: str | None = None
    ) -> None:
        """Change the status; its undo puts back the status and the condition before it."""
        actor, db = self.page.actor, self.page.db
        changed = self.page.run(
            lambda: toys.set_toy_status(db, actor, toy.id, status, condition=condition)
        )
        if changed is None:
            return
        undo = None
        if undoable:
            # a reserved toy is set back on the shelf: its reservation makes it запазена
            before = ToyStatus.AVAILABLE if toy.status == ToyStatus.RESERVED else toy.status
            undo = lambda: self.set_status(  # noqa: E731
                changed, before, undoable=False, condition=toy.condition
            )
        self.page.notify(
            _("{code} is now „{status}“.").format(
                code=toy.inventory_code, status=changed.status_label
            ),
            undo=undo,
        )
        self.page.changed()

    # -- reservations -----------------------------------------------------------------------

    def reserve(self) -> None:
        toy = self.tab.current_toy()
        if toy is None:
            return
        picker = FamilyPickerDialog(
            self.page.search_index(),
            _("Reserve {code}").format(code=toy.inventory_code),
            _("&Find the family that waits for {toy}:").format(
                toy=f"{toy.inventory_code} {toy.name}"
            ),
            None,
            self.tab,
        )
        picker.family_picked.connect(lambda hit: self._reserve(toy, hit))
        self.page.show_dialog(picker)

    def _reserve(self, toy: ToyView, hit: SearchHit) -> None:
        if hit.family_id is not None:
            self.page.reserve(toy, hit.family_id, hit.family_code or "")

    def cancel_reservation(self) -> None:
        """A toy waits for one family at a time: that reservation is cancelled, after a yes."""
        toy = self.tab.current_toy()
        if toy is None:
            return
        waiting = self.page.run(lambda: toys.reservations_for_toy(self.page.db, toy.id))
        if not waiting:
            self.page.notify(_("Nobody has reserved {code}.").format(code=toy.inventory_code))
            return
        reservation = waiting[0]
        box = confirm(
            self.tab,
            _("Cancel the reservation"),
            _("Cancel the reservation of {code} for {family}?").format(
                code=toy.inventory_code, family=reservation.family_title
            ),
            _("&Cancel the reservation"),
            lambda: self.page.cancel_reservation(toy, reservation),
        )
        self.page.show_dialog(box)

    # -- elsewhere --------------------------------------------------------------------------

    def show_history(self) -> None:
        toy = self.tab.current_toy()
        if toy is not None:
            self.page.history.show_toy(toy.inventory_code)
            self.page.show_tab(self.page.history)

    def print_labels(self) -> None:
        chosen = [t.inventory_code for t in self.tab.chosen_toys()]
        dialog = LabelsDialog(chosen, list(self.new_codes), self.tab)
        dialog.labels_requested.connect(self.preview_labels)
        self.page.show_dialog(dialog)

    def preview_labels(self, codes: list[str] | None, layout: tuple[int, int], skip: int) -> None:
        name = _("labels-{n}.pdf").format(n=len(codes) if codes else _("all"))
        self.page.preview_pdf(
            _("Toy labels"),
            name,
            lambda: printing.toy_labels(self.page.db, codes, layout, skip=skip),
        )
