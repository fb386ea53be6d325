"""A new group in a programme, or a group's details: who leads it, for whom, how long.

The dates are optional and typed as Bulgarians write them; one that cannot be read is
shown beside its field and nothing else is touched.
"""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from bgfuture_desk.domain.vocab import GroupTarget
from bgfuture_desk.i18n import _
from bgfuture_desk.services.groups import service as groups
from bgfuture_desk.services.groups.service import GroupInput, GroupView, ProgrammeView
from bgfuture_desk.services.house import settings
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.services.visits.service import SpecialistRow
from bgfuture_desk.ui.widgets.controls import choose, choose_specialist
from bgfuture_desk.ui.widgets.fields import SpecialistCombo, date_text, parse_date_text
from bgfuture_desk.ui.widgets.form_dialog import FormDialog


def _spin(parent: QWidget, low: int, high: int, suffix: str = "") -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    spin.setMaximumWidth(110)
    return spin


def _date_edit(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setPlaceholderText(_("dd.mm.yyyy"))
    edit.setMaximumWidth(140)
    return edit


class GroupDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        programmes: list[ProgrammeView],
        specialists: list[SpecialistRow],
        parent: QWidget | None = None,
        *,
        group: GroupView | None = None,
        programme_id: uuid.UUID | None = None,
    ) -> None:
        title = _("New group") if group is None else _("Edit the group")
        super().__init__(title, parent, 640)
        self.db, self.actor, self.group = db, actor, group
        form = self.form
        self.programme = form.add_field("programme_id", _("&Programme:"), QComboBox(self))
        for programme in programmes:
            if programme.active or (group is not None and programme.id == group.programme_id):
                self.programme.addItem(programme.name, programme.id)
        self.name = form.add_field("name", _("&Name:"), QLineEdit(self))
        self.name.setPlaceholderText(_("e.g. Mothers of babies, autumn"))
        self.target = form.add_field("target", _("&For whom:"), QComboBox(self))
        for value, label in GroupTarget.choices():
            self.target.addItem(label, value)
        self.facilitator = form.add_field(
            "facilitator_id", _("&Facilitator:"), SpecialistCombo(self)
        )
        self.facilitator.set_rows(specialists)
        self.planned = form.add_field(
            "planned_sessions", _("Planned &sessions:"), _spin(self, 0, groups.MAX_PLANNED_SESSIONS)
        )
        self.planned.setSpecialValueText(_("not set"))
        self.planned.setMaximumWidth(170)
        self.starts_on = form.add_field("starts_on", _("S&tarts on:"), _date_edit(self))
        self.ends_on = form.add_field("ends_on", _("&Ends on:"), _date_edit(self))
        self.share = form.add_field(
            "completion_share", _("Attendance for &completion:"), _spin(self, 10, 100, " %")
        )
        self.share.setToolTip(_("The share of held sessions a participant must attend"))
        if group is None:
            self._start_new(programme_id)
        else:
            self._load(group)
        self.finish_layout()
        self.name.setFocus()

    def _start_new(self, programme_id: uuid.UUID | None) -> None:
        if programme_id is not None:
            choose(self.programme, programme_id)
        self.share.setValue(settings.read_settings(self.db)["completion_percent"])

    def _load(self, group: GroupView) -> None:
        choose(self.programme, group.programme_id)
        self.name.setText(group.name)
        self.target.setCurrentIndex(max(0, self.target.findData(group.target)))
        choose_specialist(self.facilitator, group.facilitator_id, group.facilitator_name)
        self.planned.setValue(group.planned_sessions)
        self.starts_on.setText(date_text(group.starts_on))
        self.ends_on.setText(date_text(group.ends_on))
        self.share.setValue(round(group.completion_share * 100))

    def value(self) -> GroupInput | None:
        """The form as the service takes it; None (and the errors shown) when a date is wrong."""
        dates, errors = {}, {}
        for key, edit in (("starts_on", self.starts_on), ("ends_on", self.ends_on)):
            try:
                dates[key] = parse_date_text(edit.text())
            except ValueError as err:
                errors[key] = str(err)
        if errors:
            self.show_errors(errors)
            return None
        return GroupInput(
            programme_id=self.programme.currentData(),
            name=self.name.text(),
            target=self.target.currentData(),
            facilitator_id=self.facilitator.value(),
            planned_sessions=self.planned.value(),
            starts_on=dates["starts_on"],
            ends_on=dates["ends_on"],
            completion_share=self.share.value() / 100,
        )

    def on_save_clicked(self) -> None:
        data = self.value()
        if data is None:
            return
        if self.group is None:
            self.attempt(lambda: groups.create_group(self.db, self.actor, data))
        else:
            group_id = self.group.id
            self.attempt(lambda: groups.update_group(self.db, self.actor, group_id, data))
