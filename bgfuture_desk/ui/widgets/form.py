"""A form whose fields carry their own error line, so a mistake is shown where it was made."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.errors import UserError, ValidationError

EditorT = TypeVar("EditorT", bound=QWidget)

ERROR_STYLE = "color: #b3261e;"
SAVED_STYLE = "color: #1b5e20;"


def error_label(parent: QWidget | None = None) -> QLabel:
    """A red, word-wrapped line for a message; hidden while it has nothing to say."""
    label = QLabel(parent)
    label.setObjectName("error")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def reserved_error_label(parent: QWidget | None = None, lines: int = 2) -> QLabel:
    """A red message line that keeps its room (``lines`` lines) while it is empty, so
    nothing around it moves when a message comes or goes."""
    label = error_label(parent)
    label.setProperty("reserved", True)
    label.setFixedHeight(lines * label.fontMetrics().lineSpacing() + 2)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    label.show()
    return label


def show_message(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text) or label.property("reserved") is True)


def status_label(parent: QWidget | None = None) -> QLabel:
    """A line beside a save button that says how the save went: green when it went well."""
    label = error_label(parent)
    label.setObjectName("status")
    return label


def show_status(label: QLabel, text: str, *, ok: bool) -> None:
    label.setStyleSheet(SAVED_STYLE if ok else ERROR_STYLE)
    show_message(label, text)


def dialog_buttons(
    parent: QWidget,
    accept_text: str,
    reject_text: str,
    on_accept: Callable[[], object],
    on_reject: Callable[[], object],
) -> tuple[QDialogButtonBox, QPushButton]:
    """A dialog's accept and reject buttons; Enter presses the accepting one, which is
    returned for the dialog to keep."""
    buttons = QDialogButtonBox(parent)
    accept = QPushButton(accept_text, parent)
    accept.setDefault(True)
    buttons.addButton(accept, QDialogButtonBox.ButtonRole.AcceptRole)
    reject = QPushButton(reject_text, parent)
    buttons.addButton(reject, QDialogButtonBox.ButtonRole.RejectRole)
    accept.clicked.connect(on_accept)
    reject.clicked.connect(on_reject)
    return buttons, accept


class FieldForm(QWidget):
    """Label, editor and the editor's own error message, row by row.

    Typing into a field clears its message: the person sees the error go as they fix it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

    def add_field(self, key: str, label_text: str, editor: EditorT) -> EditorT:
        """Add a row; ``label_text`` may carry an ``&`` mnemonic that focuses the editor."""
        label = QLabel(label_text, self)
        label.setBuddy(editor)
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        error = error_label(box)
        column.addWidget(error)
        self.form.addRow(label, box)
        self.editors[key] = editor
        self.errors[key] = error
        _on_change(editor, lambda *_args, k=key: self.clear_error(k))
        return editor

    def add_row(self, label_text: str, widget: QWidget) -> None:
        """A row without an error line (read-only values, buttons)."""
        label = QLabel(label_text, self)
        label.setBuddy(widget)
        self.form.addRow(label, widget)

    def set_errors(self, errors: dict[str, str]) -> dict[str, str]:
        """Show each message beside its field; return the ones no field of this form owns."""
        for key, label in self.errors.items():
            show_message(label, errors.get(key, ""))
        first = next((k for k in self.editors if k in errors), None)
        if first is not None:
            self.editors[first].setFocus()
        return {k: v for k, v in errors.items() if k not in self.errors}

    def place_error(self, err: UserError) -> str:
        """Put a ValidationError's messages beside their fields; return what is left for the
        form's own message line (the whole message of any other UserError)."""
        if isinstance(err, ValidationError):
            return " ".join(self.set_errors(err.errors).values())
        return err.message

    def clear_error(self, key: str) -> None:
        show_message(self.errors[key], "")

    def error_text(self, key: str) -> str:
        label = self.errors[key]
        return label.text() if label.isVisibleTo(self) else ""

    def set_read_only(self, read_only: bool) -> None:
        """Read-only fields lose their frame, so they do not look like something to type in."""
        for editor in self.editors.values():
            if isinstance(editor, QLineEdit | QAbstractSpinBox):
                editor.setReadOnly(read_only)
                editor.setFrame(not read_only)
            else:
                editor.setEnabled(not read_only)


def _on_change(editor: QWidget, slot: Callable[..., object]) -> None:
    if isinstance(editor, QLineEdit):
        editor.textEdited.connect(slot)
    elif isinstance(editor, QAbstractSpinBox):
        editor.editingFinished.connect(slot)
    elif isinstance(editor, QComboBox):
        editor.currentIndexChanged.connect(slot)
    elif isinstance(editor, QCheckBox):
        editor.toggled.connect(slot)
