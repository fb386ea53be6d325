"""Reception: finding families, checking visitors in and out (being built)."""

from __future__ import annotations

from bgfuture_desk.i18n import N_
from bgfuture_desk.ui.widgets.page import PlaceholderPage


class ReceptionPage(PlaceholderPage):
    TITLE = N_("Reception")
    ABOUT = N_(
        "This part of the program is being prepared: finding a family, registering new "
        "families, checking visitors in and out."
    )
    COUNTS = (
        ("families", N_("Families")),
        ("people", N_("People")),
        ("visits", N_("Visits")),
        ("specialists", N_("Specialists")),
    )
