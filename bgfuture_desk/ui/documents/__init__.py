"""Printable documents: consents and referral slips (being built)."""

from __future__ import annotations

from bgfuture_desk.i18n import N_
from bgfuture_desk.ui.widgets.page import PlaceholderPage


class DocumentsPage(PlaceholderPage):
    TITLE = N_("Documents")
    ABOUT = N_(
        "This part of the program is being prepared: consent forms and referral slips, "
        "previewed and printed."
    )
    COUNTS = (
        ("consent_forms", N_("Consent forms")),
        ("consents", N_("Consents")),
        ("referrals", N_("Referrals")),
        ("institutions", N_("Institutions")),
    )
