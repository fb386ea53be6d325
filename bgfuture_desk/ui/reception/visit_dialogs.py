"""Anonymous visitors (how many, why), the correction of a visit (why, with whom, when)
and who of a visit leaves while the others stay."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _, format_date_long
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.services.visits import service as visits
from bgfuture_desk.services.visits.service import SpecialistRow, VisitView
from bgfuture_desk.ui.models.visit_table_model import visitors_text
from bgfuture_desk.ui.widgets.fields import PurposeChecks, SpecialistCombo, py_time, qtime
from bgfuture_desk.ui.widgets.form import FieldForm, dialog_buttons, error_label, show_message


def _spin(parent: QWidget) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(0, visits.MAX_ANONYMOUS)
    spin.setMaximumWidth(90)
    return spin


def _time_edit(parent: QWidget) -> QTimeEdit:
    edit = QTimeEdit(parent)
    edit.setDisplayFormat("HH:mm")
    edit.setMaximumWidth(90)
    return edit


class VisitFormDialog(QDialog):
    """A form, its message line, Save and Cancel; the service's errors go beside the fields."""

    visit_saved = Signal(object)  # VisitView

    def __init__(self, title: str, db: Database, actor: Actor, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.layout_ = QVBoxLayout(self)
        self.form = FieldForm(self)

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.form)
        self.error = error_label(self)
        self.layout_.addWidget(self.error)
        buttons, self.save_button = dialog_buttons(
            self, _("&Save"), _("Cancel"), self.on_save_clicked, self.reject
        )
        self.layout_.addWidget(buttons)
        self.setMinimumWidth(560)

    def on_save_clicked(self) -> None:
        raise NotImplementedError

    def attempt(self, call: Callable[[], VisitView]) -> None:
        show_message(self.error, "")
        try:
            visit = call()
        except UserError as err:
            show_message(self.error, self.form.place_error(err))
            return
        self.accept()
        self.visit_saved.emit(visit)


class AnonymousDialog(VisitFormDialog):
    """Visitors who do not want to register are only counted."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        specialists: list[SpecialistRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Anonymous visitors"), db, actor, parent)
        about = QLabel(
            _("For visitors who do not want to be registered: only how many came and why."),
            self,
        )
        about.setWordWrap(True)
        self.layout_.addWidget(about)
        self.adults = self.form.add_field("adults", _("&Adults:"), _spin(self))
        self.children_count = self.form.add_field("children", _("&Children:"), _spin(self))
        self.purposes = self.form.add_field("purposes", _("&Purpose:"), PurposeChecks(self, 2))
        self.specialist = self.form.add_field(
            "specialist_id", _("&Specialist:"), SpecialistCombo(self)
        )
        self.specialist.set_rows(specialists)
        self.finish_layout()
        self.adults.setFocus()
        self.adults.selectAll()

    def on_save_clicked(self) -> None:
        self.attempt(
            lambda: visits.check_in_anonymous(
                self.db,
                self.actor,
                adults=self.adults.value(),
                children=self.children_count.value(),
                purposes=self.purposes.values(),
                specialist_id=self.specialist.value(),
            )
        )


class VisitDialog(VisitFormDialog):
    """Correct a visit: its purposes, the specialist, when they came and left."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        visit: VisitView,
        specialists: list[SpecialistRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Correct the visit"), db, actor, parent)
        self.visit = visit
        who = QLabel(
            f"{visitors_text(visit)}\n{format_date_long(visit.checked_in_at.date())}", self
        )
        who.setWordWrap(True)
        self.layout_.addWidget(who)
        self.adults: QSpinBox | None = None
        self.children_count: QSpinBox | None = None
        if visit.is_anonymous:
            self.adults = self.form.add_field("anonymous_adults", _("&Adults:"), _spin(self))
            self.children_count = self.form.add_field(
                "anonymous_children", _("&Children:"), _spin(self)
            )
            self.adults.setValue(visit.anonymous_adults)
            self.children_count.setValue(visit.anonymous_children)
        self.purposes = self.form.add_field("purposes", _("&Purpose:"), PurposeChecks(self, 2))
        self.purposes.set_values(visit.purposes)
        self.specialist = self.form.add_field(
            "specialist_id", _("&Specialist:"), SpecialistCombo(self)
        )
        self.specialist.set_rows(specialists)
        self.specialist.set_value(visit.specialist_id, visit.specialist_name)
        self.came = self.form.add_field("checked_in_at", _("Ca&me at:"), _time_edit(self))
        self.came.setTime(qtime(visit.checked_in_at))
        self.left = QCheckBox(_("&Left at:"), self)
        self.left_at = _time_edit(self)
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.left)
        row.addWidget(self.left_at)
        row.addStretch(1)
        self.form.add_field("checked_out_at", _("Check-out:"), box)
        self.left.toggled.connect(self.left_at.setEnabled)
        out = visit.checked_out_at
        self.left.setChecked(out is not None)
        self.left_at.setEnabled(out is not None)
        self.left_at.setTime(qtime(out or db.clock.now()))
        self.finish_layout()
        self.purposes.first_box().setFocus()

    def _at(self, edit: QTimeEdit, was: dt.datetime | None) -> dt.datetime:
        """The time in the edit on the visit's day; an untouched time keeps its seconds."""
        moment = dt.datetime.combine(self.visit.checked_in_at.date(), py_time(edit.time()))
        if was is not None and moment.replace(second=0) == was.replace(second=0):
            return was
        return moment

    def on_save_clicked(self) -> None:
        extra: dict[str, Any] = {}
        if self.adults is not None and self.children_count is not None:
            extra = {
                "anonymous_adults": self.adults.value(),
                "anonymous_children": self.children_count.value(),
            }
        came = self._at(self.came, self.visit.checked_in_at)
        left = self._at(self.left_at, self.visit.checked_out_at) if self.left.isChecked() else None
        self.attempt(
            lambda: visits.correct_visit(
                self.db,
                self.actor,
                self.visit.id,
                purposes=self.purposes.values(),
                specialist_id=self.specialist.value(),
                checked_in_at=came,
                checked_out_at=left,
                **extra,
            )
        )


class LeaveDialog(QDialog):
    """Who of a visit leaves now: the members still in, none ticked; Space ticks, Enter
    checks the ticked ones out, the others stay in the house."""

    chosen = Signal(object, list)  # VisitView, ids of the people who leave

    def __init__(self, visit: VisitView, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.visit = visit
        self.setWindowTitle(_("Who leaves"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        heading = QLabel(
            _("{who}: tick who leaves now; the others stay in the house.").format(
                who=visit.family_code or visitors_text(visit)
            ),
            self,
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.checks: dict[object, QCheckBox] = {}
        for person_id, name in visit.still_in:
            check = QCheckBox(name, self)
            check.toggled.connect(self._update)
            layout.addWidget(check)
            self.checks[person_id] = check
        buttons, self.leave_button = dialog_buttons(
            self, _("&Leave now"), _("Cancel"), self.on_leave_clicked, self.reject
        )
        layout.addWidget(buttons)
        self.setMinimumWidth(380)
        self._update()
        for check in list(self.checks.values())[:1]:
            check.setFocus(Qt.FocusReason.OtherFocusReason)

    def leaving(self) -> list:
        return [pid for pid, check in self.checks.items() if check.isChecked()]

    def _update(self, *_args: object) -> None:
        self.leave_button.setEnabled(bool(self.leaving()))

    def on_leave_clicked(self) -> None:
        ids = self.leaving()
        if ids:
            self.accept()
            self.chosen.emit(self.visit, ids)
