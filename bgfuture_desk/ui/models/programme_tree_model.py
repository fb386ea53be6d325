"""The programmes of the house with their groups beneath them, for the groups screen.

Two levels only: a programme row (``ProgrammeView``) and its groups (``GroupView``). A
group's internal id is its programme's row plus one; a programme's is zero.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from bgfuture_desk.i18n import N_, _, format_number
from bgfuture_desk.services.groups.service import GroupView, ProgrammeView

COL_NAME, COL_TARGET, COL_FACILITATOR, COL_ENROLLED, COL_SESSIONS = range(5)
HEADERS = (
    N_("Programme / group"),
    N_("Target"),
    N_("Facilitator"),
    N_("Enrolled"),
    N_("Sessions held / planned"),
)

Index = QModelIndex | QPersistentModelIndex


def sessions_text(group: GroupView) -> str:
    """„3 / 10“: held of the planned number (or of those scheduled when none was planned)."""
    planned = group.planned_sessions or group.sessions_held + group.sessions_planned
    return f"{format_number(group.sessions_held)} / {format_number(planned)}"


def sessions_tip(group: GroupView) -> str:
    return _("Held: {held}, coming: {coming}, planned for the group: {planned}").format(
        held=group.sessions_held, coming=group.sessions_planned, planned=group.planned_sessions
    )


class ProgrammeTreeModel(QAbstractItemModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._programmes: list[ProgrammeView] = []
        self._groups: list[list[GroupView]] = []

    def set_rows(self, programmes: list[ProgrammeView], groups: list[GroupView]) -> None:
        """Groups go under their programme, in the order given."""
        self.beginResetModel()
        self._programmes = list(programmes)
        by_programme: dict[uuid.UUID, list[GroupView]] = {p.id: [] for p in programmes}
        for group in groups:
            if group.programme_id in by_programme:
                by_programme[group.programme_id].append(group)
        self._groups = [by_programme[p.id] for p in self._programmes]
        self.endResetModel()

    def programmes(self) -> list[ProgrammeView]:
        return list(self._programmes)

    def groups(self) -> list[GroupView]:
        return [g for children in self._groups for g in children]

    def item_at(self, index: Index) -> ProgrammeView | GroupView | None:
        if not index.isValid():
            return None
        parent_row = index.internalId()
        if parent_row == 0:
            return self._programmes[index.row()] if index.row() < len(self._programmes) else None
        children = self._groups[parent_row - 1]
        return children[index.row()] if index.row() < len(children) else None

    def programme_of(self, index: Index) -> ProgrammeView | None:
        """The programme of a programme row or of a group row."""
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == 0 else index.internalId() - 1
        return self._programmes[row]

    def index_of_programme(self, programme_id: uuid.UUID) -> QModelIndex:
        for row, programme in enumerate(self._programmes):
            if programme.id == programme_id:
                return self.index(row, COL_NAME)
        return QModelIndex()

    def index_of_group(self, group_id: uuid.UUID) -> QModelIndex:
        for parent_row, children in enumerate(self._groups):
            for row, group in enumerate(children):
                if group.id == group_id:
                    return self.createIndex(row, COL_NAME, parent_row + 1)
        return QModelIndex()

    # -- QAbstractItemModel -----------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        if parent.internalId() == 0:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    # PySide6 types parent() as the overloads of QObject.parent() and of the model's; a tree
    # model only ever gets the index form.
    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008, E501
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._programmes)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

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

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        item = self.item_at(index)
        if item is None:
            return None
        if isinstance(item, ProgrammeView):
            return self._programme_data(item, index.column(), role)
        return self._group_data(item, index.column(), role)

    def _programme_data(self, programme: ProgrammeView, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole and column == COL_NAME:
            if not programme.active:
                return _("{name} (inactive)").format(name=programme.name)
            return programme.name
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_NAME:
            return programme.description or None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and not programme.active:
            return QColor(Qt.GlobalColor.gray)
        return None

    def _group_data(self, group: GroupView, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_NAME:
                if group.archived:
                    return _("{name} (archived)").format(name=group.name)
                return group.name
            if column == COL_TARGET:
                return group.target_label
            if column == COL_FACILITATOR:
                return group.facilitator_name or "—"
            if column == COL_ENROLLED:
                return format_number(group.enrolled)
            if column == COL_SESSIONS:
                return sessions_text(group)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_SESSIONS:
            return sessions_tip(group)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_ENROLLED, COL_SESSIONS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and group.archived:
            return QColor(Qt.GlobalColor.gray)
        return None
