"""Documents: consents, referrals, the consent forms' versions and the institutions.

Each tab reads what it shows when it comes into view; messages go to the window's status
line, with an undo where one is possible (Ctrl+Z). The referral tabs are built by their
own modules and joined here when they are there.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import N_, _, format_number
from bgfuture_desk.services.search import SearchIndex, SharedSearch
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.documents.consents_tab import ConsentsTab
from bgfuture_desk.ui.documents.forms_tab import FormsTab
from bgfuture_desk.ui.widgets.notice import Notice
from bgfuture_desk.ui.widgets.page import Page

COUNTS = (
    ("consent_forms", N_("Consent forms")),
    ("consents", N_("Consents")),
    ("referrals", N_("Referrals")),
    ("institutions", N_("Institutions")),
)
COUNTS_STYLE = "color: #616161;"


def optional_tab(module: str, name: str, db: Database, parent: QWidget) -> QWidget | None:
    """A tab another module provides, when that module is there."""
    full = f"bgfuture_desk.ui.documents.{module}"
    if importlib.util.find_spec(full) is None:
        return None
    return getattr(importlib.import_module(full), name)(db, parent)


def _call(tab: QWidget, name: str, *args: object) -> None:
    """The tabs answer set_actor, refresh, focus_first and on_escape when they have them."""
    method = getattr(tab, name, None)
    if callable(method):
        method(*args)


class DocumentsPage(Page):
    TITLE = N_("Documents")

    def __init__(
        self, db: Database, parent: QWidget | None = None, search: SharedSearch | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.shared_search = search or SharedSearch(db)  # one index for all the screens
        self.notice = Notice(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.consents = ConsentsTab(self, self.tabs)
        self.tabs.addTab(self.consents, _("&Consents"))
        self.referrals = optional_tab("referrals_tab", "ReferralsTab", db, self.tabs)
        if self.referrals is not None:
            self.tabs.addTab(self.referrals, _("&Referrals"))
        self.forms = FormsTab(self, self.tabs)
        self.tabs.addTab(self.forms, _("&Forms"))
        self.institutions = optional_tab("institutions_tab", "InstitutionsTab", db, self.tabs)
        if self.institutions is not None:
            self.tabs.addTab(self.institutions, _("&Institutions"))
        self.tabs.currentChanged.connect(self.on_tab_changed)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(self._build_counts())
        self.notice_layout = layout
        self._build_actions()

    def _build_counts(self) -> QHBoxLayout:
        """What the file holds, in one grey line at the foot of the page."""
        row = QHBoxLayout()
        row.addStretch(1)
        self.count_labels: dict[str, QLabel] = {}
        for table, label in COUNTS:
            name = QLabel(_(label) + ":", self)
            value = QLabel("0", self)
            value.setObjectName(f"count_{table}")
            for widget in (name, value):
                widget.setStyleSheet(COUNTS_STYLE)
            row.addWidget(name)
            row.addWidget(value)
            row.addSpacing(12)
            self.count_labels[table] = value
        return row

    def _build_actions(self) -> None:
        self.escape_action = self._action(("Esc",), self.on_escape)
        self.find_action = self._action(("Ctrl+F",), self.focus_tab)
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

    # -- the window's calls -----------------------------------------------------------------

    def all_tabs(self) -> list[QWidget]:
        return [self.tabs.widget(n) for n in range(self.tabs.count())]

    def set_actor(self, actor: Actor) -> None:
        super().set_actor(actor)
        for tab in self.all_tabs():
            _call(tab, "set_actor", actor)

    def set_counts(self, counts: dict[str, int]) -> None:
        for table, label in self.count_labels.items():
            label.setText(format_number(counts.get(table, 0)))

    def counts_text(self) -> str:
        """The counts as one line, e.g. „Формуляри за съгласие: 2, съгласия: 1 200, …“."""
        parts = [f"{_(label)}: {self.count_labels[table].text()}" for table, label in COUNTS]
        return ", ".join(parts[:1] + [p[:1].lower() + p[1:] for p in parts[1:]])

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
            self.notice_layout.insertWidget(1, self.notice)

    def current_tab(self) -> QWidget:
        return self.tabs.currentWidget()

    def show_tab(self, tab: QWidget) -> None:
        self.tabs.setCurrentWidget(tab)

    def on_tab_changed(self, _index: int) -> None:
        tab = self.current_tab()
        if tab is None or not self.isVisible():
            return
        _call(tab, "refresh")
        self.focus_tab()

    def focus_tab(self) -> None:
        _call(self.current_tab(), "focus_first")

    def on_escape(self) -> None:
        _call(self.current_tab(), "on_escape")

    def changed(self) -> None:
        """Something was recorded, withdrawn or undone: the tab in view reads again."""
        _call(self.current_tab(), "refresh")

    # -- shared services --------------------------------------------------------------------

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
