"""Pick people by the reception search, one after another, without closing the dialog.

Used to enrol participants and to add walk-ins to a register. A scanned or typed family
code lists that family's members. Each pick is answered in the dialog itself (enrolled, or
the service's reason why not), and the search is cleared for the next person.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.errors import NotFoundError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.search import SearchHit, SearchIndex
from bgfuture_desk.services.unit import Database
from bgfuture_desk.ui.models.search_result_model import COL_DETAIL, SearchResultModel
from bgfuture_desk.ui.widgets.form import error_label, show_message, show_status
from bgfuture_desk.ui.widgets.hit_list import HitListMixin


def member_hits(db: Database, text: str) -> list[SearchHit]:
    """The members of the family whose code was typed or scanned („KRN-0042“)."""
    if families.canonical_family_code(text) is None:
        return []
    try:
        family = families.family_by_code(db, text)
    except NotFoundError:
        return []
    return [
        SearchHit(
            "person", m.id, family.id, family.code, m.full_name, m.role_label, 1.0, family.archived
        )
        for m in family.members
    ]


class PersonPickerDialog(HitListMixin, QDialog):
    person_picked = Signal(object)  # SearchHit of a person

    def __init__(
        self,
        db: Database,
        index: SearchIndex,
        title: str,
        prompt: str,
        pick_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.index = db, index
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
        self.results.setAccessibleName(_("People found"))
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().hide()
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_DETAIL, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.results, 1)
        self.message = error_label(self)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        self.pick_button = QPushButton(pick_text, self)
        self.pick_button.setDefault(True)
        self.close_button = QPushButton(_("&Close"), self)
        buttons.addButton(self.pick_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        self.pick_button.clicked.connect(self.on_pick_clicked)
        self.close_button.clicked.connect(self.reject)
        self.search.textChanged.connect(self.on_search_changed)
        self.search.installEventFilter(self)
        # Enter presses the default button (from the search and from the list alike)
        self.results.doubleClicked.connect(self.on_pick_clicked)
        self.resize(640, 420)
        self.search.setFocus()

    def on_search_changed(self, text: str) -> None:
        hits: list[SearchHit] = []
        if text.strip():
            hits = member_hits(self.db, text)
            if not hits:
                hits = [h for h in self.index.search(text) if h.kind == "person"]
        self.show_hits(hits, text, self.message)

    def on_pick_clicked(self, *_args: object) -> None:
        hit = self.chosen()
        if hit is None:
            show_message(self.message, _("Find the person first."))
            return
        self.person_picked.emit(hit)

    def show_result(self, text: str, *, ok: bool) -> None:
        """The answer to the last pick; after a success the search is ready for the next."""
        show_status(self.message, text, ok=ok)
        if ok:
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.model.set_rows([])
        self.search.setFocus()
