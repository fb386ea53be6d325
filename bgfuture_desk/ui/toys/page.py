"""The toy library: lending and returns at the desk, the catalogue, overdue loans, numbers.

Each tab reads what it shows from the services when it is opened after a change (a loan, a
return, an edit) and puts the focus where the assistant types next: the scan field at the
desk, the search in the catalogue. Messages go to the window's status line, with an undo
where one is possible.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services.families.search import SharedSearch
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.toys.catalogue_tab import CatalogueTab
from bgfuture_desk.ui.toys.common import ToyScreen
from bgfuture_desk.ui.toys.desk_tab import DeskTab
from bgfuture_desk.ui.toys.history_tab import HistoryTab
from bgfuture_desk.ui.toys.overdue_tab import OverdueTab
from bgfuture_desk.ui.widgets.desk_page import DeskPage


class ToysPage(DeskPage):
    """Hands each tab the database, the acting user and the search index, and connects
    what the tabs tell: ``changed`` (read again), ``notified`` (the message line),
    ``dialog_opened`` and, from the catalogue, ``history_requested``."""

    TITLE = N_("Toys")

    def __init__(
        self, db: Database, parent: QWidget | None = None, search: SharedSearch | None = None
    ) -> None:
        super().__init__(db, parent, search)
        tabs = self.build_tabs()
        self.desk = DeskTab(db, self.acting, self.search_index, tabs)
        self.catalogue = CatalogueTab(db, self.acting, self.search_index, tabs)
        self.overdue = OverdueTab(db, self.acting, tabs)
        self.history = HistoryTab(db, self.search_index, tabs)
        tabs.addTab(self.desk, _("&Lending and returns"))
        tabs.addTab(self.catalogue, _("&Catalogue"))
        tabs.addTab(self.overdue, _("Over&due"))
        tabs.addTab(self.history, _("&History and numbers"))
        for tab in self.all_tabs():
            tab.changed.connect(self.changed)
            tab.notified.connect(
                lambda text, error, undo: self.notify(text, error=error, undo=undo)
            )
            tab.dialog_opened.connect(self.on_dialog_opened)
        self.catalogue.history_requested.connect(self.on_history_requested)
        tabs.currentChanged.connect(self.on_tab_changed)
        self.escape_action = self.shortcut(("Esc",), self.on_escape)
        self.find_action = self.shortcut(("Ctrl+F",), self.on_find)

    def acting(self) -> Actor | None:
        """Who works now, asked by the tabs at the moment they act."""
        return self.actor

    def today(self) -> dt.date:
        return self.db.clock.today()

    def all_tabs(self) -> tuple[ToyScreen, ...]:
        return (self.desk, self.catalogue, self.overdue, self.history)

    # -- life cycle -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.on_tab_changed(self.tabs.currentIndex())

    def current_tab(self) -> ToyScreen:
        tab = self.tabs.currentWidget()
        assert isinstance(tab, ToyScreen)
        return tab

    def on_tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is None or not self.isVisible():
            return
        tab = self.current_tab()
        if tab.stale:
            tab.reload()
        tab.focus_first()

    def show_tab(self, tab: QWidget) -> None:
        self.tabs.setCurrentWidget(tab)

    def changed(self) -> None:
        """Something was lent, returned, reserved or edited: the tab in view reads again at
        once, the others when next shown."""
        for tab in self.all_tabs():
            tab.stale = True
        self.current_tab().reload()

    def on_dialog_opened(self, dialog: QDialog | QMessageBox) -> None:
        self.dialog = dialog

    def on_history_requested(self, code: str) -> None:
        """„История“ in the catalogue: the toy's loans in the history tab."""
        self.history.show_toy(code)
        self.show_tab(self.history)

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
