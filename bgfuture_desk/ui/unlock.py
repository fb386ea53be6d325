"""Unlocking an encrypted house file whose key is not on this computer for this user: a
staff member's user name and password, or the recovery key from the house's safe."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.house import key_wrap, recovery
from bgfuture_desk.ui.login import heading
from bgfuture_desk.ui.widgets.form import FieldForm
from bgfuture_desk.ui.widgets.user_form import password_edit


class UnlockDialog(QDialog):
    """Accepted once the key is in this user's key store; the file then opens as usual."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.setWindowTitle(_("The house file is locked"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(heading(_("The house file is encrypted"), self))
        explanation = QLabel(_(
            "Its key is not on this computer for this user (a new computer, a reinstall, or "
            "another Windows/Linux user). Log in with a staff member's user name and "
            "password, or type the recovery key kept in the house's safe."), self)
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        self.form = FieldForm(self)
        self.username = self.form.add_field("username", _("&User name:"), QLineEdit(self))
        self.password = self.form.add_field("password", _("&Password:"), password_edit(self))
        self.recovery = self.form.add_field("recovery", _("or the &recovery key:"),
                                            QLineEdit(self))
        self.recovery.setPlaceholderText("ABCD-EFGH-…")
        layout.addWidget(self.form)
        buttons = QDialogButtonBox(self)
        self.unlock_button = QPushButton(_("&Unlock"), self)
        self.unlock_button.setDefault(True)
        buttons.addButton(self.unlock_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = QPushButton(_("&Quit the program"), self)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.unlock_button.clicked.connect(self.on_unlock_clicked)
        self.quit_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.username.setFocus()
        self.setMinimumWidth(520)

    def on_unlock_clicked(self) -> None:
        text = self.recovery.text().strip()
        try:
            if text:
                recovery.unlock_with_recovery(self.db_path, text)
            else:
                key_wrap.unlock_with_password(self.db_path, self.username.text(),
                                              self.password.text())
        except UserError as err:
            self.form.set_errors({"recovery" if text else "password": err.message})
            self.password.clear()
            return
        self.accept()
