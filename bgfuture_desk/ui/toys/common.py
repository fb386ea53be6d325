"""Pieces the toy library's tabs share: message styles, an age in years and months, and
the signals by which a tab, a panel or its actions tell the page what happened.

Signals go up, method calls go down: the page hands each tab what it needs (the database, a
callable returning the acting user, the search index) and connects ``changed`` (read again),
``notified`` (the message line, with an undo) and ``dialog_opened`` (the last dialog or
preview opened, which tests use).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from bgfuture_desk.domain.toys import MAX_AGE_MONTHS
from bgfuture_desk.i18n import _
from bgfuture_desk.ui.widgets.actions import ActorSource as ActorSource
from bgfuture_desk.ui.widgets.actions import ScreenActions
from bgfuture_desk.ui.widgets.form import ERROR_STYLE, SAVED_STYLE
from bgfuture_desk.ui.widgets.pdf_preview import show_pdf_preview
from bgfuture_desk.ui.widgets.service_call import run_shown

WARNING_STYLE = "color: #7a4f00; background: #fff3d6; padding: 4px;"
NOTICE_STYLE = (
    "QLabel { color: #4a2c00; background: #ffe082; border: 1px solid #c79100;"
    " padding: 6px; font-weight: bold; }"
)
STYLES = {"ok": SAVED_STYLE, "error": ERROR_STYLE, "warning": WARNING_STYLE}
MAX_MONTHS = MAX_AGE_MONTHS

T = TypeVar("T")


def _run(call: Callable[[], T], notified: SignalInstance) -> T | None:
    """A service call whose refusal goes to the message line: its result, or None."""
    return run_shown(call, lambda message: notified.emit(message, True, None))


def _open(dialog: QDialog | QMessageBox, dialog_opened: SignalInstance) -> None:
    dialog_opened.emit(dialog)
    if not dialog.isVisible():
        dialog.open()


def _preview(
    parent: QWidget,
    notified: SignalInstance,
    dialog_opened: SignalInstance,
    title: str,
    file_name: str,
    make: Callable[[], bytes],
) -> None:
    """Make the printout (a refusal goes to the message line) and show it in the preview."""
    pdf = _run(make, notified)
    if pdf is not None:
        dialog_opened.emit(show_pdf_preview(parent, pdf, title, file_name))


class ToyScreen(QWidget):
    """A tab or panel of the toy library. The page reads a tab again when it is ``stale``
    and shown; the tab tells the page what happened through the signals."""

    changed = Signal()  # something was lent, returned, reserved or edited
    notified = Signal(str, bool, object)  # text, error, undo (a callable or None)
    dialog_opened = Signal(object)  # the last dialog or preview opened (tests use it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stale = True

    def reload(self) -> None:
        self.stale = False

    def focus_first(self) -> None:
        """Where the assistant types first when the tab is shown."""

    def on_escape(self) -> None:
        self.focus_first()

    def notify(
        self, text: str, *, error: bool = False, undo: Callable[[], object] | None = None
    ) -> None:
        self.notified.emit(text, error, undo)

    def run(self, call: Callable[[], T]) -> T | None:
        return _run(call, self.notified)

    def open_dialog(self, dialog: QDialog | QMessageBox) -> None:
        _open(dialog, self.dialog_opened)

    def preview_pdf(self, title: str, file_name: str, make: Callable[[], bytes]) -> None:
        _preview(self, self.notified, self.dialog_opened, title, file_name, make)


class ToyActions(ScreenActions):
    """What some buttons do, kept apart from the tab that shows them; the signals of
    ``ToyScreen``, which the tab passes on to the page."""

    changed = Signal()


def pass_on(source: ToyScreen | ToyActions, target: ToyScreen) -> None:
    """A child's signals go on as ``target``'s own (which its parent connects)."""
    source.changed.connect(target.changed)
    source.notified.connect(target.notified)
    source.dialog_opened.connect(target.dialog_opened)


class AgeEdit(QWidget):
    """An age as years and months („3 г. 6 мес.“); ``optional`` adds „—“ for no age at all."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, optional: bool = False) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.optional = optional
        self.years = QSpinBox(self)
        self.years.setRange(-1 if optional else 0, MAX_MONTHS // 12)
        self.years.setSuffix(_(" y."))
        if optional:
            self.years.setSpecialValueText(_("any age"))
        self.months = QSpinBox(self)
        self.months.setRange(0, 11)
        self.months.setSuffix(_(" mo."))
        self.years.setAccessibleName(_("Years"))
        self.months.setAccessibleName(_("Months"))
        row.addWidget(self.years)
        row.addWidget(self.months)
        self.years.valueChanged.connect(self._on_changed)
        self.months.valueChanged.connect(self._on_changed)
        self.setFocusProxy(self.years)
        self.set_value(None)
        self._on_changed()

    def _on_changed(self) -> None:
        self.months.setEnabled(self.years.value() >= 0)
        self.changed.emit()

    def value(self) -> int | None:
        """Months of age, or None when no age is set."""
        if self.years.value() < 0:
            return None
        return min(self.years.value() * 12 + self.months.value(), MAX_MONTHS)

    def set_value(self, months: int | None) -> None:
        if months is None:
            self.years.setValue(-1 if self.optional else 0)
            self.months.setValue(0)
            return
        self.years.setValue(months // 12)
        self.months.setValue(months % 12)
