"""Settings: the house's details, its whole-number settings, its users, its backups and the
audit trail.

Only an administrator changes them; everybody else sees them read-only, with a note why,
and may still change their own password. Only an administrator sees the audit trail.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from bgfuture_desk.domain.permissions import Permission, allowed
from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.services.users import service as users
from bgfuture_desk.ui.settings.audit_panel import AuditPanel
from bgfuture_desk.ui.settings.backups_panel import BackupsPanel
from bgfuture_desk.ui.settings.house_form import HouseForm
from bgfuture_desk.ui.settings.numbers_form import NumbersForm
from bgfuture_desk.ui.settings.users_panel import FormDialog, UsersPanel, password_dialog
from bgfuture_desk.ui.widgets.page import Page, page_heading


class SettingsPage(Page):
    TITLE = N_("Settings")

    house_saved = Signal(object)  # settings.HouseDetails
    settings_saved = Signal(dict)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.dialog: FormDialog | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(page_heading(self.title(), body))
        self.note = QLabel(body)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.house_form = HouseForm(db, body)
        self.numbers_form = NumbersForm(db, body)
        self.users_panel = UsersPanel(db, body)
        self.backups_panel = BackupsPanel(db, body)
        self.audit_panel = AuditPanel(db, body)
        for part in self.parts():
            layout.addWidget(part)
        row = QHBoxLayout()
        self.own_password_button = QPushButton(_("Change &my password…"), body)
        self.own_password_button.clicked.connect(self.on_own_password_clicked)
        row.addWidget(self.own_password_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.house_form.house_saved.connect(self.house_saved)
        self.numbers_form.settings_saved.connect(self.settings_saved)

    def parts(self) -> tuple[QWidget, ...]:
        """The sections of the page, top to bottom."""
        return (self.house_form, self.numbers_form, self.users_panel, self.backups_panel,
                self.audit_panel)

    def is_admin(self) -> bool:
        return self.actor is not None and allowed(self.actor.role, Permission.USERS)

    def may_audit(self) -> bool:
        return self.actor is not None and allowed(self.actor.role, Permission.AUDIT)

    def set_actor(self, actor: Actor) -> None:
        """Apply the new user's rights; another user starts from the saved values, while the
        same user coming back from the lock finds what they were typing."""
        another = self.actor is None or self.actor.user_id != actor.user_id
        super().set_actor(actor)
        for part in (self.house_form, self.numbers_form, self.users_panel, self.backups_panel,
                     self.audit_panel):
            part.actor = actor
        admin = self.is_admin()
        self.house_form.set_editable(admin)
        self.numbers_form.set_editable(admin)
        self.users_panel.setVisible(admin)
        self.audit_panel.setVisible(self.may_audit())
        if admin:
            self.note.setText(_("As an administrator you may change the settings and the users."))
        else:
            self.note.setText(
                _(
                    "Only an administrator may change the settings and the users, so here you "
                    "can only see them. You may change your own password."
                )
            )
        if another:
            self.load()

    def load(self) -> None:
        self.house_form.load()
        self.numbers_form.load()
        self.backups_panel.load()
        if self.is_admin():
            self.users_panel.load()
        if self.may_audit():
            self.audit_panel.load()

    def on_own_password_clicked(self) -> None:
        if self.actor is None or self.actor.user_id is None:
            return
        me = next((u for u in users.list_users(self.db) if u.id == self.actor.user_id), None)
        if me is None:
            return
        self.dialog = password_dialog(self.db, self.actor, me, self)
        self.dialog.open()
