"""What every working page of the desk has: a message line with undo, the shared search,
keyboard shortcuts, service calls whose refusal is shown, dialogs and print previews.

Reception, groups, toys and documents build on it; the tabbed ones add ``build_tabs``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.errors import UserError
from bgfuture_desk.services.families.search import SearchIndex, SharedSearch
from bgfuture_desk.services.unit import Database
from bgfuture_desk.ui.widgets.notice import Notice
from bgfuture_desk.ui.widgets.page import Page
from bgfuture_desk.ui.widgets.pdf_preview import show_pdf_preview
from bgfuture_desk.ui.widgets.service_call import run_shown

T = TypeVar("T")


class Runner(Protocol):
    """A page's guarded service call, handed down to its tabs: the call's result, or None
    when it was refused (the refusal is shown in the message line)."""

    def __call__(self, call: Callable[[], T], /) -> T | None: ...


class DeskPage(Page):
    def __init__(
        self, db: Database, parent: QWidget | None = None, search: SharedSearch | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.shared_search = search or SharedSearch(db)  # one index for all the screens
        self.dialog: QDialog | QMessageBox | None = None  # the last one opened (tests use it)
        self.notice = Notice(self)
        self.notice_layout = QVBoxLayout(self)  # where the notice goes without a window

    # -- building -----------------------------------------------------------------------------

    def shortcut(
        self, keys: tuple[str, ...], slot: Callable[[], object], *, window_wide: bool = False
    ) -> QAction:
        """A key of this page and its children, or of the whole window while the page shows
        (the reception's keys work even from the navigation list)."""
        action = QAction(self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        if not window_wide:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def build_tabs(self, *, step_keys: bool = True) -> QTabWidget:
        """The page's tabs, stepped through with Ctrl+PgDown / Ctrl+PgUp (unless a tab uses
        those keys itself, as the groups' week does); Ctrl+Z undoes."""
        self.notice_layout.setContentsMargins(8, 8, 8, 4)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.notice_layout.addWidget(self.tabs, 1)
        self.undo_action = self.shortcut(("Ctrl+Z",), self.notice.on_undo_clicked)
        if not step_keys:
            return self.tabs
        self.next_tab_action = self.shortcut(("Ctrl+PgDown",), lambda: self.step_tab(1))
        self.previous_tab_action = self.shortcut(("Ctrl+PgUp",), lambda: self.step_tab(-1))
        return self.tabs

    def step_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    # -- life cycle ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.place_notice()
        self.shared_search.check()  # families registered elsewhere meanwhile

    def hideEvent(self, event: QHideEvent) -> None:
        self.notice.clear()
        super().hideEvent(event)

    def place_notice(self) -> None:
        """In the window's status bar when there is one, else at the foot of the page."""
        window = self.window()
        if isinstance(window, QMainWindow):
            if self.notice.parent() is not window.statusBar():
                window.statusBar().addWidget(self.notice, 1)
        elif self.notice.parent() is self:
            self.notice_layout.addWidget(self.notice)

    # -- shared services ----------------------------------------------------------------------

    def search_index(self) -> SearchIndex:
        return self.shared_search.index()

    def notify(self, text: str, *, error: bool = False, undo=None) -> None:
        self.notice.show_text(text, error=error, undo=undo)

    def run(self, call: Callable[[], T]) -> T | None:
        """A service call whose refusal is shown in the message line."""
        return run_shown(call, lambda message: self.notify(message, error=True))

    def attempt(self, call: Callable[[], object]) -> bool:
        """A service call that returns nothing: whether it went through (a refusal is shown
        in the message line)."""
        try:
            call()
        except UserError as err:
            self.notify(err.message, error=True)
            return False
        return True

    def show_dialog(self, dialog: QDialog | QMessageBox) -> None:
        self.dialog = dialog
        if not dialog.isVisible():
            dialog.open()

    def preview_pdf(self, title: str, file_name: str, make: Callable[[], bytes]) -> None:
        """Make the printout (a refusal goes to the message line) and show it, to print or
        save as a PDF."""
        pdf = self.run(make)
        if pdf is not None:
            self.dialog = show_pdf_preview(self, pdf, title, file_name)
