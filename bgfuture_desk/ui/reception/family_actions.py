"""What the family panel's buttons do: the registry dialogs, confirmations and printouts.

Kept apart from the page so the page stays about finding and checking in. The page hands
down what the actions need (the database, who works, the family shown, the search index);
every change ends in ``saved(family_id)``, on which the page refreshes the search index and
shows the family again, and what was done is said through ``notified``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from bgfuture_desk.i18n import _
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.search import SearchHit, SearchIndex
from bgfuture_desk.services.families.service import FamilyView, PersonView
from bgfuture_desk.services.printouts import catalogue as printouts
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.reception.family_dialog import FamilyDialog, PersonDialog
from bgfuture_desk.ui.widgets.actions import ScreenActions
from bgfuture_desk.ui.widgets.family_picker import FamilyPickerDialog
from bgfuture_desk.ui.widgets.fields import confirm
from bgfuture_desk.ui.widgets.pdf_preview import show_pdf_preview


class FamilyActions(ScreenActions):
    saved = Signal(object)  # uuid of the family changed: index it and show it again
    family_requested = Signal(object)  # uuid of an existing family to open instead

    def __init__(
        self,
        db: Database,
        parent: QWidget,
        actor: Callable[[], Actor | None],
        family: Callable[[], FamilyView | None],
        index: Callable[[], SearchIndex],
        settlement: Callable[[], str],
    ) -> None:
        super().__init__(db, parent, actor)
        self.shown_family = family
        self.index = index
        self.settlement = settlement  # the house's, offered for a new family

    @property
    def family(self) -> FamilyView | None:
        return self.shown_family()

    # -- the family and its members ---------------------------------------------------------

    def new_family(self) -> None:
        actor = self.actor()
        if actor is None:
            return
        dialog = FamilyDialog(self.db, actor, self.parent_widget, settlement=self.settlement())
        dialog.family_saved.connect(self._on_family_registered)
        dialog.open_requested.connect(self.family_requested)
        self.open_dialog(dialog)

    def _on_family_registered(self, family: FamilyView) -> None:
        self.saved.emit(family.id)
        self.notify(_("The family {code} was registered.").format(code=family.code))

    def edit_family(self) -> None:
        family, actor = self.family, self.actor()
        if family is None or actor is None:
            return
        dialog = FamilyDialog(self.db, actor, self.parent_widget, family=family)
        dialog.family_saved.connect(lambda view: self.saved.emit(view.id))
        self.open_dialog(dialog)

    def add_member(self) -> None:
        family, actor = self.family, self.actor()
        if family is None or actor is None:
            return
        dialog = PersonDialog(self.db, actor, family, self.parent_widget)
        dialog.person_saved.connect(lambda _person: self.saved.emit(family.id))
        dialog.open_requested.connect(self.family_requested)
        self.open_dialog(dialog)

    def edit_member(self, person: PersonView) -> None:
        family, actor = self.family, self.actor()
        if family is None or actor is None:
            return
        dialog = PersonDialog(self.db, actor, family, self.parent_widget, person=person)
        dialog.person_saved.connect(lambda _person: self.saved.emit(family.id))
        self.open_dialog(dialog)

    def move_member(self, person: PersonView) -> None:
        family = self.family
        if family is None:
            return
        picker = FamilyPickerDialog(
            self.index(),
            _("Move {name} to another family").format(name=person.full_name),
            _("&Find the family {name} moves to:").format(name=person.full_name),
            family.id,
            self.parent_widget,
        )
        picker.family_picked.connect(lambda hit: self._confirm_move(person, hit))
        self.open_dialog(picker)

    def _confirm_move(self, person: PersonView, hit: SearchHit) -> None:
        def move() -> None:
            actor = self.signed_in()
            target, family = hit.family_id, self.family
            if target is None or family is None:  # a family hit always has its id
                return
            moved = self.run(lambda: families.move_person(self.db, actor, person.id, target))
            if moved is not None:
                self.saved.emit(family.id)
                self.notify(
                    _("{name} was moved to the family {code}.").format(
                        name=person.full_name, code=hit.family_code
                    )
                )

        text = _("Move {name} to the family {code}? Past visits stay with this family.")
        self.open_dialog(
            confirm(
                self.parent_widget,
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
            self.index(),
            _("Merge with another family"),
            _("&Find the other record of the family {code}:").format(code=family.code),
            family.id,
            self.parent_widget,
        )
        picker.family_picked.connect(lambda hit: self._confirm_merge(family, hit))
        self.open_dialog(picker)

    def _confirm_merge(self, family: FamilyView, hit: SearchHit) -> None:
        def merge() -> None:
            actor = self.signed_in()
            target = hit.family_id
            if target is None:  # a family hit always has its id
                return
            kept = self.run(lambda: families.merge_families(self.db, actor, family.id, target))
            if kept is not None:
                self.saved.emit(family.id)
                self.notify(
                    _("The family {gone} was merged into {kept}.").format(
                        gone=hit.family_code, kept=family.code
                    )
                )

        text = _(
            "Merge the family {gone} into {kept}? Its members, visits, loans, consents and "
            "referrals move to {kept}; the code {gone} will lead to {kept}."
        )
        self.open_dialog(
            confirm(
                self.parent_widget,
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
        self.open_dialog(
            confirm(
                self.parent_widget,
                _("Archive the family"),
                text,
                _("&Archive"),
                lambda: self._set_archived(family, True),
            )
        )

    def _set_archived(self, family: FamilyView, archived: bool) -> None:
        actor = self.signed_in()
        view = self.run(
            lambda: families.archive_family(self.db, actor, family.id, archived=archived)
        )
        if view is not None:
            self.saved.emit(family.id)
            message = (
                _("The family {code} was archived.")
                if archived
                else _("The family {code} is back from the archive.")
            )
            self.notify(message.format(code=family.code))

    # -- printouts ---------------------------------------------------------------------------

    def print_card(self) -> None:
        family = self.family
        if family is None:
            return
        pdf = self.run(lambda: printouts.make(self.db, "card", [str(family.id)]))
        if pdf is not None:
            self._preview(
                pdf,
                _("Family card {code}").format(code=family.code),
                _("card-{code}.pdf").format(code=family.code),
            )

    def print_access(self, person: PersonView) -> None:
        """Everything the house holds about ``person`` (GDPR art. 15), to hand over."""
        pdf = self.run(lambda: printouts.make(self.db, "access", [str(person.id)]))
        if pdf is not None:
            name = "-".join(person.full_name.split())
            self._preview(
                pdf, _("Personal data report"), _("personal-data-{name}.pdf").format(name=name)
            )

    def new_referral(self, target: PersonView | FamilyView) -> None:
        """A referral slip for the chosen member, or for the whole family when nobody is."""
        from bgfuture_desk.ui.documents.referral_dialog import open_new_referral

        family, actor = self.family, self.actor()
        if family is None or actor is None:
            return
        person_id = target.id if isinstance(target, PersonView) else None
        self.dialog = open_new_referral(
            self.parent_widget,
            self.db,
            actor,
            family_id=family.id,
            person_id=person_id,
            index=self.index,
            on_saved=lambda referral: self.notify(
                _("The referral {number} to {institution} was issued.").format(
                    number=referral.number, institution=referral.institution
                )
            ),
        )

    def _preview(self, pdf: bytes, title: str, file_name: str) -> None:
        self.dialog = show_pdf_preview(self.parent_widget, pdf, title, file_name)
