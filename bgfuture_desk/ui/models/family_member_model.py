"""The members of the opened family, each with a check box: who came today.

Children are ticked when the family is loaded; members already in the house are marked
and cannot be ticked again (the service would refuse a second check-in). Each member's
photo consent is shown, so nobody is photographed without it.
"""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from bgfuture_desk.domain import people
from bgfuture_desk.domain.phones import format_phone
from bgfuture_desk.i18n import N_, _, format_time
from bgfuture_desk.services.consents.service import PHOTO_PURPOSES, photo_text
from bgfuture_desk.services.families.service import PersonView

COL_NAME, COL_ROLE, COL_AGE, COL_EGN, COL_PHONE, COL_PHOTO, COL_TODAY = range(7)
HEADERS = (
    N_("Name"),
    N_("Role"),
    N_("Age"),
    N_("EGN"),
    N_("Phone"),
    N_("Photos"),
    N_("Today"),
)
NO_PHOTO_COLOR = "#b3261e"

Index = QModelIndex | QPersistentModelIndex
MASK = "•"


def masked_egn(egn: str | None) -> str:
    """Only the last four digits: enough to tell two people apart at the desk. Two dots
    stand for the hidden six, so the column leaves the names their room."""
    if not egn:
        return ""
    return MASK * 2 + egn[-4:]


def age_text(person: PersonView, today: dt.date) -> str:
    return people.age_text(person.birth_date, today)


class FamilyMemberModel(QAbstractTableModel):
    checked_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[PersonView] = []
        self._today = dt.date.min  # set with the rows
        self._checked: set[uuid.UUID] = set()
        self._here: dict[uuid.UUID, dt.datetime] = {}
        # member → the purposes of a valid photo consent; None until the consents are read
        self._photos: dict[uuid.UUID, tuple[str, ...]] | None = None

    def set_rows(
        self,
        rows: list[PersonView],
        here: dict[uuid.UUID, dt.datetime] | None = None,
        *,
        today: dt.date,
    ) -> None:
        """New members (ages on ``today``); children who are not already in the house start
        ticked. Their photo consents are unknown until ``set_photos``."""
        self.beginResetModel()
        self._today = today
        self._rows = list(rows)
        self._photos = None
        self._here = dict(here or {})
        self._checked = {p.id for p in rows if p.is_child and p.id not in self._here}
        self.endResetModel()
        self.checked_changed.emit()

    def set_photos(self, photos: dict[uuid.UUID, tuple[str, ...]] | None) -> None:
        """The valid photo purposes per member (a member not in it has none); None: unknown."""
        self._photos = dict(photos) if photos is not None else None
        if self._rows:
            top, bottom = self.index(0, COL_PHOTO), self.index(len(self._rows) - 1, COL_PHOTO)
            self.dataChanged.emit(top, bottom)

    def photo_text(self, person_id: uuid.UUID) -> str:
        """„снимки: уебсайт“ or „без съгласие за снимки“ ("" before the consents are read)."""
        if self._photos is None:
            return ""
        return photo_text(self._photos.get(person_id, ()))

    def photo_cell(self, person_id: uuid.UUID) -> str:
        """The same, short for the column „Снимки“: „уебсайт, печатни материали“ or
        „без съгласие“."""
        if self._photos is None:
            return ""
        purposes = self._photos.get(person_id, ())
        if not purposes:
            return _("none (photo consent)")
        return ", ".join(_(PHOTO_PURPOSES[p]) if p in PHOTO_PURPOSES else p for p in purposes)

    def row_at(self, index: Index) -> PersonView | None:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def person(self, row: int) -> PersonView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def checked_ids(self) -> list[uuid.UUID]:
        return [p.id for p in self._rows if p.id in self._checked]

    def checked_names(self) -> list[str]:
        return [p.full_name for p in self._rows if p.id in self._checked]

    def is_here(self, person_id: uuid.UUID) -> bool:
        return person_id in self._here

    def set_checked(self, row: int, checked: bool) -> bool:
        person = self.person(row)
        if person is None or (checked and person.id in self._here):
            return False
        if checked:
            self._checked.add(person.id)
        else:
            self._checked.discard(person.id)
        index = self.index(row, COL_NAME)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()
        return True

    def toggle(self, row: int) -> None:
        person = self.person(row)
        if person is not None:
            self.set_checked(row, person.id not in self._checked)

    def clear_checks(self) -> None:
        for row in range(len(self._rows)):
            if self._rows[row].id in self._checked:
                self.set_checked(row, False)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

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
        person = self.row_at(index)
        if person is not None and index.column() == COL_NAME and person.id not in self._here:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        person = self.row_at(index)
        if person is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(person, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_NAME:
            ticked = person.id in self._checked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_PHOTO and self._no_photo(person):
                return QColor(NO_PHOTO_COLOR)
            return QColor(Qt.GlobalColor.darkGreen) if person.id in self._here else None
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_NAME and person.notes:
            return person.notes
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_PHOTO:
            return self.photo_text(person.id) or None
        return None

    def _no_photo(self, person: PersonView) -> bool:
        """Red: this member must not be photographed."""
        return self._photos is not None and not self._photos.get(person.id)

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != COL_NAME:
            return False
        if self.row_at(index) is None:
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(value)
        return self.set_checked(index.row(), state == Qt.CheckState.Checked)

    def _text(self, person: PersonView, column: int) -> str:
        if column == COL_NAME:
            return person.full_name
        if column == COL_ROLE:
            return person.role_label
        if column == COL_AGE:
            return age_text(person, self._today)
        if column == COL_EGN:
            return masked_egn(person.egn)
        if column == COL_PHONE:
            return format_phone(person.phone) if person.phone else ""
        if column == COL_PHOTO:
            return self.photo_cell(person.id)
        if column == COL_TODAY and person.id in self._here:
            return _("here since {time}").format(time=format_time(self._here[person.id]))
        return ""
