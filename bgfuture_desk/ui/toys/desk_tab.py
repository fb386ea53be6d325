"""„Заемане и връщане“: the lending basket on the left, the returns on the right.

Ctrl+Enter confirms what the focus is in: „Заеми“ on the left, „Върни“ on the right.
A code scanned while a list, a button or a return's detail has the focus goes to that side's
scan field (so it cannot choose another condition or become missing pieces).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeGuard

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QSplitter, QWidget

from bgfuture_desk.services.families.search import SearchIndex
from bgfuture_desk.services.unit import Database
from bgfuture_desk.ui.toys.common import ActorSource, ToyScreen, pass_on
from bgfuture_desk.ui.toys.lend_panel import LendPanel
from bgfuture_desk.ui.toys.return_panel import ReturnPanel

CONFIRM_KEYS = ("Ctrl+Return", "Ctrl+Enter")
SPLIT = (53, 47)  # the lending side and the returns, in parts of the width
PLAIN = Qt.KeyboardModifier.NoModifier | Qt.KeyboardModifier.ShiftModifier


def starts_a_code(event: QEvent) -> TypeGuard[QKeyEvent]:
    """A letter or digit typed without Ctrl or Alt (Space still presses buttons)."""
    if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
        return False
    text = event.text()
    plain = PLAIN | Qt.KeyboardModifier.KeypadModifier
    return bool(text) and text.isalnum() and (event.modifiers() | plain) == plain


def panel_action(panel: QWidget, slot) -> QAction:
    action = QAction(panel)
    action.setShortcuts([QKeySequence(k) for k in CONFIRM_KEYS])
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(slot)
    panel.addAction(action)
    return action


class DeskTab(ToyScreen):
    """The two panels' signals go on as the tab's own; a loan chosen on the left (the
    family's toys) comes onto the returns' list on the right."""

    def __init__(
        self,
        db: Database,
        actor: ActorSource,
        index: Callable[[], SearchIndex],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 8, 4, 8)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        self.lending = LendPanel(db, actor, index, splitter)
        self.returns = ReturnPanel(db, actor, splitter)
        pass_on(self.lending, self)
        pass_on(self.returns, self)
        self.lending.loan_chosen.connect(self.returns.add_code)
        splitter.addWidget(self.lending)
        splitter.addWidget(self.returns)
        self.splitter = splitter
        self.split_moved = False
        splitter.splitterMoved.connect(self.on_splitter_moved)
        row.addWidget(splitter)
        self.lend_action = panel_action(self.lending, self.lending.lend)
        self.return_action = panel_action(self.returns, self.returns.return_all)
        lending, returns = self.lending, self.returns
        for widget in (
            lending.basket_view,
            lending.side.suggested_view,
            lending.side.loans_view,
            lending.remove_button,
            lending.lend_button,
            lending.receipt_button,
            returns.view,
            returns.return_button,
            returns.remove_button,
            returns.condition,  # a scan here would be lost, or choose another condition
            returns.lost,
            returns.missing,  # where digits are the missing pieces, a code's letter is not
        ):
            widget.installEventFilter(self)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The width shared in fixed parts, so at 1366×768 each side shows its lists whole
        (the returns a code and a name); once the assistant moves the handle, hers stays."""
        super().resizeEvent(event)
        if not self.split_moved:
            width = self.splitter.width()
            left = width * SPLIT[0] // sum(SPLIT)
            self.splitter.setSizes([left, width - left])

    def on_splitter_moved(self, *_args: object) -> None:
        self.split_moved = True

    def reload(self) -> None:
        """After a change elsewhere (the catalogue, another tab): the family shown again."""
        self.lending.reload_family()
        self.lending.recheck()
        self.stale = False

    def focus_first(self) -> None:
        """The scan field when a family is open, else the family search."""
        if self.lending.family is None:
            self.lending.finder.search.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.lending.scan.setFocus(Qt.FocusReason.OtherFocusReason)

    def on_escape(self) -> None:
        focus = QApplication.focusWidget()
        if focus is not None and self.returns.isAncestorOf(focus):
            self.returns.on_escape()
        else:
            self.lending.on_escape()

    def _is_code(self, watched: QWidget, event: QKeyEvent) -> bool:
        """A key that starts a code; in the missing pieces, a digit is a number of pieces."""
        if not starts_a_code(event):
            return False
        return watched is not self.returns.missing or not event.text().isdigit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(watched, QWidget)
            and isinstance(event, QKeyEvent)
            and self._is_code(watched, event)
        ):
            target = self.returns.scan if self.returns.isAncestorOf(watched) else None
            if target is None:
                lending = self.lending
                target = lending.scan if lending.family is not None else lending.finder.search
            if target.isEnabled():
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                target.setText(target.text() + event.text())
                return True
        return super().eventFilter(watched, event)
