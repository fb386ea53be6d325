"""Reports and the monthly export (being built)."""

from __future__ import annotations

from bgfuture_desk.i18n import N_
from bgfuture_desk.ui.widgets.page import PlaceholderPage


class ReportsPage(PlaceholderPage):
    TITLE = N_("Reports and export")
    ABOUT = N_(
        "This part of the program is being prepared: the monthly export of the house and "
        "the monthly indicators."
    )
    COUNTS = (
        ("export_logs", N_("Exports made")),
        ("audit_events", N_("Entries in the change log")),
    )
