"""A new programme, or a programme's name, description and whether it takes new groups."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QWidget

from bgfuture_desk.i18n import _
from bgfuture_desk.services.groups import service as groups
from bgfuture_desk.services.groups.service import ProgrammeView
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.widgets.form_dialog import FormDialog


class ProgrammeDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        programme: ProgrammeView | None = None,
    ) -> None:
        title = _("New programme") if programme is None else _("Edit the programme")
        super().__init__(title, parent)
        self.db, self.actor, self.programme = db, actor, programme
        self.name = self.form.add_field("name", _("&Name:"), QLineEdit(self))
        self.name.setPlaceholderText(_("e.g. School for parents"))
        self.description = self.form.add_field(
            "description", _("&Description:"), QPlainTextEdit(self)
        )
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(90)
        self.active: QCheckBox | None = None
        if programme is not None:
            self.active = self.form.add_field(
                "active", _("State:"), QCheckBox(_("&Active (new groups may be made)"), self)
            )
            self.name.setText(programme.name)
            self.description.setPlainText(programme.description)
            self.active.setChecked(programme.active)
        self.finish_layout()
        self.name.setFocus()

    def on_save_clicked(self) -> None:
        name, description = self.name.text(), self.description.toPlainText()
        programme = self.programme
        if programme is None:
            self.attempt(lambda: groups.create_programme(self.db, self.actor, name, description))
            return
        active = self.active.isChecked() if self.active is not None else programme.active
        self.attempt(
            lambda: groups.update_programme(
                self.db,
                self.actor,
                programme.id,
                name=name,
                description=description,
                active=active,
            )
        )
