"""Per-programme numbers of one month, as the coordinator reports them."""

from __future__ import annotations

from bgfuture_desk.i18n import N_, format_number
from bgfuture_desk.services.groups.service import ProgrammeNumbers
from bgfuture_desk.ui.models.row_table_model import RIGHT, RowTableModel

COL_PROGRAMME, COL_HELD, COL_PARTICIPANTS, COL_AVERAGE, COL_COMPLETIONS = range(5)
HEADERS = (
    N_("Programme"),
    N_("Sessions held"),
    N_("Unique participants"),
    N_("Average attendance"),
    N_("Completions"),
)


def average_text(value: float) -> str:
    """Present per held session with one decimal: „4,5“."""
    return format_number(round(value, 1))


class ProgrammeNumbersModel(RowTableModel[ProgrammeNumbers]):
    HEADERS = HEADERS

    def cell(self, row: ProgrammeNumbers, column: int) -> str:
        if column == COL_PROGRAMME:
            return row.programme_name
        if column == COL_HELD:
            return format_number(row.sessions_held)
        if column == COL_PARTICIPANTS:
            return format_number(row.unique_participants)
        if column == COL_AVERAGE:
            return average_text(row.average_attendance)
        return format_number(row.completions)

    def alignment(self, row: ProgrammeNumbers, column: int) -> int | None:
        return None if column == COL_PROGRAMME else RIGHT
