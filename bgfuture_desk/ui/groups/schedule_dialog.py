"""Schedule the sessions of a group: once, or every week or fortnight between two dates.

While the dates are chosen the dialog already says how many sessions that makes and which
official holidays are skipped (``domain.groups.session_dates``), so nothing is a surprise.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QLineEdit, QTimeEdit, QWidget

from bgfuture_desk.domain.groups import ScheduleError, session_dates
from bgfuture_desk.i18n import N_, _, format_date, ngettext
from bgfuture_desk.services.groups import service as groups
from bgfuture_desk.services.groups.service import GroupView, SessionView
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.services.visits.service import SpecialistRow
from bgfuture_desk.ui.models.group_texts import day_with_weekday
from bgfuture_desk.ui.widgets.controls import choose_specialist
from bgfuture_desk.ui.widgets.fields import SpecialistCombo, py_date, py_time, qdate, qtime
from bgfuture_desk.ui.widgets.form_dialog import FormDialog

REPEATS = (
    ("weekly", N_("every week")),
    ("fortnightly", N_("every two weeks")),
    ("once", N_("once")),
)
DEFAULT_WEEKS = 10


def date_edit(parent: QWidget, day: dt.date) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setCalendarPopup(True)
    edit.setDate(qdate(day))
    edit.setMaximumWidth(140)
    return edit


def time_edit(parent: QWidget, value: dt.time) -> QTimeEdit:
    edit = QTimeEdit(parent)
    edit.setDisplayFormat("HH:mm")
    edit.setTime(qtime(value))
    edit.setMaximumWidth(100)
    return edit


def holidays_text(days: list[dt.date]) -> str:
    return ", ".join(day_with_weekday(d) for d in days)


def preview_text(first: dt.date, last: dt.date, repeat: str) -> tuple[str, bool]:
    """What the schedule will make, and whether it can be made."""
    try:
        days, skipped = session_dates(first, last, repeat)
    except ScheduleError as err:
        return err.message, False
    if not days:
        return _("{day} is an official holiday: choose another day.").format(
            day=format_date(first)
        ), False
    if len(days) == 1:
        lines = [_("One session: {day}.").format(day=day_with_weekday(days[0]))]
    else:
        text = ngettext(
            "{n} session: from {first} to {last}.",
            "{n} sessions: from {first} to {last}.",
            len(days),
        )
        first_day, last_day = day_with_weekday(days[0]), day_with_weekday(days[-1])
        lines = [text.format(n=len(days), first=first_day, last=last_day)]
    if skipped:
        lines.append(_("Official holidays skipped: {days}.").format(days=holidays_text(skipped)))
    return "\n".join(lines), True


def continuation(
    group: GroupView, last: SessionView | None, today: dt.date
) -> tuple[dt.date, dt.time, dt.time]:
    """Where a new schedule most likely starts: a week after the group's last session, on
    its weekday and at its hours (never in the past); else today, 10:00–11:30."""
    if last is None:
        first = max(today, group.starts_on or today)
        return first, dt.time(10, 0), dt.time(11, 30)
    first = last.starts_at.date() + dt.timedelta(weeks=1)
    while first < today:
        first += dt.timedelta(weeks=1)
    return first, last.starts_at.time(), last.ends_at.time()


class ScheduleDialog(FormDialog):
    """``saved`` carries the ``ScheduleResult``."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        group: GroupView,
        specialists: list[SpecialistRow],
        today: dt.date,
        parent: QWidget | None = None,
        *,
        last_session: SessionView | None = None,
    ) -> None:
        super().__init__(_("Schedule sessions: {group}").format(group=group.name), parent, 560)
        self.db, self.actor, self.group = db, actor, group
        form = self.form
        self.repeat = form.add_field("repeat", _("&How often:"), QComboBox(self))
        for value, label in REPEATS:
            self.repeat.addItem(_(label), value)
        first, start, end = continuation(group, last_session, today)
        last = group.ends_on if group.ends_on and group.ends_on > first else None
        self.first = form.add_field("first", _("&First date:"), date_edit(self, first))
        last = last or first + dt.timedelta(weeks=DEFAULT_WEEKS)
        self.last = form.add_field("last", _("&Last date:"), date_edit(self, last))
        self.start = form.add_field("start", _("&From:"), time_edit(self, start))
        self.end = form.add_field("end", _("&To:"), time_edit(self, end))
        self.place = form.add_field("place", _("&Place:"), QLineEdit(self))
        self.place.setText(last_session.place if last_session else "")
        self.topic = form.add_field("topic", _("T&opic:"), QLineEdit(self))
        self.topic.setPlaceholderText(_("may be filled in later for each session"))
        self.facilitator = form.add_field(
            "facilitator_id", _("F&acilitator:"), SpecialistCombo(self)
        )
        self.facilitator.set_rows(specialists)
        choose_specialist(self.facilitator, group.facilitator_id, group.facilitator_name)
        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        self.preview.setObjectName("preview")
        self.finish_layout(_("&Schedule"), below=self.preview)
        for signal in (self.first.dateChanged, self.last.dateChanged):
            signal.connect(self.on_dates_changed)
        self.repeat.currentIndexChanged.connect(self.on_dates_changed)
        self.on_dates_changed()
        self.repeat.setFocus()

    def repeat_value(self) -> str:
        return self.repeat.currentData()

    def on_dates_changed(self, *_args: object) -> None:
        once = self.repeat_value() == "once"
        self.last.setEnabled(not once)
        text, ok = preview_text(
            py_date(self.first.date()), py_date(self.last.date()), self.repeat_value()
        )
        self.preview.setText(text)
        self.preview.setStyleSheet("" if ok else "color: #b3261e;")

    def on_save_clicked(self) -> None:
        group_id = self.group.id
        self.attempt(
            lambda: groups.schedule_sessions(
                self.db,
                self.actor,
                group_id,
                first=py_date(self.first.date()),
                last=py_date(self.last.date()),
                repeat=self.repeat_value(),
                start=py_time(self.start.time()),
                end=py_time(self.end.time()),
                place=self.place.text(),
                topic=self.topic.text(),
                facilitator_id=self.facilitator.value(),
            )
        )
