"""What the family panel's buttons do: the registry dialogs, confirmations and the card.

Kept apart from the page so the page stays about finding and checking in. Every action
ends in ``page.on_registry_saved(family_id)``, which refreshes the search index and
shows the family again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services import printing, registry
from bgfuture_desk.services.registry import FamilyView, PersonView
from bgfuture_desk.services.search import SearchHit
from bgfuture_desk.ui.reception.family_dialog import FamilyDialog, PersonDialog
from bgfuture_desk.ui.reception.family_picker import FamilyPickerDialog
from bgfuture_desk.ui.widgets.fields import confirm

if TYPE_CHECKING:
    from bgfuture_desk.ui.reception.page import ReceptionPage


def open_file(path: Path) -> bool:
    """Open a saved PDF in the computer's viewer, from where it is printed."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class FamilyActions:
    def __init__(self, page: ReceptionPage) -> None:
        self.page = page
        self.dialog: QDialog | QMessageBox | None = None  # the last one opened (tests use it)
        self.open_file = open_file

    @property
    def family(self) -> FamilyView | None:
        return self.page.family_panel.family

    def _run(self, call) -> object | None:
        """A service call whose refusal is shown in the status bar."""
        try:
            return call()
        except UserError as err:
            self.page.notify(err.message, error=True)
            return None

    def _show(self, dialog: QDialog | QMessageBox) -> None:
        self.dialog = dialog
        dialog.open()

    # -- the family and its members ---------------------------------------------------------

    def new_family(self) -> None:
        page = self.page
        if page.actor is None:
            return
        dialog = FamilyDialog(page.db, page.actor, page, settlement=page.settlement)
        dialog.family_saved.connect(self._on_family_registered)
        dialog.open_requested.connect(page.open_family)
        self._show(dialog)

    def _on_family_registered(self, family: FamilyView) -> None:
        self.page.on_registry_saved(family.id)
        self.page.notify(_("The family {code} was registered.").format(code=family.code))

    def edit_family(self) -> None:
        family = self.family
        if family is None or self.page.actor is None:
            return
        dialog = FamilyDialog(self.page.db, self.page.actor, self.page, family=family)
        dialog.family_saved.connect(lambda view: self.page.on_registry_saved(view.id))
        self._show(dialog)

    def add_member(self) -> None:
        family = self.family
        if family is None or self.page.actor is None:
            return
        dialog = PersonDialog(self.page.db, self.page.actor, family, self.page)
        dialog.person_saved.connect(lambda _person: self.page.on_registry_saved(family.id))
        dialog.open_requested.connect(self.page.open_family)
        self._show(dialog)

    def edit_member(self, person: PersonView) -> None:
        family = self.family
        if family is None or self.page.actor is None:
            return
        dialog = PersonDialog(self.page.db, self.page.actor, family, self.page, person=person)
        dialog.person_saved.connect(lambda _person: self.page.on_registry_saved(family.id))
        self._show(dialog)

    def move_member(self, person: PersonView) -> None:
        family = self.family
        if family is None:
            return
        picker = FamilyPickerDialog(
            self.page.search_index(),
            _("Move {name} to another family").format(name=person.full_name),
            _("&Find the family {name} moves to:").format(name=person.full_name),
            family.id,
            self.page,
        )
        picker.family_picked.connect(lambda hit: self._confirm_move(person, hit))
        self._show(picker)

    def _confirm_move(self, person: PersonView, hit: SearchHit) -> None:
        def move() -> None:
            actor = self.page.actor
            moved = self._run(
                lambda: registry.move_person(self.page.db, actor, person.id, hit.family_id)
            )
            if moved is not None:
                self.page.on_registry_saved(self.family.id)
                self.page.notify(
                    _("{name} was moved to the family {code}.").format(
                        name=person.full_name, code=hit.family_code
                    )
                )

        text = _("Move {name} to the family {code}? Past visits stay with this family.")
        self._show(
            confirm(
                self.page,
                _("Move a member"),
                text.format(name=person.full_name, code=hit.family_code),
                _("&Move"),
                move,
            )
        )

    def merge(self) -> None:
        family = self.family
        if family is None:
            return
        picker = FamilyPickerDialog(
            self.page.search_index(),
            _("Merge with another family"),
            _("&Find the other record of the family {code}:").format(code=family.code),
            family.id,
            self.page,
        )
        picker.family_picked.connect(lambda hit: self._confirm_merge(family, hit))
        self._show(picker)

    def _confirm_merge(self, family: FamilyView, hit: SearchHit) -> None:
        def merge() -> None:
            actor = self.page.actor
            kept = self._run(
                lambda: registry.merge_families(self.page.db, actor, family.id, hit.family_id)
            )
            if kept is not None:
                self.page.on_registry_saved(family.id)
                self.page.notify(
                    _("The family {gone} was merged into {kept}.").format(
                        gone=hit.family_code, kept=family.code
                    )
                )

        text = _(
            "Merge the family {gone} into {kept}? Its members, visits, loans, consents and "
            "referrals move to {kept}; the code {gone} will lead to {kept}."
        )
        self._show(
            confirm(
                self.page,
                _("Merge families"),
                text.format(gone=hit.family_code, kept=family.code),
                _("&Merge"),
                merge,
            )
        )

    def archive(self) -> None:
        family = self.family
        if family is None:
            return
        if family.archived:
            self._set_archived(family, False)
            return
        text = _(
            "Archive the family {code}? It stays in the database and can be brought back; "
            "searches show it last."
        ).format(code=family.code)
        self._show(
            confirm(
                self.page,
                _("Archive the family"),
                text,
                _("&Archive"),
                lambda: self._set_archived(family, True),
            )
        )

    def _set_archived(self, family: FamilyView, archived: bool) -> None:
        actor = self.page.actor
        view = self._run(
            lambda: registry.archive_family(self.page.db, actor, family.id, archived=archived)
        )
        if view is not None:
            self.page.on_registry_saved(family.id)
            message = (
                _("The family {code} was archived.")
                if archived
                else _("The family {code} is back from the archive.")
            )
            self.page.notify(message.format(code=family.code))

    # -- the family card --------------------------------------------------------------------

    def print_card(self) -> None:
        family = self.family
        if family is None:
            return
        pdf = self._run(lambda: printing.family_cards(self.page.db, [str(family.id)]))
        if pdf is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = _("card-{code}.pdf").format(code=family.code)
        dialog = QFileDialog(
            self.page, _("Save the family card"), str(Path(folder) / name), _("PDF files (*.pdf)")
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.fileSelected.connect(lambda path: self.save_card(Path(path), pdf))
        self._show(dialog)

    def save_card(self, path: Path, pdf: bytes) -> None:
        try:
            path.write_bytes(pdf)
        except OSError as err:
            self.page.notify(
                _("The card could not be saved: {reason}").format(reason=err.strerror or err),
                error=True,
            )
            return
        self.page.notify(_("The card was saved in {path}.").format(path=path))
        self.open_file(path)
