"""A dialog around one ``FieldForm``: Save and Cancel, a message line, nothing typed lost.

The service's field errors go beside their fields, any other refusal below the form; the
dialog stays open until the service accepts, then emits ``saved`` with its answer.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.ui.widgets.form import FieldForm, dialog_buttons, error_label, show_message


class FormDialog(QDialog):
    saved = Signal(object)  # whatever the service returned

    def __init__(self, title: str, parent: QWidget | None, width: int = 520) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.layout_ = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.width_ = width

    def finish_layout(self, save_text: str | None = None, below: QWidget | None = None) -> None:
        """Form, then ``below`` (a preview), the message line and the buttons."""
        self.layout_.addWidget(self.form)
        if below is not None:
            self.layout_.addWidget(below)
        self.error = error_label(self)
        self.layout_.addWidget(self.error)
        buttons, self.save_button = dialog_buttons(
            self, save_text or _("&Save"), _("Cancel"), self.on_save_clicked, self.reject
        )
        self.layout_.addWidget(buttons)
        self.setMinimumWidth(self.width_)

    def on_save_clicked(self) -> None:
        raise NotImplementedError

    def show_errors(self, errors: dict[str, str]) -> None:
        """Errors found before calling the service (a date that cannot be read)."""
        left = self.form.set_errors(errors)
        show_message(self.error, " ".join(left.values()))

    def attempt(self, call: Callable[[], object]) -> bool:
        show_message(self.error, "")
        try:
            result = call()
        except UserError as err:
            show_message(self.error, self.form.place_error(err))
            return False
        self.accept()
        self.saved.emit(result)
        return True
