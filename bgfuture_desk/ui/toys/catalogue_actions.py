"""What the catalogue's buttons do: the toy dialog, status changes (confirmed, with undo),
photos, reservations and the label sheet. Kept apart so the tab stays about finding toys.

The tab hands down the toy chosen (or the toys, for labels); the actions answer with the
signals of ``ToyActions`` and with ``toy_saved`` (show it), ``photo_saved`` (the row anew) and
``history_requested`` (the toy's loans, in the history tab).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from bgfuture_desk.domain.vocab import ToyStatus
from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services.families.search import SearchHit, SearchIndex
from bgfuture_desk.services.printouts import catalogue as printouts
from bgfuture_desk.services.toys import service as toys
from bgfuture_desk.services.toys.service import ToyView
from bgfuture_desk.services.unit import Database
from bgfuture_desk.ui.toys.common import ActorSource, ToyActions
from bgfuture_desk.ui.toys.labels_dialog import LabelsDialog
from bgfuture_desk.ui.toys.reservation_actions import ReservationActions
from bgfuture_desk.ui.toys.toy_dialog import IMAGE_FILTER, ToyDialog
from bgfuture_desk.ui.widgets.family_picker import FamilyPickerDialog
from bgfuture_desk.ui.widgets.fields import confirm

CONFIRM_TEXT = {
    ToyStatus.AVAILABLE: N_("Put {toy} back among the toys that can be lent?"),
    ToyStatus.IN_REPAIR: N_("Send {toy} for repair? It cannot be lent until it is back."),
    ToyStatus.LOST: N_("Mark {toy} as lost? It stays in the catalogue as lost."),
    ToyStatus.RETIRED: N_(
        "Retire {toy}? It stays in the history but is no longer lent or counted."
    ),
}


class CatalogueActions(ToyActions):
    toy_saved = Signal(object)  # ToyView: the tab shows it, whatever the filters
    photo_saved = Signal(object)  # ToyView: its row and details anew
    history_requested = Signal(str)  # a toy's inventory code: its loans in the history tab

    def __init__(
        self,
        db: Database,
        actor: ActorSource,
        index: Callable[[], SearchIndex],
        parent: QWidget,
    ) -> None:
        super().__init__(db, parent, actor)
        self.index = index
        self.reservations = ReservationActions(db, actor, parent)
        self.reservations.changed.connect(self.changed)
        self.reservations.notified.connect(self.notified)
        self.new_codes: list[str] = []  # toys added since the page opened: their labels

    # -- the toy ----------------------------------------------------------------------------

    def new_toy(self, categories: list[str]) -> None:
        actor = self.actor()
        if actor is None:
            return
        dialog = ToyDialog(self.db, actor, self.parent_widget, categories=categories)
        dialog.toy_saved.connect(self.on_toy_saved)
        self.open_dialog(dialog)

    def edit_toy(self, toy: ToyView | None, categories: list[str]) -> None:
        actor = self.actor()
        if toy is None or actor is None:
            return
        dialog = ToyDialog(self.db, actor, self.parent_widget, toy=toy, categories=categories)
        dialog.toy_saved.connect(self.on_toy_saved)
        self.open_dialog(dialog)

    def on_toy_saved(self, toy: ToyView, created: bool) -> None:
        if created and toy.inventory_code not in self.new_codes:
            self.new_codes.append(toy.inventory_code)
        text = (
            _("The toy {code} was added; its label can be printed („Labels…“).")
            if created
            else _("The toy {code} was saved.")
        )
        self.notify(text.format(code=toy.inventory_code))
        self.changed.emit()
        self.toy_saved.emit(toy)

    def choose_photo(self, toy: ToyView | None) -> None:
        if toy is None:
            return
        dialog = QFileDialog(
            self.parent_widget,
            _("Choose a photo of the toy"),
            "",
            _("Pictures ({patterns})").format(patterns=IMAGE_FILTER),
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.set_photo(toy, Path(path)))
        self.open_dialog(dialog)

    def set_photo(self, toy: ToyView, path: Path) -> None:
        actor = self.actor()
        if actor is None:
            return
        saved = self.run(lambda: toys.set_toy_photo(self.db, actor, toy.id, path))
        if saved is not None:
            self.photo_saved.emit(saved)
            self.notify(_("The photo of {code} was saved.").format(code=toy.inventory_code))

    # -- status -----------------------------------------------------------------------------

    def change_status(self, toy: ToyView | None, status: ToyStatus) -> None:
        if toy is None or toy.status == status:
            return
        name = f"{toy.inventory_code} {toy.name}"
        box = confirm(
            self.parent_widget,
            _("Change the status"),
            _(CONFIRM_TEXT[status]).format(toy=name),
            _("&Yes, {status}").format(status=status.label),
            lambda: self.set_status(toy, status),
        )
        self.open_dialog(box)

    def set_status(
        self, toy: ToyView, status: str, *, undoable: bool = True, condition: str | None = None
    ) -> None:
        """Change the status; its undo puts back the status and the condition before it."""
        actor, db = self.actor(), self.db
        if actor is None:
            return
        changed = self.run(
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
        self.notify(
            _("{code} is now „{status}“.").format(
                code=toy.inventory_code, status=changed.status_label
            ),
            undo=undo,
        )
        self.changed.emit()

    # -- reservations -----------------------------------------------------------------------

    def reserve(self, toy: ToyView | None) -> None:
        if toy is None:
            return
        picker = FamilyPickerDialog(
            self.index(),
            _("Reserve {code}").format(code=toy.inventory_code),
            _("&Find the family that waits for {toy}:").format(
                toy=f"{toy.inventory_code} {toy.name}"
            ),
            None,
            self.parent_widget,
        )
        picker.family_picked.connect(lambda hit: self._reserve(toy, hit))
        self.open_dialog(picker)

    def _reserve(self, toy: ToyView, hit: SearchHit) -> None:
        if hit.family_id is not None:
            self.reservations.reserve(toy, hit.family_id, hit.family_code or "")

    def cancel_reservation(self, toy: ToyView | None) -> None:
        """A toy waits for one family at a time: that reservation is cancelled, after a yes."""
        if toy is None:
            return
        waiting = self.run(lambda: toys.reservations_for_toy(self.db, toy.id))
        if not waiting:
            self.notify(_("Nobody has reserved {code}.").format(code=toy.inventory_code))
            return
        reservation = waiting[0]
        box = confirm(
            self.parent_widget,
            _("Cancel the reservation"),
            _("Cancel the reservation of {code} for {family}?").format(
                code=toy.inventory_code, family=reservation.family_title
            ),
            _("&Cancel the reservation"),
            lambda: self.reservations.cancel_reservation(toy, reservation),
        )
        self.open_dialog(box)

    # -- elsewhere --------------------------------------------------------------------------

    def show_history(self, toy: ToyView | None) -> None:
        if toy is not None:
            self.history_requested.emit(toy.inventory_code)

    def print_labels(self, chosen: list[ToyView]) -> None:
        codes = [t.inventory_code for t in chosen]
        dialog = LabelsDialog(codes, list(self.new_codes), self.parent_widget)
        dialog.labels_requested.connect(self.preview_labels)
        self.open_dialog(dialog)

    def preview_labels(self, codes: list[str] | None, layout: tuple[int, int], skip: int) -> None:
        name = _("labels-{n}.pdf").format(n=len(codes) if codes else _("all"))
        self.preview_pdf(
            _("Toy labels"),
            name,
            lambda: printouts.make(
                self.db, "labels", codes or [], layout=layout, skip=skip, on_shelves=codes is None
            ),
        )
