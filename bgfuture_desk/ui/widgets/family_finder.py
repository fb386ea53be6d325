"""Find the family at the desk: type a name, a phone or the code, or scan the family card.

The hits appear under the box while something is typed; Enter takes a scanned or typed
family code at once, else the chosen hit (Down moves into the hits). The same in-memory
index as the reception answers every key.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHeaderView, QLineEdit, QVBoxLayout, QWidget

from bgfuture_desk.errors import NotFoundError, UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.search import SearchHit, SearchIndex
from bgfuture_desk.services.families.service import FamilyView
from bgfuture_desk.services.unit import Database
from bgfuture_desk.ui.models.search_result_model import COL_DETAIL, COL_NAME, SearchResultModel
from bgfuture_desk.ui.widgets.controls import ScanEdit, table_view

SHOWN_HITS = 4


def _is_key(event: QEvent, key: Qt.Key) -> bool:
    return (
        event.type() == QEvent.Type.KeyPress
        and isinstance(event, QKeyEvent)
        and event.key() == key
        and event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        == Qt.KeyboardModifier.NoModifier
    )


class FamilyFinder(QWidget):
    family_chosen = Signal(object)  # FamilyView
    failed = Signal(str)  # a Bulgarian message: nothing found, no such code

    def __init__(
        self,
        db: Database,
        index: Callable[[], SearchIndex],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.index = index
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.search = ScanEdit(_("Name, phone or code — or scan the family card"), self)
        self.search.setAccessibleName(_("Find the family"))
        column.addWidget(self.search)
        self.model = SearchResultModel(self)
        self.results = table_view(self, self.model, _("Families found"), stretch=COL_NAME)
        self.results.horizontalHeader().setSectionResizeMode(
            COL_DETAIL, QHeaderView.ResizeMode.ResizeToContents
        )
        row_height = self.results.verticalHeader().defaultSectionSize()
        header_height = self.results.horizontalHeader().sizeHint().height()
        self.results.setFixedHeight(header_height + SHOWN_HITS * row_height + 4)
        self.results.hide()
        column.addWidget(self.results)
        self.search.textChanged.connect(self.on_search_changed)
        self.search.returnPressed.connect(self.on_search_entered)
        self.search.installEventFilter(self)
        self.results.installEventFilter(self)
        self.results.activated.connect(self.on_result_activated)
        self.setFocusProxy(self.search)

    def line_edit(self) -> QLineEdit:
        return self.search

    def on_search_changed(self, text: str) -> None:
        hits = [h for h in self.index().search(text) if h.family_id] if text.strip() else []
        self.model.set_rows(hits)
        self.results.setVisible(bool(hits))
        if hits:
            self.results.setCurrentIndex(self.model.index(0, COL_NAME))

    def current_hit(self) -> SearchHit | None:
        hit = self.model.row_at(self.results.currentIndex())
        if hit is None and self.model.rowCount():
            hit = self.model.row_at(self.model.index(0, COL_NAME))
        return hit

    def on_search_entered(self) -> None:
        text = self.search.text().strip()
        if not text:
            return
        if families.canonical_family_code(text) is not None:
            try:
                self._choose(families.family_by_code(self.db, text))
                return
            except NotFoundError as err:
                if not self.model.rowCount():
                    self.failed.emit(err.message)
                    return
        hit = self.current_hit()
        if hit is None or hit.family_id is None:
            self.failed.emit(_("Nothing found for „{text}“.").format(text=text))
            return
        self.open_family(hit.family_id)

    def on_result_activated(self, index) -> None:
        hit = self.model.row_at(index)
        if hit is not None and hit.family_id is not None:
            self.open_family(hit.family_id)

    def open_family(self, family_id) -> None:
        try:
            family = families.get_family(self.db, family_id)
            if family.merged_into_id is not None:
                family = families.get_family(self.db, family.merged_into_id)
        except UserError as err:
            self.failed.emit(err.message)
            return
        self._choose(family)

    def _choose(self, family: FamilyView) -> None:
        self.search.clear()
        self.family_chosen.emit(family)

    def clear(self) -> None:
        self.search.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and _is_key(event, Qt.Key.Key_Down) and self.model.rowCount():
            self.results.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        if (
            watched is self.results
            and _is_key(event, Qt.Key.Key_Up)
            and self.results.currentIndex().row() <= 0
        ):
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        if watched is self.results and _is_key(event, Qt.Key.Key_Return):
            self.on_result_activated(self.results.currentIndex())
            return True
        return super().eventFilter(watched, event)
