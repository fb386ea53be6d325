"""What the search-and-pick dialogs share: Down goes from the search into the hits, the
first hit is chosen when none is, "nothing found" is said under the list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QTableView

from bgfuture_desk.i18n import _
from bgfuture_desk.services.families.search import SearchHit
from bgfuture_desk.ui.models.search_result_model import COL_NAME, SearchResultModel
from bgfuture_desk.ui.widgets.form import show_message


class HitListMixin:
    """For a QDialog with ``search``, ``results`` and ``model``; listed before QDialog."""

    search: QLineEdit
    results: QTableView
    model: SearchResultModel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount() > 0
        ):
            self.results.setFocus()
            self.results.setCurrentIndex(self.model.index(0, COL_NAME))
            return True
        return super().eventFilter(watched, event)  # type: ignore[misc]

    def show_hits(self, hits: list[SearchHit], text: str, message: QLabel) -> None:
        self.model.set_rows(hits)
        if hits:
            self.results.setCurrentIndex(self.model.index(0, COL_NAME))
        show_message(message, "" if hits or not text.strip() else _("Nothing found."))

    def chosen(self) -> SearchHit | None:
        hit = self.model.row_at(self.results.currentIndex())
        if hit is None and self.model.rowCount():
            hit = self.model.row_at(self.model.index(0, COL_NAME))
        return hit
