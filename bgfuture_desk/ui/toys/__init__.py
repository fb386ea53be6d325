"""The toy library: catalogue, lending and returns (being built)."""

from __future__ import annotations

from bgfuture_desk.i18n import N_
from bgfuture_desk.ui.widgets.page import PlaceholderPage


class ToysPage(PlaceholderPage):
    TITLE = N_("Toys")
    ABOUT = N_(
        "This part of the program is being prepared: the toy catalogue, lending and "
        "returning by barcode, overdue toys and reservations."
    )
    COUNTS = (
        ("toys", N_("Toys")),
        ("loans", N_("Loans")),
        ("reservations", N_("Reservations")),
        ("loan_reminders", N_("Reminders")),
    )
