"""The toy library: lending and returns at the desk, the catalogue, overdue loans, numbers.

Each tab reads what it shows from the services when it is opened after a change (a loan, a
return, an edit) and puts the focus where the assistant types next: the scan field at the
desk, the search in the catalogue. Messages go to the window's status line, with an undo
where one is possible.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services import toys, toys_queries
from bgfuture_desk.services.search import SearchIndex, SharedSearch
from bgfuture_desk.services.toys import ReservationView, ToyView
from bgfuture_desk.services.unit import Database
from bgfuture_desk.ui.toys.catalogue_tab import CatalogueTab
from bgfuture_desk.ui.toys.desk_tab import DeskTab
from bgfuture_desk.ui.toys.history_tab import HistoryTab
from bgfuture_desk.ui.toys.overdue_tab import OverdueTab
from bgfuture_desk.ui.widgets.notice import Notice
from bgfuture_desk.ui.widgets.page import Page
from bgfuture_desk.ui.widgets.pdf_preview import show_pdf_preview


class ToysPage(Page):
    TITLE = N_("Toys")

    def __init__(
        self, db: Database, parent: QWidget | None = None, search: SharedSearch | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.shared_search = search or SharedSearch(db)  # one index for all the screens
        self.dialog: QDialog | QMessageBox | None = None  # the last one opened (tests use it)
        self.notice = Notice(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.desk = DeskTab(self, self.tabs)
        self.catalogue = CatalogueTab(self, self.tabs)
        self.overdue = OverdueTab(self, self.tabs)
        self.history = HistoryTab(self, self.tabs)
        self.tabs.addTab(self.desk, _("&Lending and returns"))
        self.tabs.addTab(self.catalogue, _("&Catalogue"))
        self.tabs.addTab(self.overdue, _("Over&due"))
        self.tabs.addTab(self.history, _("&History and numbers"))
        self.tabs.currentChanged.connect(self.on_tab_changed)
        layout.addWidget(self.tabs, 1)
        self.notice_layout = layout
        self._build_actions()

    def _build_actions(self) -> None:
        self.escape_action = self._action(("Esc",), self.on_escape)
        self.find_action = self._action(("Ctrl+F",), self.on_find)
        self.undo_action = self._action(("Ctrl+Z",), self.notice.on_undo_clicked)
        self.next_tab_action = self._action(("Ctrl+PgDown",), lambda: self._step_tab(1))
        self.previous_tab_action = self._action(("Ctrl+PgUp",), lambda: self._step_tab(-1))

    def _action(self, keys: tuple[str, ...], slot) -> QAction:
        action = QAction(self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _step_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    # -- life cycle -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shared_search.check()  # families registered at the reception meanwhile
        self._place_notice()
        self.on_tab_changed(self.tabs.currentIndex())

    def hideEvent(self, event: QHideEvent) -> None:
        self.notice.clear()
        super().hideEvent(event)

    def _place_notice(self) -> None:
        """In the window's status bar when there is one, else at the foot of the page."""
        window = self.window()
        if isinstance(window, QMainWindow):
            if self.notice.parent() is not window.statusBar():
                window.statusBar().addWidget(self.notice, 1)
        elif self.notice.parent() is self:
            self.notice_layout.addWidget(self.notice)

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
        return toys_queries.today()

    def search_index(self) -> SearchIndex:
        return self.shared_search.index()

    def notify(self, text: str, *, error: bool = False, undo=None) -> None:
        self.notice.show_text(text, error=error, undo=undo)

    def run(self, call: Callable[[], object]) -> object | None:
        """A service call whose refusal is shown in the status line."""
        try:
            return call()
        except UserError as err:
            self.notify(err.message, error=True)
            return None

    def show_dialog(self, dialog: QDialog | QMessageBox) -> None:
        self.dialog = dialog
        if not dialog.isVisible():
            dialog.open()

    def preview_pdf(self, title: str, file_name: str, make: Callable[[], bytes]) -> None:
        """Make the printout (a refusal goes to the status line) and show it, to print or
        save as a PDF."""
        pdf = self.run(make)
        if pdf is not None:
            self.dialog = show_pdf_preview(self, pdf, title, file_name)

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
