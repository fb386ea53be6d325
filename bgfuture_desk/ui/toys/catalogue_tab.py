"""„Каталог“: every toy of the house, filtered by a child's age, area and status, searched
by name or code; a scanned label (code and Enter) selects its toy.

The buttons below the table act on the chosen toy (several may be chosen for labels);
what they do lives in ``catalogue_actions``, whose signals the tab passes on to the page.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.domain.vocab import DevelopmentalArea, ToyStatus
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _, ngettext
from bgfuture_desk.services.families.search import SearchIndex
from bgfuture_desk.services.toys import service as toys
from bgfuture_desk.services.toys.service import ToyView
from bgfuture_desk.services.unit import Database
from bgfuture_desk.ui.models.toy_table_model import (
    COL_CODE,
    COL_NAME,
    ToyTableModel,
)
from bgfuture_desk.ui.toys.catalogue_actions import CatalogueActions
from bgfuture_desk.ui.toys.common import ActorSource, AgeEdit, ToyScreen, pass_on
from bgfuture_desk.ui.toys.toy_details import ToyDetails
from bgfuture_desk.ui.widgets.controls import ScanEdit, table_view

STATUS_CHANGES = (ToyStatus.AVAILABLE, ToyStatus.IN_REPAIR, ToyStatus.LOST, ToyStatus.RETIRED)


def _combo(parent: QWidget, everything: str, choices) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItem(everything, None)
    for value, label in choices:
        combo.addItem(label, value)
    return combo


class CatalogueTab(ToyScreen):
    history_requested = Signal(str)  # a toy's inventory code: its loans in the history tab

    def __init__(
        self,
        db: Database,
        actor: ActorSource,
        index: Callable[[], SearchIndex],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.toy_actions = CatalogueActions(db, actor, index, self)
        pass_on(self.toy_actions, self)
        self.toy_actions.history_requested.connect(self.history_requested)
        self.toy_actions.toy_saved.connect(lambda toy: self.show_toy(toy.id))
        self.toy_actions.photo_saved.connect(self.on_photo_saved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(self._build_filters())
        self.model = ToyTableModel(self)
        self.view = table_view(self, self.model, _("Toys"), stretch=COL_NAME)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        layout.addWidget(self.view, 1)
        self.details = ToyDetails(self)
        layout.addWidget(self.details)
        layout.addLayout(self._build_buttons())
        self._connect()

    # -- building ---------------------------------------------------------------------------

    def _build_filters(self) -> QGridLayout:
        """The search on the first line, the filters under it."""
        grid = QGridLayout()
        search_label = QLabel(_("Search:"), self)
        self.search = ScanEdit(_("Name or code — or scan the label"), self)
        search_label.setBuddy(self.search)
        self.clear_button = QPushButton(_("Clear the &filters"), self)
        grid.addWidget(search_label, 0, 0)
        grid.addWidget(self.search, 0, 1)
        grid.addWidget(self.clear_button, 0, 2)
        row = QHBoxLayout()
        age_label = QLabel(_("Child's a&ge:"), self)
        self.age = AgeEdit(self, optional=True)
        age_label.setBuddy(self.age.years)
        area_label = QLabel(_("&Area:"), self)
        self.area = _combo(self, _("all areas"), DevelopmentalArea.choices())
        area_label.setBuddy(self.area)
        status_label = QLabel(_("Stat&us:"), self)
        self.status = _combo(self, _("all statuses"), ToyStatus.choices())
        status_label.setBuddy(self.status)
        for widget in (age_label, self.age, area_label, self.area, status_label, self.status):
            row.addWidget(widget)
            if widget in (self.age, self.area):
                row.addSpacing(12)
        row.addStretch(1)
        self.caption = QLabel(self)
        row.addWidget(self.caption)
        grid.addLayout(row, 1, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        return grid

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        acts = self.toy_actions
        self.new_button = QPushButton(_("&New toy…"), self)
        self.new_button.clicked.connect(self.new_toy)
        self.edit_button = QPushButton(_("Edit…"), self)
        self.edit_button.clicked.connect(self.edit_toy)
        self.status_button = QPushButton(_("Change the &status"), self)
        self.status_menu = QMenu(self.status_button)
        self.status_actions: dict[str, QAction] = {}
        for status in STATUS_CHANGES:
            action = self.status_menu.addAction(status.label)
            action.triggered.connect(
                lambda _c=False, s=status: acts.change_status(self.current_toy(), s)
            )
            self.status_actions[status.value] = action
        self.status_button.setMenu(self.status_menu)
        self.reserve_button = QPushButton(_("&Reserve for a family…"), self)
        self.reserve_button.clicked.connect(lambda: acts.reserve(self.current_toy()))
        self.cancel_button = QPushButton(_("Cancel the reser&vation…"), self)
        self.cancel_button.clicked.connect(lambda: acts.cancel_reservation(self.current_toy()))
        self.history_button = QPushButton(_("H&istory"), self)
        self.history_button.clicked.connect(lambda: acts.show_history(self.current_toy()))
        self.labels_button = QPushButton(_("&Labels…"), self)
        self.labels_button.clicked.connect(lambda: acts.print_labels(self.chosen_toys()))
        for button in (
            self.new_button,
            self.edit_button,
            self.status_button,
            self.reserve_button,
            self.cancel_button,
            self.history_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.labels_button)
        return row

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _t: self.reload())
        self.search.returnPressed.connect(self.on_search_entered)
        self.search.installEventFilter(self)
        self.age.changed.connect(self.reload)
        self.area.currentIndexChanged.connect(lambda _i: self.reload())
        self.status.currentIndexChanged.connect(lambda _i: self.reload())
        self.clear_button.clicked.connect(self.clear_filters)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self.on_current_changed())
        self.view.doubleClicked.connect(lambda _i: self.edit_toy())
        self.view.activated.connect(lambda _i: self.edit_toy())
        self.details.photo_requested.connect(
            lambda: self.toy_actions.choose_photo(self.current_toy())
        )
        new = QAction(self)
        new.setShortcut(QKeySequence("Ctrl+N"))
        new.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.triggered.connect(self.new_toy)
        self.addAction(new)

    # -- acting (in ``toy_actions``) ----------------------------------------------------------

    def categories(self) -> list[str]:
        return [t.category for t in self.model.rows() if t.category]

    def new_toy(self) -> None:
        self.toy_actions.new_toy(self.categories())

    def edit_toy(self) -> None:
        self.toy_actions.edit_toy(self.current_toy(), self.categories())

    def on_photo_saved(self, toy: ToyView) -> None:
        self.model.replace(toy)
        self.on_current_changed()

    # -- reading ----------------------------------------------------------------------------

    def filters(self) -> dict:
        return {
            "text": self.search.text().strip(),
            "age_months": self.age.value(),
            "area": self.area.currentData(),
            "status": self.status.currentData(),
        }

    def reload(self, keep: uuid.UUID | None = None) -> None:
        current = self.current_toy()
        keep = keep or (current.id if current else None)
        try:
            rows = toys.list_toys(self.db, **self.filters())
        except UserError as err:
            self.notify(err.message, error=True)
            return
        self.model.set_rows(rows, self.db.clock.today())
        self.stale = False
        count = len(rows)
        self.caption.setText(
            ngettext("{n} toy", "{n} toys", count).format(n=count)
            if count
            else _("No toy matches. Clear the filters to see them all.")
        )
        row = self.model.row_of(keep) if keep is not None else -1
        self.select_row(max(row, 0))
        self.on_current_changed()

    def select_row(self, row: int) -> None:
        """Choose one toy (whatever else was chosen for labels is let go)."""
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, COL_CODE)
            flags = QItemSelectionModel.SelectionFlag
            self.view.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
            self.view.scrollTo(index)

    def select_toy(self, toy_id: uuid.UUID) -> bool:
        row = self.model.row_of(toy_id)
        self.select_row(row)
        return row >= 0

    def current_toy(self) -> ToyView | None:
        return self.model.row_at(self.view.currentIndex())

    def chosen_toys(self) -> list[ToyView]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        chosen = [self.model.rows()[r] for r in rows]
        current = self.current_toy()
        return chosen or ([current] if current else [])

    def on_current_changed(self) -> None:
        toy = self.current_toy()
        self.details.show_toy(toy)
        has = toy is not None
        for button in (self.edit_button, self.status_button, self.history_button):
            button.setEnabled(has)
        free = toy is not None and toy.reserved_for_family_code is None
        self.reserve_button.setEnabled(
            free and toy is not None and toy.status not in (ToyStatus.LOST, ToyStatus.RETIRED)
        )
        self.cancel_button.setEnabled(toy is not None and toy.reserved_for_family_code is not None)
        for value, action in self.status_actions.items():
            action.setEnabled(
                toy is not None and toy.status != value and toy.status != ToyStatus.LENT
            )

    # -- the search box ---------------------------------------------------------------------

    def on_search_entered(self) -> None:
        """A scanned label selects its toy, even when the filters hide it."""
        text = self.search.text().strip()
        if not text:
            return
        try:
            toy = toys.toy_by_code(self.db, text)
        except UserError:
            if self.model.rowCount():
                self.view.setFocus()
            else:
                message = _("No toy has the code or name „{text}“.").format(text=text)
                self.notify(message, error=True)
            return
        self.show_toy(toy.id)

    def show_toy(self, toy_id: uuid.UUID) -> None:
        """Select a toy, clearing the filters when they hide it; the table gets the focus."""
        if not self.select_toy(toy_id):
            self.clear_filters(keep=toy_id)
        self.view.setFocus()

    def clear_filters(self, keep: uuid.UUID | None = None) -> None:
        for widget in (self.search, self.area, self.status, self.age):
            widget.blockSignals(True)
        self.search.clear()
        self.area.setCurrentIndex(0)
        self.status.setCurrentIndex(0)
        self.age.set_value(None)
        for widget in (self.search, self.area, self.status, self.age):
            widget.blockSignals(False)
        self.age.months.setEnabled(False)
        self.reload(keep=keep if isinstance(keep, uuid.UUID) else None)

    def focus_first(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def on_escape(self) -> None:
        if self.search.hasFocus() and self.search.text():
            self.search.clear()
        else:
            self.focus_first()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount()
        ):
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(watched, event)
