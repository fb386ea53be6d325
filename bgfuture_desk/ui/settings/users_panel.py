"""The users of the house (administrator only) and the dialogs that change them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.services.users import service as users
from bgfuture_desk.ui.models.user_table_model import UserTableModel
from bgfuture_desk.ui.widgets.form import FieldForm, dialog_buttons, error_label, show_message
from bgfuture_desk.ui.widgets.user_form import UserForm, password_edit


class FormDialog(QDialog):
    """A form with Save and Cancel; ``submit`` does the work or raises a Bulgarian error,
    which is shown beside its field while the dialog stays open with everything typed
    (``submit`` returns False when it has already shown what is wrong)."""

    def __init__(
        self, title: str, form: FieldForm, submit: Callable[[], bool], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = form
        self.submit = submit
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        self.error = error_label(self)
        layout.addWidget(self.error)
        buttons, self.save_button = dialog_buttons(
            self, _("&Save"), _("Cancel"), self.on_save_clicked, self.reject
        )
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def on_save_clicked(self) -> None:
        show_message(self.error, "")
        try:
            if not self.submit():
                return
        except UserError as err:
            show_message(self.error, self.form.place_error(err))
            return
        self.accept()


class PasswordForm(FieldForm):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.password: QLineEdit = self.add_field(
            "password", _("&New password:"), password_edit(self)
        )
        self.repeat: QLineEdit = self.add_field(
            "repeat", _("Password &again:"), password_edit(self)
        )


def password_dialog(
    db: Database, actor: Actor, user: users.UserRow, parent: QWidget | None = None
) -> FormDialog:
    form = PasswordForm()
    form.setToolTip(user.full_name)

    def submit() -> bool:
        users.set_password(db, actor, user.id, form.password.text(), form.repeat.text())
        return True

    title = _("New password for {name}").format(name=user.full_name)
    return FormDialog(title, form, submit, parent)


class UsersPanel(QGroupBox):
    """The table of users with buttons to add one, edit one and give one a new password."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(_("Users"), parent)
        self.db = db
        self.actor: Actor | None = None
        self.dialog: FormDialog | None = None
        layout = QVBoxLayout(self)
        self.model = UserTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(160)
        self.table.doubleClicked.connect(self.on_edit_clicked)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton(_("&New user…"), self)
        self.edit_button = QPushButton(_("&Change…"), self)
        self.password_button = QPushButton(_("New &password…"), self)
        for button in (self.add_button, self.edit_button, self.password_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.on_add_clicked)
        self.edit_button.clicked.connect(self.on_edit_clicked)
        self.password_button.clicked.connect(self.on_password_clicked)
        self.table.selectionModel().currentRowChanged.connect(self.on_current_changed)
        self.on_current_changed()

    def load(self) -> None:
        self.model.set_rows(users.list_users(self.db))
        self.table.resizeRowsToContents()
        self.on_current_changed()

    def on_current_changed(self, *_args: object) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.password_button.setEnabled(chosen)

    def selected(self) -> users.UserRow | None:
        return self.model.row_at(self.table.currentIndex())

    def _open(self, dialog: FormDialog) -> None:
        dialog.accepted.connect(self.load)
        self.dialog = dialog
        dialog.open()

    def on_add_clicked(self) -> None:
        assert self.actor is not None
        form = UserForm()
        form.set_role("assistant")
        actor = self.actor

        def submit() -> bool:
            if not form.validate():
                return False
            users.create_user(
                self.db,
                actor,
                username=form.username.text(),
                full_name=form.full_name.text(),
                role=form.role_value(),
                password=form.password_text() or "",
            )
            return True

        self._open(FormDialog(_("New user"), form, submit, self))

    def on_edit_clicked(self, *_args: object) -> None:
        user, actor = self.selected(), self.actor
        if user is None or actor is None:
            return
        form = UserForm(with_password=False, with_active=True)
        form.load(user)

        def submit() -> bool:
            users.update_user(
                self.db,
                actor,
                user.id,
                full_name=form.full_name.text(),
                role=form.role_value(),
                active=form.active.isChecked() if form.active else True,
            )
            return True

        self._open(FormDialog(_("Change user"), form, submit, self))

    def on_password_clicked(self) -> None:
        user = self.selected()
        if user is None or self.actor is None:
            return
        self._open(password_dialog(self.db, self.actor, user, self))
