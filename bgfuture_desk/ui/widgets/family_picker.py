"""Choose another family by searching for it (to move a member there or to merge with it)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.i18n import _
from bgfuture_desk.services.families.search import SearchHit, SearchIndex
from bgfuture_desk.ui.models.search_result_model import COL_DETAIL, SearchResultModel
from bgfuture_desk.ui.widgets.form import dialog_buttons, error_label, show_message
from bgfuture_desk.ui.widgets.hit_list import HitListMixin


class FamilyPickerDialog(HitListMixin, QDialog):
    family_picked = Signal(object)  # SearchHit of the chosen family (or one of its members)

    def __init__(
        self,
        index: SearchIndex,
        title: str,
        prompt: str,
        exclude: uuid.UUID | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.index = index
        self.exclude = exclude
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        label = QLabel(prompt, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Name, phone, EGN or family code"))
        self.search.setClearButtonEnabled(True)
        label.setBuddy(self.search)
        layout.addWidget(self.search)
        self.model = SearchResultModel(self)
        self.results = QTableView(self)
        self.results.setModel(self.model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().hide()
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_DETAIL, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.results, 1)
        self.error = error_label(self)
        layout.addWidget(self.error)
        buttons, self.choose_button = dialog_buttons(
            self, _("C&hoose"), _("Cancel"), self.on_choose_clicked, self.reject
        )
        layout.addWidget(buttons)
        self.search.textChanged.connect(self.on_search_changed)
        self.search.installEventFilter(self)
        self.results.doubleClicked.connect(self.on_choose_clicked)
        self.resize(640, 420)
        self.search.setFocus()

    def on_search_changed(self, text: str) -> None:
        hits: list[SearchHit] = []
        if text.strip():
            hits = [h for h in self.index.search(text) if h.family_id not in (None, self.exclude)]
        self.show_hits(hits, text, self.error)

    def on_choose_clicked(self, *_args: object) -> None:
        hit = self.chosen()
        if hit is None:
            show_message(self.error, _("Find the family first."))
            return
        self.accept()
        self.family_picked.emit(hit)
