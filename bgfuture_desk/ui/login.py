"""Logging in: at the start, at the idle lock (also a quick switch of user) and on request;
and the small dialog that creates the first administrator of a file that has no users."""

from __future__ import annotations

from dataclasses import replace
from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.errors import UserError, ValidationError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.services.users import service as users
from bgfuture_desk.ui.widgets.form import FieldForm, dialog_buttons, error_label, show_message
from bgfuture_desk.ui.widgets.user_form import UserForm, password_edit


class LoginMode(Enum):
    START = "start"  # Cancel leaves the program
    LOCK = "lock"  # only logging in (anyone) or quitting; Esc does nothing
    SWITCH = "switch"  # Cancel goes back to the current user


def heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class LoginDialog(QDialog):
    """User name and password; Enter logs in. ``user`` holds who logged in.

    A password somebody else set (``init``, an administrator's reset) is changed here before
    the desk opens: the dialog then asks for a new one, twice, under the password rule.
    """

    logged_in = Signal(object)  # users.UserRow
    quit_requested = Signal()

    def __init__(
        self,
        db: Database,
        house_name: str,
        *,
        mode: LoginMode = LoginMode.START,
        username: str = "",
        message: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.mode = mode
        self.message = message  # why the login is asked for (a session the administrator ended)
        self.user: users.UserRow | None = None
        self.pending: users.UserRow | None = None  # logged in, but must change the password
        titles = {
            LoginMode.START: _("Log in"),
            LoginMode.LOCK: _("The program is locked"),
            LoginMode.SWITCH: _("Switch user"),
        }
        self.setWindowTitle(titles[mode])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(heading(house_name, self))
        self.explanation = QLabel(self._explanation(), self)
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        self.form = FieldForm(self)
        self.username = self.form.add_field("username", _("&User name:"), QLineEdit(self))
        self.password = self.form.add_field("password", _("&Password:"), password_edit(self))
        self.username.setText(username)
        layout.addWidget(self.form)
        self.change_form = FieldForm(self)
        self.new_password = self.change_form.add_field(
            "password", _("&New password:"), password_edit(self)
        )
        self.new_password.setPlaceholderText(
            _("at least {n} characters, or {words} words").format(
                n=users.MIN_PASSWORD, words=users.MIN_PHRASE_WORDS
            )
        )
        self.repeat = self.change_form.add_field("repeat", _("Password &again:"),
                                                 password_edit(self))  # fmt: skip
        self.change_form.hide()
        layout.addWidget(self.change_form)
        self.buttons = QDialogButtonBox(self)
        self.login_button = QPushButton(_("&Log in"), self)
        self.login_button.setDefault(True)
        self.buttons.addButton(self.login_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel_text = _("&Quit the program") if mode is not LoginMode.SWITCH else _("Cancel")
        self.cancel_button = QPushButton(cancel_text, self)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.login_button.clicked.connect(self.on_login_clicked)
        self.cancel_button.clicked.connect(self.on_cancel_clicked)
        layout.addWidget(self.buttons)
        (self.password if username else self.username).setFocus()
        self.setMinimumWidth(460)

    def _explanation(self) -> str:
        if self.message:
            return self.message
        if self.mode is LoginMode.LOCK:
            return _("Enter your password, or log in as another user.")
        if self.mode is LoginMode.SWITCH:
            return _("Log in as another user.")
        return _("Enter your user name and password.")

    def on_login_clicked(self) -> None:
        if self.pending is not None:
            self._change_password(self.pending)
            return
        try:
            user = users.authenticate(self.db, self.username.text(), self.password.text())
        except UserError as err:
            self.form.set_errors({err.field or "password": err.message})
            self.password.clear()
            self.password.setFocus()
            return
        if user.must_change_password:
            self._ask_for_a_new_password(user)
            return
        self._logged_in(user)

    def _ask_for_a_new_password(self, user: users.UserRow) -> None:
        self.pending = user
        self.password.clear()
        self.form.hide()
        self.explanation.setText(
            _("{name}, this password was set for you: choose your own before you go on.").format(
                name=user.full_name
            )
        )
        self.login_button.setText(_("&Change and log in"))
        self.change_form.show()
        self.new_password.setFocus()

    def _change_password(self, user: users.UserRow) -> None:
        try:
            users.set_password(self.db, users.actor_of(user), user.id, self.new_password.text(),
                               self.repeat.text())  # fmt: skip
        except ValidationError as err:
            self.change_form.set_errors(err.errors)
            self.repeat.clear()
            (self.repeat if "repeat" in err.errors else self.new_password).setFocus()
            return
        except UserError as err:  # deactivated meanwhile
            self.change_form.set_errors({"password": err.message})
            return
        self._logged_in(replace(user, must_change_password=False))

    def _logged_in(self, user: users.UserRow) -> None:
        self.user = user
        self.logged_in.emit(user)
        self.accept()

    def on_cancel_clicked(self) -> None:
        if self.mode is LoginMode.LOCK:
            self.quit_requested.emit()
        super().reject()

    def reject(self) -> None:
        """Esc or the window's close button; at the lock they must not uncover the desk."""
        if self.mode is not LoginMode.LOCK:
            super().reject()


class FirstAdminDialog(QDialog):
    """For a file made by ``init`` without ``--admin``: create the administrator first."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user: users.UserRow | None = None
        self.setWindowTitle(_("The first administrator"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(heading(_("The database has no users yet"), self))
        intro = QLabel(_("Create the administrator who will manage the program."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = UserForm(self, with_role=False)
        layout.addWidget(self.form)
        self.error = error_label(self)
        layout.addWidget(self.error)
        buttons, self.create_button = dialog_buttons(
            self, _("&Create"), _("&Quit the program"), self.on_create_clicked, self.reject
        )
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)

    def on_create_clicked(self) -> None:
        show_message(self.error, "")
        if not self.form.validate():
            return
        f = self.form
        try:
            self.user = users.create_user(
                self.db,
                Actor.system(),
                username=f.username.text(),
                full_name=f.full_name.text(),
                role="admin",
                password=f.password_text() or "",
            )
        except UserError as err:
            show_message(self.error, self.form.place_error(err))
            return
        self.accept()
