"""Consents as tables: the families without valid consent, and one family's consent records.

Fed with ``FamilyConsentState`` and ``ConsentView`` rows from ``services.consents``; the
state of a family has its own colour, here and on the reception's family panel.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from bgfuture_desk.domain.phones import format_phone
from bgfuture_desk.domain.vocab import ConsentMethod
from bgfuture_desk.i18n import N_, _, format_date
from bgfuture_desk.services.consents.service import PHOTO_PURPOSES, ConsentView, FamilyConsentState
from bgfuture_desk.ui.models.row_table_model import RowTableModel

STATE_COLORS = {
    "complete": "#1b5e20",
    "partial": "#7a4f00",
    "missing": "#b3261e",
    "withdrawn": "#6a1b9a",
}
WITHDRAWN_COLOR = QColor("#757575")


def state_color(state: str) -> QColor:
    return QColor(STATE_COLORS.get(state, "#000000"))


def state_style(state: str) -> str:
    """A label's style sheet for a consent state: its colour, bold."""
    return f"color: {STATE_COLORS.get(state, '#000000')}; font-weight: bold;"


STATE_CODE, STATE_FAMILY, STATE_STATE, STATE_MISSING, STATE_PHONE = range(5)


class FamilyConsentTableModel(RowTableModel[FamilyConsentState]):
    """The families whose consent is missing, partial or withdrawn."""

    HEADERS = (N_("Code"), N_("Family"), N_("Consent"), N_("Without consent"), N_("Phone"))

    def cell(self, row: FamilyConsentState, column: int) -> str:
        if column == STATE_CODE:
            return row.family_code
        if column == STATE_FAMILY:  # the title without the code, which has its own column
            return row.family_title.removeprefix(f"{row.family_code} · ")
        if column == STATE_STATE:
            return row.state_label
        if column == STATE_MISSING:
            return ", ".join(row.missing)
        if column == STATE_PHONE:
            return format_phone(row.phone) if row.phone else ""
        return ""

    def foreground(self, row: FamilyConsentState, column: int):
        return state_color(row.state) if column == STATE_STATE else None

    def tooltip(self, row: FamilyConsentState, column: int) -> str | None:
        if column == STATE_MISSING and row.missing:
            return "\n".join(row.missing)
        if column == STATE_STATE and row.withdrawn:
            return _("Withdrawn by: {names}").format(names=", ".join(row.withdrawn))
        return None


(
    CONSENT_MEMBER,
    CONSENT_KIND,
    CONSENT_VERSION,
    CONSENT_PURPOSES,
    CONSENT_HOW,
    CONSENT_GIVEN,
    CONSENT_WITHDRAWN,
) = range(7)


# short names of the purposes for the list (the form's own text is in the tooltip)
SHORT_PURPOSES = {
    "registration": N_("registration"),
    "groups": N_("groups"),
    "toy_lending": N_("toys"),
    "referrals": N_("referrals (purpose)"),
    "reporting": N_("reports"),
    **PHOTO_PURPOSES,
}


def purposes_text(consent: ConsentView) -> str:
    """„регистрация, групи, играчки“: a purpose a newer form added keeps its own text."""
    return ", ".join(
        _(SHORT_PURPOSES[key]) if key in SHORT_PURPOSES else label
        for key, label in zip(consent.purposes, consent.purpose_labels, strict=False)
    )


def how_text(consent: ConsentView) -> str:
    """„подписано от Радка Щерева“, or read aloud to her before a named witness."""
    other = consent.signed_by_name if consent.signed_by_id != consent.person_id else ""
    if consent.method == ConsentMethod.READ_ALOUD:
        if other:
            return _("read aloud to {name}, witness {witness}").format(
                name=other, witness=consent.witness
            )
        return _("read aloud, witness {witness}").format(witness=consent.witness)
    return _("signed by {name}").format(name=other) if other else consent.method_label


class ConsentTableModel(RowTableModel[ConsentView]):
    """A family's consent records, newest first; a withdrawn one is grey."""

    HEADERS = (
        N_("Member"),
        N_("Consent for"),
        N_("Version"),
        N_("Purposes"),
        N_("How"),
        N_("Given on"),
        N_("Withdrawn on"),
    )

    def cell(self, row: ConsentView, column: int) -> str:
        if column == CONSENT_MEMBER:
            return row.person_name
        if column == CONSENT_KIND:
            return row.kind_label
        if column == CONSENT_VERSION:
            return str(row.version)
        if column == CONSENT_PURPOSES:
            return purposes_text(row)
        if column == CONSENT_HOW:
            return how_text(row)
        if column == CONSENT_GIVEN:
            return format_date(row.given_on)
        if column == CONSENT_WITHDRAWN:
            return format_date(row.withdrawn_on) if row.withdrawn_on else ""
        return ""

    def foreground(self, row: ConsentView, column: int):
        return WITHDRAWN_COLOR if row.withdrawn_on is not None else None

    def tooltip(self, row: ConsentView, column: int) -> str | None:
        if column == CONSENT_PURPOSES:
            return "\n".join(row.purpose_labels)
        if column == CONSENT_WITHDRAWN and row.withdrawn_by:
            return _("Recorded by {name}").format(name=row.withdrawn_by)
        if column == CONSENT_HOW:
            return how_text(row)
        return None
