"""Move one session to another day or time, or change its place, topic and facilitator."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.groups import service as groups
from bgfuture_desk.services.groups.service import SessionView
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.services.visits.service import SpecialistRow
from bgfuture_desk.ui.groups.schedule_dialog import date_edit, time_edit
from bgfuture_desk.ui.models.group_texts import day_with_weekday, time_span
from bgfuture_desk.ui.widgets.controls import choose_specialist
from bgfuture_desk.ui.widgets.fields import SpecialistCombo, py_date, py_time
from bgfuture_desk.ui.widgets.form import show_message
from bgfuture_desk.ui.widgets.form_dialog import FormDialog


class SessionDialog(FormDialog):
    """``saved`` carries the ``SessionView`` as saved."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        session: SessionView,
        specialists: list[SpecialistRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Move or change the session"), parent)
        self.db, self.actor, self.session = db, actor, session
        when = f"{day_with_weekday(session.starts_at.date())}, "
        when += time_span(session.starts_at, session.ends_at)
        about = QLabel(f"{session.programme_name} · {session.group_name}\n{when}", self)
        about.setWordWrap(True)
        self.layout_.addWidget(about)
        form = self.form
        self.day = form.add_field(
            "start_day", _("&Date:"), date_edit(self, session.starts_at.date())
        )
        self.start = form.add_field("start", _("&From:"), time_edit(self, session.starts_at.time()))
        self.end = form.add_field("end", _("&To:"), time_edit(self, session.ends_at.time()))
        self.place = form.add_field("place", _("&Place:"), QLineEdit(self))
        self.place.setText(session.place)
        self.topic = form.add_field("topic", _("T&opic:"), QLineEdit(self))
        self.topic.setText(session.topic)
        self.facilitator = form.add_field(
            "facilitator_id", _("F&acilitator:"), SpecialistCombo(self)
        )
        self.facilitator.set_rows(specialists)
        choose_specialist(self.facilitator, session.facilitator_id, session.facilitator_name)
        self.finish_layout()
        self.day.setFocus()

    def times(self) -> tuple[dt.datetime, dt.datetime]:
        day = py_date(self.day.date())
        return (
            dt.datetime.combine(day, py_time(self.start.time())),
            dt.datetime.combine(day, py_time(self.end.time())),
        )

    def on_save_clicked(self) -> None:
        """A move and a change of details are two services; each runs only when needed."""
        show_message(self.error, "")
        session = self.session
        starts_at, ends_at = self.times()
        place, topic, facilitator = self.place.text(), self.topic.text(), self.facilitator.value()
        try:
            if (starts_at, ends_at) != (session.starts_at, session.ends_at):
                session = groups.move_session(self.db, self.actor, session.id, starts_at, ends_at)
                self.session = session
            if (place.strip(), topic.strip(), facilitator) != (
                session.place,
                session.topic,
                session.facilitator_id,
            ):
                session = groups.update_session(
                    self.db,
                    self.actor,
                    session.id,
                    topic=topic,
                    place=place,
                    facilitator_id=facilitator,
                )
        except UserError as err:
            show_message(self.error, self.form.place_error(err))
            return
        self.accept()
        self.saved.emit(session)
