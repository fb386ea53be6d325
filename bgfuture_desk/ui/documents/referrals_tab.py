"""„Насочвания“: the referrals the house has issued, what came of them, and the ones still
waiting for their feedback part longer than the follow-up setting.

The list is filtered by status (or „waiting for feedback“) and searched by number, name or
institution as one types. The buttons act on the chosen referral: correct it while it is
issued, record its outcome, print its slip (in the preview), cancel one made by mistake —
with an undo in the message line, as everywhere in the program.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.domain.names import search_key
from bgfuture_desk.domain.vocab import ReferralStatus
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _, ngettext
from bgfuture_desk.services.families.search import SearchIndex
from bgfuture_desk.services.house import settings
from bgfuture_desk.services.referrals import service as referrals
from bgfuture_desk.services.referrals.service import ReferralView
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.documents.referral_actions import ReferralActions
from bgfuture_desk.ui.documents.referral_page_link import host_page, page_index
from bgfuture_desk.ui.models.referral_table_model import (
    COL_INSTITUTION,
    COL_NUMBER,
    ReferralTableModel,
    status_text,
    who_text,
)
from bgfuture_desk.ui.widgets.controls import table_view
from bgfuture_desk.ui.widgets.notice import Notice
from bgfuture_desk.ui.widgets.service_call import run_shown

WAITING = "waiting"  # the filter of referrals waiting for feedback too long


def matches(row: ReferralView, words: list[str]) -> bool:
    """Every typed word is found in the number, the name, the family code or the institution
    (folded as the reception search folds them: Latin or Cyrillic, any case)."""
    key = search_key(row.number, who_text(row), row.family_title, row.institution)
    return all(word in key for word in words)


T = TypeVar("T")


class ReferralsTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.index: SearchIndex | None = None
        self.dialog: QDialog | QMessageBox | None = None  # the last one opened (tests use it)
        self.preview: QWidget | None = None  # the last slip shown (tests use it)
        self.all_rows: list[ReferralView] = []
        self.referral_actions = ReferralActions(db, self, self.search_index)
        self.referral_actions.created.connect(self.on_referral_created)
        self.referral_actions.changed.connect(lambda keep: self.refresh(keep=keep))
        self.referral_actions.notified.connect(
            lambda text, error, undo: self.notify(text, error=error, undo=undo)
        )
        self.referral_actions.saved.connect(self._focus_list)
        self.referral_actions.dialog_opened.connect(self._remember_dialog)
        self.referral_actions.preview_shown.connect(self._remember_preview)
        self.follow_up = 30  # days; read with the rows
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(self._build_filters())
        self.model = ReferralTableModel(self)
        self.view = table_view(self, self.model, _("Referrals"), stretch=COL_INSTITUTION)
        layout.addWidget(self.view, 1)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.details)
        layout.addLayout(self._build_buttons())
        self.page: QWidget | None = None  # the documents page, once the tab is shown in it
        self.own_notice = Notice(self)  # used while the tab stands alone
        self.notice = self.own_notice
        layout.addWidget(self.own_notice)
        self._connect()
        self._enable()

    # -- building ---------------------------------------------------------------------------

    def _build_filters(self) -> QGridLayout:
        grid = QGridLayout()
        search_label = QLabel(_("Sea&rch:"), self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Number, name, family code or institution"))
        self.search.setClearButtonEnabled(True)
        search_label.setBuddy(self.search)
        show_label = QLabel(_("S&how:"), self)
        self.filter = QComboBox(self)
        self.filter.addItem(_("all referrals"), None)
        for value, label in ReferralStatus.choices():
            self.filter.addItem(label, value)
        self.filter.addItem(_("waiting for feedback"), WAITING)
        show_label.setBuddy(self.filter)
        self.caption = QLabel(self)
        grid.addWidget(search_label, 0, 0)
        grid.addWidget(self.search, 0, 1)
        grid.addWidget(show_label, 0, 2)
        grid.addWidget(self.filter, 0, 3)
        grid.addWidget(self.caption, 1, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        return grid

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.new_button = QPushButton(_("&New referral…"), self)
        self.edit_button = QPushButton(_("&Edit…"), self)
        self.outcome_button = QPushButton(_("Record the &outcome…"), self)
        self.cancel_button = QPushButton(_("C&ancel the referral"), self)
        self.print_button = QPushButton(_("&Print…"), self)
        self.new_button.setToolTip("Ctrl+N")
        self.print_button.setToolTip("Ctrl+P")
        for button in (self.new_button, self.edit_button, self.outcome_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.print_button)
        return row

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _t: self.show_rows())
        self.search.installEventFilter(self)
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.new_button.clicked.connect(lambda: self.new_referral())
        acts = self.referral_actions
        self.edit_button.clicked.connect(
            lambda: acts.edit_referral(self.current_referral(), self.actor)
        )
        self.outcome_button.clicked.connect(
            lambda: acts.record_outcome(self.current_referral(), self.actor)
        )
        self.cancel_button.clicked.connect(
            lambda: acts.cancel_referral(self.current_referral(), self.actor)
        )
        self.print_button.clicked.connect(lambda: acts.print_slip(self.current_referral()))
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._on_current())
        self.view.doubleClicked.connect(
            lambda _i: acts.open_current(self.current_referral(), self.actor)
        )
        self.view.activated.connect(
            lambda _i: acts.open_current(self.current_referral(), self.actor)
        )
        # Ctrl+F, Ctrl+Z and Esc are the page's (focus_first, its notice, on_escape)
        for keys, slot in (("Ctrl+N", lambda: self.new_referral()), ("Ctrl+P", self.print_slip)):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    # -- life cycle -------------------------------------------------------------------------

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self._enable()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._join_page()
        self.index = None  # families registered at the reception meanwhile: read again
        self.refresh()

    def _join_page(self) -> None:
        """Inside the documents page: its message line and search index serve this tab."""
        page = host_page(self)
        if page is None or self.page is page:
            return
        self.page = page
        self.own_notice.hide()
        self.notice = page.notice  # type: ignore[attr-defined]

    def search_index(self) -> SearchIndex:
        builder = page_index(self.page)
        if builder is not None:
            return builder()
        if self.index is None:
            self.index = SearchIndex.build(self.db)
        return self.index

    def notify(self, text: str, *, error: bool = False, undo=None) -> None:
        self.notice.show_text(text, error=error, undo=undo)

    def _focus_list(self) -> None:
        self.view.setFocus()

    def run(self, call: Callable[[], T]) -> T | None:
        """A service call whose refusal is shown in the message line."""
        return run_shown(call, lambda message: self.notify(message, error=True))

    # -- reading ----------------------------------------------------------------------------

    def refresh(self, keep: uuid.UUID | None = None) -> None:
        """Read the referrals of the chosen filter again; ``keep`` (or the one chosen) stays
        chosen."""
        current = self.current_referral()
        keep = keep or (current.id if current is not None else None)
        shown = self.filter.currentData()
        try:
            follow_up = settings.read_settings(self.db)["referral_follow_up_days"]
            if shown == WAITING:
                rows = referrals.referrals_waiting(self.db)
            else:
                rows = referrals.list_referrals(self.db, status=shown)
        except UserError as err:
            self.notify(err.message, error=True)
            return
        self.follow_up = follow_up
        self.all_rows = rows
        self.model.follow_up_days = follow_up
        self.show_rows(keep)

    def show_rows(self, keep: uuid.UUID | None = None) -> None:
        """The rows read last that match the search box."""
        if keep is None:
            current = self.current_referral()
            keep = current.id if current is not None else None
        words = search_key(self.search.text()).split()
        rows = [r for r in self.all_rows if matches(r, words)] if words else self.all_rows
        self.model.set_rows(rows)
        self.caption.setText(self._caption(len(rows)))
        if rows:
            index = self.model.index(max(self.model.row_of(keep), 0), COL_NUMBER)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        self._on_current()

    def _caption(self, count: int) -> str:
        if self.filter.currentData() == WAITING:
            if not count:
                return _("No referral has waited for feedback longer than {days} days.").format(
                    days=self.follow_up
                )
            return ngettext(
                "{n} referral waiting for feedback longer than {days} days, the oldest first.",
                "{n} referrals waiting for feedback longer than {days} days, the oldest first.",
                count,
            ).format(n=count, days=self.follow_up)
        if not count:
            return _("No referral matches.") if self.all_rows else _("No referrals yet.")
        return ngettext(
            "{n} referral, the newest first.", "{n} referrals, the newest first.", count
        ).format(n=count)

    def current_referral(self) -> ReferralView | None:
        return self.model.row_at(self.view.currentIndex())

    def select(self, referral_id: uuid.UUID) -> bool:
        row = self.model.row_of(referral_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, COL_NUMBER))
        return row >= 0

    def _on_current(self) -> None:
        referral = self.current_referral()
        self._enable()
        if referral is None:
            self.details.setText("")
            return
        lines = [_("Reason: {reason}").format(reason=" ".join(referral.reason.split()))]
        if referral.specialist_name:
            lines[0] += "  ·  " + _("Referred by: {name}").format(name=referral.specialist_name)
        if referral.status != ReferralStatus.ISSUED:
            lines.append(
                _("Outcome ({status}): {outcome}").format(
                    status=status_text(referral),
                    outcome=" ".join(referral.outcome.split()) or "—",
                )
            )
        self.details.setText("\n".join(lines))

    def _enable(self) -> None:
        referral = self.current_referral()
        can = self.actor is not None
        chosen = referral is not None
        self.new_button.setEnabled(can)
        self.edit_button.setEnabled(
            can and chosen and referral.status == ReferralStatus.ISSUED  # type: ignore[union-attr]
        )
        self.outcome_button.setEnabled(can and chosen)
        self.cancel_button.setEnabled(can and chosen)
        self.print_button.setEnabled(chosen)

    # -- acting (in ``referral_actions``) ----------------------------------------------------

    def new_referral(
        self, family_id: uuid.UUID | None = None, person_id: uuid.UUID | None = None
    ) -> None:
        """A new referral, pre-filled for ``family_id`` or ``person_id`` when given."""
        self.referral_actions.new_referral(self.actor, family_id, person_id)

    def print_slip(self) -> None:
        self.referral_actions.print_slip(self.current_referral())

    def on_referral_created(self, referral: ReferralView) -> None:
        """A new referral is shown whatever the filter and the search were."""
        if self.filter.currentData() not in (None, ReferralStatus.ISSUED.value):
            self.filter.setCurrentIndex(0)
        self.search.clear()
        self.refresh(keep=referral.id)

    def _remember_dialog(self, dialog: QDialog | QMessageBox) -> None:
        self.dialog = dialog

    def _remember_preview(self, preview: QWidget) -> None:
        self.preview = preview

    # -- keyboard ---------------------------------------------------------------------------

    def focus_first(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def on_escape(self) -> None:
        if self.search.hasFocus() and self.search.text():
            self.search.clear()
        else:
            self.focus_first()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.model.rowCount()
        ):
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(watched, event)
