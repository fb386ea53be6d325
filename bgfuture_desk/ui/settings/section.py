"""A part of the settings page: a form, its save button and a line that says how it went."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.widgets.form import FieldForm, show_status, status_label

T = TypeVar("T")


class SettingsSection(QGroupBox):
    """Subclasses add their fields in ``add_fields`` (called before the save button is made,
    so Tab goes through the fields first) and save through ``save``."""

    def __init__(
        self, title: str, save_text: str, db: Database, parent: QWidget | None = None
    ) -> None:
        super().__init__(title, parent)
        self.db = db
        self.actor: Actor | None = None
        layout = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.add_fields()
        layout.addWidget(self.form)
        row = QHBoxLayout()
        self.save_button = QPushButton(save_text, self)
        self.save_button.clicked.connect(self.on_save_clicked)
        row.addWidget(self.save_button)
        self.status = status_label(self)
        row.addWidget(self.status)
        row.addStretch(1)
        layout.addLayout(row)

    def add_fields(self) -> None:
        raise NotImplementedError

    def on_save_clicked(self) -> None:
        raise NotImplementedError

    def signed_in(self) -> Actor:
        """Who saves: the section is editable only once someone has signed in."""
        if self.actor is None:
            raise RuntimeError("no one is signed in")
        return self.actor

    def save(self, call: Callable[[], T], on_saved: Callable[[T], object]) -> None:
        """Run the service ``call``; its errors stand beside their fields (the rest in the
        status line), and only a save that went through says "Saved." and calls ``on_saved``."""
        assert self.actor is not None
        try:
            result = call()
        except UserError as err:
            show_status(self.status, self.form.place_error(err), ok=False)
            return
        show_status(self.status, _("Saved."), ok=True)
        on_saved(result)
