"""The base of every screen's action objects: what a button does, kept apart from the screen.

Signals go up, method calls go down. A screen builds its actions with what they need (the
database, the parent of their dialogs, a callable returning who works now) and connects their
signals; an action never calls its screen. ``notified`` carries the message line's text, whether
it is an error, and an undo (a callable or None); ``dialog_opened`` the last dialog or preview
opened (tests use it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.widgets.pdf_preview import show_pdf_preview
from bgfuture_desk.ui.widgets.service_call import run_shown

T = TypeVar("T")
ActorSource = Callable[[], Actor | None]  # who works now (None before a sign-in)


class ScreenActions(QObject):
    notified = Signal(str, bool, object)  # text, error, undo (a callable or None)
    dialog_opened = Signal(object)  # the last dialog or preview opened

    def __init__(self, db: Database, parent: QWidget, actor: ActorSource) -> None:
        super().__init__(parent)
        self.db = db
        self.parent_widget = parent  # the parent of the dialogs
        self.actor = actor
        self.dialog: QObject | None = None  # the last dialog or preview opened

    def _opened(self, dialog: QObject) -> None:
        self.dialog = dialog
        self.dialog_opened.emit(dialog)

    def signed_in(self) -> Actor:
        """Who works now: the window shows its pages only after a sign-in."""
        actor = self.actor()
        if actor is None:
            raise RuntimeError("no one is signed in")
        return actor

    def notify(
        self, text: str, *, error: bool = False, undo: Callable[[], object] | None = None
    ) -> None:
        self.notified.emit(text, error, undo)

    def run(self, call: Callable[[], T]) -> T | None:
        """A service call whose refusal is shown in the message line."""
        return run_shown(call, lambda message: self.notify(message, error=True))

    def attempt(self, call: Callable[[], object]) -> bool:
        """A service call that returns nothing: whether it went through (a refusal is shown
        in the message line)."""

        def went_through() -> bool:
            call()
            return True

        return self.run(went_through) is not None

    def open_dialog(self, dialog: QDialog | QMessageBox) -> None:
        self._opened(dialog)
        if not dialog.isVisible():
            dialog.open()

    def preview_pdf(self, title: str, file_name: str, make: Callable[[], bytes]) -> None:
        """Make the printout (a refusal goes to the message line) and show it."""
        pdf = self.run(make)
        if pdf is not None:
            self._opened(show_pdf_preview(self.parent_widget, pdf, title, file_name))
