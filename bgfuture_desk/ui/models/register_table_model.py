"""The attendance register of one session, kept in memory until the assistant saves it.

Rows come from ``groups.register``: the enrolled people and the walk-ins already marked. A
person checked in today for a group who has no mark yet is *offered* as present: the mark
is set, shown in italics and said in the „Днес“ column, and saved like any other unless
changed. Walk-ins found by the search are added here and sent with the save.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from bgfuture_desk.domain.vocab import AttendanceStatus
from bgfuture_desk.i18n import N_, _, format_number
from bgfuture_desk.services.groups.service import RegisterRow

COL_NUMBER, COL_NAME, COL_FAMILY, COL_KIND, COL_MARK, COL_TODAY, COL_NOTE = range(7)
HEADERS = (
    "№",  # the sign Bulgarians write too; nothing to translate
    N_("Name"),
    N_("Family"),
    N_("Participation"),
    N_("Attendance"),
    N_("Today"),
    N_("Note"),
)
CYCLE = (AttendanceStatus.PRESENT, AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED)
COLOURS = {
    AttendanceStatus.PRESENT: QColor("#d8f0d8"),
    AttendanceStatus.ABSENT: QColor("#f6dada"),
    AttendanceStatus.EXCUSED: QColor("#f6ecd0"),
}

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class RegisterLine:
    """One row as the screen holds it: what the file says and what was changed here."""

    person_id: uuid.UUID
    full_name: str
    family_code: str | None
    enrolled: bool
    mark: str | None
    note: str
    offered: bool  # pre-marked present because checked in today for a group
    checked_in_today: bool
    new_walk_in: bool = False  # added on this screen, not saved yet


def next_mark(mark: str | None) -> str:
    """Space: not marked → present → absent → excused → present …"""
    if mark not in CYCLE:
        return AttendanceStatus.PRESENT
    return CYCLE[(CYCLE.index(AttendanceStatus(mark)) + 1) % len(CYCLE)]


class RegisterTableModel(QAbstractTableModel):
    changed = Signal()  # a mark, a note or a walk-in changed (the counts and Save follow)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._lines: list[RegisterLine] = []
        self._saved: list[RegisterLine] = []

    def set_rows(self, rows: list[RegisterRow], *, offer: bool = True) -> None:
        """Show the register as saved; ``offer`` pre-marks today's group visitors."""
        self.beginResetModel()
        self._saved = [self._line(row, False) for row in rows]
        self._lines = [self._line(row, offer) for row in rows]
        self.endResetModel()
        self.changed.emit()

    @staticmethod
    def _line(row: RegisterRow, offer: bool) -> RegisterLine:
        offered = offer and row.status is None and row.checked_in_today_for_group
        return RegisterLine(
            person_id=row.person_id,
            full_name=row.full_name,
            family_code=row.family_code,
            enrolled=row.enrolled,
            mark=AttendanceStatus.PRESENT if offered else row.status,
            note=row.note or "",
            offered=offered,
            checked_in_today=row.checked_in_today_for_group,
        )

    # -- what the screen asks ---------------------------------------------------------------

    def lines(self) -> list[RegisterLine]:
        return list(self._lines)

    def line_at(self, row: int) -> RegisterLine | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def row_of(self, person_id: uuid.UUID) -> int:
        return next((n for n, line in enumerate(self._lines) if line.person_id == person_id), -1)

    def marks(self) -> dict[uuid.UUID, str]:
        return {line.person_id: line.mark for line in self._lines if line.mark is not None}

    def notes(self) -> dict[uuid.UUID, str]:
        return {line.person_id: line.note for line in self._lines if line.note.strip()}

    def walk_ins(self) -> list[uuid.UUID]:
        return [line.person_id for line in self._lines if not line.enrolled]

    def counts(self) -> dict[str | None, int]:
        """How many present, absent, excused and not marked (key None)."""
        out: dict[str | None, int] = {None: 0, **{status.value: 0 for status in CYCLE}}
        for line in self._lines:
            out[line.mark] = out.get(line.mark, 0) + 1
        return out

    def is_dirty(self) -> bool:
        """The assistant changed something the file does not hold yet. Offered marks do
        not count: they are offered again whenever the register is opened."""
        as_saved = [
            replace(line, offered=False, mark=None if line.offered else line.mark)
            for line in self._lines
        ]
        return as_saved != self._saved

    def has_offers(self) -> bool:
        return any(line.offered for line in self._lines)

    # -- what the keys do -------------------------------------------------------------------

    def set_mark(self, row: int, mark: str | None) -> None:
        line = self.line_at(row)
        if line is None:
            return
        self._lines[row] = replace(line, mark=mark, offered=False)
        self._row_changed(row)

    def cycle_mark(self, row: int) -> None:
        line = self.line_at(row)
        if line is not None:
            self.set_mark(row, next_mark(line.mark))

    def set_note(self, row: int, note: str) -> None:
        line = self.line_at(row)
        if line is not None and line.note != note:
            self._lines[row] = replace(line, note=note)
            self._row_changed(row)

    def add_walk_in(self, person_id: uuid.UUID, full_name: str, family_code: str | None) -> int:
        """A person who came without being enrolled, marked present; returns the row."""
        existing = self.row_of(person_id)
        if existing >= 0:
            return existing
        row = len(self._lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self._lines.append(
            RegisterLine(
                person_id,
                full_name,
                family_code,
                False,
                AttendanceStatus.PRESENT,
                "",
                False,
                False,
                new_walk_in=True,
            )  # fmt: skip
        )
        self.endInsertRows()
        self.changed.emit()
        return row

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        self.changed.emit()

    # -- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return _(HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == COL_NOTE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != COL_NOTE or role != Qt.ItemDataRole.EditRole:
            return False
        self.set_note(index.row(), str(value or "").strip())
        return True

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        line = self.line_at(index.row()) if index.isValid() else None
        if line is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(index.row(), line, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(line, column)
        if role == Qt.ItemDataRole.BackgroundRole and column == COL_MARK and line.mark:
            return COLOURS.get(AttendanceStatus(line.mark))
        if role == Qt.ItemDataRole.FontRole and column == COL_MARK and line.offered:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.FontRole and column == COL_NAME and line.new_walk_in:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: int, line: RegisterLine, column: int) -> str:
        if column == COL_NUMBER:
            return format_number(row + 1)
        if column == COL_NAME:
            return line.full_name
        if column == COL_FAMILY:
            return line.family_code or ""
        if column == COL_KIND:
            return _("enrolled") if line.enrolled else _("walk-in")
        if column == COL_MARK:
            if line.mark is None:
                return "—"
            label = AttendanceStatus(line.mark).label
            return _("{mark} (offered)").format(mark=label) if line.offered else label
        if column == COL_TODAY:
            return _("came for a group") if line.checked_in_today else ""
        if column == COL_NOTE:
            return line.note
        return ""

    def _tip(self, line: RegisterLine, column: int) -> str | None:
        if column == COL_MARK and line.offered:
            return _(
                "Checked in today for a group, so offered as present. Press Space or "
                "П / О / И to change it."
            )
        if column == COL_KIND and not line.enrolled:
            return _("Came without being enrolled in the group")
        if column == COL_NOTE:
            return line.note or None
        return None
