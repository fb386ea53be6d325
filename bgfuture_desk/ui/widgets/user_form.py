"""The fields of a user account, shared by the set-up wizard, the first-administrator dialog
and the user management of the settings."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from bgfuture_desk.domain.vocab import UserRole
from bgfuture_desk.i18n import _
from bgfuture_desk.services.users.service import (
    MIN_PASSWORD,
    MIN_PHRASE_WORDS,
    UserRow,
    validate_user,
)
from bgfuture_desk.ui.widgets.form import FieldForm


def password_edit(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class UserForm(FieldForm):
    """User name, full name, optionally role and active flag, optionally the password twice."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        with_role: bool = True,
        with_password: bool = True,
        with_active: bool = False,
    ) -> None:
        super().__init__(parent)
        self.username = self.add_field("username", _("&User name:"), QLineEdit(self))
        self.full_name = self.add_field("full_name", _("&Full name:"), QLineEdit(self))
        self.full_name.setPlaceholderText(_("e.g. Maria Petrova"))
        self.role: QComboBox | None = None
        if with_role:
            self.role = self.add_field("role", _("&Role:"), QComboBox(self))
            for value, label in UserRole.choices():
                self.role.addItem(label, value)
        self.active: QCheckBox | None = None
        if with_active:
            self.active = self.add_field(
                "active", _("Account:"), QCheckBox(_("&Active (may log in)"), self)
            )
            self.active.setChecked(True)
        self.password: QLineEdit | None = None
        self.repeat: QLineEdit | None = None
        if with_password:
            self.password = self.add_field("password", _("&Password:"), password_edit(self))
            self.password.setPlaceholderText(
                _("at least {n} characters, or {words} words").format(
                    n=MIN_PASSWORD, words=MIN_PHRASE_WORDS
                )
            )
            self.repeat = self.add_field("repeat", _("Password &again:"), password_edit(self))

    def role_value(self) -> str:
        return self.role.currentData() if self.role is not None else "admin"

    def set_role(self, role: str) -> None:
        if self.role is not None:
            self.role.setCurrentIndex(max(0, self.role.findData(role)))

    def load(self, user: UserRow) -> None:
        """Fill from an existing account; its user name is fixed once created."""
        self.username.setText(user.username)
        self.username.setReadOnly(True)
        self.full_name.setText(user.full_name)
        self.set_role(user.role)
        if self.active is not None:
            self.active.setChecked(user.active)

    def password_text(self) -> str | None:
        return self.password.text() if self.password is not None else None

    def repeat_text(self) -> str | None:
        return self.repeat.text() if self.repeat is not None else None

    def validate(self) -> bool:
        """Show the field-level messages; True when the form may be sent."""
        errors = validate_user(
            self.username.text(),
            self.full_name.text(),
            self.role_value(),
            self.password_text(),
            self.repeat_text(),
        )
        self.set_errors(errors)
        return not errors
