"""The toy library: lending and returns at the desk, the catalogue, overdue loans, numbers.

Each tab reads what it shows from the services when it is opened after a change (a loan, a
return, an edit) and puts the focus where the assistant types next: the scan field at the
desk, the search in the catalogue. Messages go to the window's status line, with an undo
where one is possible.
"""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services.families.search import SharedSearch
from bgfuture_desk.services.toys import service as toys
from bgfuture_desk.services.toys.service import ReservationView, ToyView
from bgfuture_desk.services.unit import Database
from bgfuture_desk.ui.toys.catalogue_tab import CatalogueTab
from bgfuture_desk.ui.toys.desk_tab import DeskTab
from bgfuture_desk.ui.toys.history_tab import HistoryTab
from bgfuture_desk.ui.toys.overdue_tab import OverdueTab
from bgfuture_desk.ui.widgets.desk_page import DeskPage


class ToysPage(DeskPage):
    TITLE = N_("Toys")

    def __init__(
        self, db: Database, parent: QWidget | None = None, search: SharedSearch | None = None
    ) -> None:
        super().__init__(db, parent, search)
        tabs = self.build_tabs()
        self.desk = DeskTab(self, tabs)
        self.catalogue = CatalogueTab(self, tabs)
        self.overdue = OverdueTab(self, tabs)
        self.history = HistoryTab(self, tabs)
        tabs.addTab(self.desk, _("&Lending and returns"))
        tabs.addTab(self.catalogue, _("&Catalogue"))
        tabs.addTab(self.overdue, _("Over&due"))
        tabs.addTab(self.history, _("&History and numbers"))
        tabs.currentChanged.connect(self.on_tab_changed)
        self.escape_action = self.shortcut(("Esc",), self.on_escape)
        self.find_action = self.shortcut(("Ctrl+F",), self.on_find)

    # -- life cycle -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.on_tab_changed(self.tabs.currentIndex())

    def current_tab(self):
        return self.tabs.currentWidget()

    def on_tab_changed(self, _index: int) -> None:
        tab = self.current_tab()
        if tab is None or not self.isVisible():
            return
        if tab.stale:
            tab.reload()
        tab.focus_first()

    def show_tab(self, tab: QWidget) -> None:
        self.tabs.setCurrentWidget(tab)

    def changed(self) -> None:
        """Something was lent, returned, reserved or edited: the tab in view reads again at
        once, the others when next shown."""
        for tab in (self.desk, self.catalogue, self.overdue, self.history):
            tab.stale = True
        self.current_tab().reload()

    def on_escape(self) -> None:
        self.current_tab().on_escape()

    def on_find(self) -> None:
        """Ctrl+F: the family search at the desk, the tab's first field elsewhere."""
        tab = self.current_tab()
        if tab is self.desk:
            self.desk.lending.finder.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.desk.lending.finder.search.selectAll()
        else:
            tab.focus_first()

    # -- shared services ----------------------------------------------------------------------

    def today(self) -> dt.date:
        return self.db.clock.today()

    # -- reservations (from the catalogue and from the desk) ----------------------------------

    def reserve(self, toy: ToyView, family_id: uuid.UUID, family_code: str) -> None:
        actor = self.actor
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
        self.changed()

    def cancel_reservation(
        self, toy: ToyView, reservation: ReservationView, *, undoable: bool = True
    ) -> None:
        actor = self.actor
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
        self.changed()
