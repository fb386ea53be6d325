"""The versions of the consent forms: kind, version, title, since when, how many signed."""

from __future__ import annotations

from bgfuture_desk.domain.vocab import ConsentKind
from bgfuture_desk.i18n import N_, _, format_date
from bgfuture_desk.services.consents.service import FormView
from bgfuture_desk.ui.models.row_table_model import RIGHT, RowTableModel

FORM_KIND, FORM_VERSION, FORM_TITLE, FORM_VALID_FROM, FORM_SIGNED, FORM_CURRENT = range(6)


def kind_label(kind: str) -> str:
    try:
        return ConsentKind(kind).label
    except ValueError:
        return kind


class ConsentFormTableModel(RowTableModel[FormView]):
    HEADERS = (
        N_("Consent for"),
        N_("Version"),
        N_("Title"),
        N_("Valid from"),
        N_("Signed"),
        N_("Current"),
    )

    def cell(self, row: FormView, column: int) -> str:
        if column == FORM_KIND:
            return kind_label(row.kind)
        if column == FORM_VERSION:
            return str(row.version)
        if column == FORM_TITLE:
            return row.title
        if column == FORM_VALID_FROM:
            return format_date(row.valid_from)
        if column == FORM_SIGNED:
            return str(row.signed_count)
        if column == FORM_CURRENT:
            return _("current") if row.is_current else ""
        return ""

    def alignment(self, row: FormView, column: int) -> int | None:
        return RIGHT if column in (FORM_VERSION, FORM_SIGNED) else None
