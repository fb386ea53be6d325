"""A read-only table of plain dataclass rows, so each model only says what its cells show."""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from bgfuture_desk.i18n import _

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """Subclasses set HEADERS (N_() source strings) and implement cell(); hooks are optional."""

    HEADERS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, index: Index) -> Row | None:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def cell(self, row: Row, column: int) -> str:
        raise NotImplementedError

    def alignment(self, row: Row, column: int) -> int | None:
        return None

    def tooltip(self, row: Row, column: int) -> str | None:
        return None

    def foreground(self, row: Row, column: int) -> Any:
        return None

    def background(self, row: Row, column: int) -> Any:
        return None

    def font(self, row: Row, column: int) -> Any:
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return _(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        hook = _HOOKS.get(role)
        return getattr(self, hook)(row, index.column()) if hook else None


_HOOKS: dict[int, str] = {
    Qt.ItemDataRole.DisplayRole: "cell",
    Qt.ItemDataRole.TextAlignmentRole: "alignment",
    Qt.ItemDataRole.ToolTipRole: "tooltip",
    Qt.ItemDataRole.ForegroundRole: "foreground",
    Qt.ItemDataRole.BackgroundRole: "background",
    Qt.ItemDataRole.FontRole: "font",
}
