"""Parenting groups: programmes, sessions, enrolment and attendance (being built)."""

from __future__ import annotations

from bgfuture_desk.i18n import N_
from bgfuture_desk.ui.widgets.page import PlaceholderPage


class GroupsPage(PlaceholderPage):
    TITLE = N_("Groups")
    ABOUT = N_(
        "This part of the program is being prepared: programmes, groups, sessions, "
        "enrolment and attendance."
    )
    COUNTS = (
        ("programmes", N_("Programmes")),
        ("groups", N_("Groups")),
        ("sessions", N_("Sessions")),
        ("enrolments", N_("Enrolments")),
        ("attendances", N_("Attendance records")),
    )
