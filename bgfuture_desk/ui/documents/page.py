"""Documents: consents, referrals, the consent forms' versions and the institutions.

Each tab reads what it shows when it comes into view; messages go to the window's status
line, with an undo where one is possible (Ctrl+Z).
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QWidget,
)

from bgfuture_desk.i18n import N_, _, format_number
from bgfuture_desk.services.families.search import SharedSearch
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.documents.consents_tab import ConsentsTab
from bgfuture_desk.ui.documents.forms_tab import FormsTab
from bgfuture_desk.ui.documents.institutions_tab import InstitutionsTab
from bgfuture_desk.ui.documents.referrals_tab import ReferralsTab
from bgfuture_desk.ui.documents.retention_tab import RetentionTab
from bgfuture_desk.ui.widgets.desk_page import DeskPage

COUNTS = (
    ("consent_forms", N_("Consent forms")),
    ("consents", N_("Consents")),
    ("referrals", N_("Referrals")),
    ("institutions", N_("Institutions")),
)
COUNTS_STYLE = "color: #616161;"


def _call(tab: QWidget, name: str, *args: object) -> None:
    """The tabs answer set_actor, refresh, focus_first and on_escape when they have them."""
    method = getattr(tab, name, None)
    if callable(method):
        method(*args)


class DocumentsPage(DeskPage):
    TITLE = N_("Documents")
    COUNTED = tuple(table for table, _label in COUNTS)

    def __init__(
        self, db: Database, parent: QWidget | None = None, search: SharedSearch | None = None
    ) -> None:
        super().__init__(db, parent, search)
        tabs = self.build_tabs()
        self.consents = ConsentsTab(db, self.notify, self.run, self.search_index, tabs)
        self.consents.changed.connect(self.changed)
        self.referrals = ReferralsTab(db, tabs)
        self.forms = FormsTab(db, self.notify, self.run, tabs)
        self.institutions = InstitutionsTab(db, tabs)
        tabs.addTab(self.consents, _("&Consents"))
        tabs.addTab(self.referrals, _("&Referrals"))
        tabs.addTab(self.forms, _("&Forms"))
        tabs.addTab(self.institutions, _("&Institutions"))
        self.retention = RetentionTab(db, self.notify, self.run, tabs)
        tabs.addTab(self.retention, _("Review for &erasure"))
        tabs.currentChanged.connect(self.on_tab_changed)
        self.notice_layout.addLayout(self._build_counts())
        self.escape_action = self.shortcut(("Esc",), self.on_escape)
        self.find_action = self.shortcut(("Ctrl+F",), self.focus_tab)

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

    # -- the window's calls -----------------------------------------------------------------

    def all_tabs(self) -> list[QWidget]:
        return [w for n in range(self.tabs.count()) if (w := self.tabs.widget(n)) is not None]

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
        self.on_tab_changed(self.tabs.currentIndex())

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
