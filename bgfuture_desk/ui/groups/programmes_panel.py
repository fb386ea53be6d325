"""The programmes of the house with their groups, and the buttons that change them.

Choosing a group row shows that group below (``group_chosen``); a programme row offers a
new group in it. Programmes are the house's set-up: only a coordinator or an
administrator changes them, so their buttons are greyed for an assistant.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.domain.permissions import Permission, allowed
from bgfuture_desk.i18n import _
from bgfuture_desk.services.groups.service import GroupView, ProgrammeView
from bgfuture_desk.services.unit import Actor
from bgfuture_desk.ui.models.programme_tree_model import (
    COL_ENROLLED,
    COL_FACILITATOR,
    COL_NAME,
    COL_SESSIONS,
    COL_TARGET,
    ProgrammeTreeModel,
)
from bgfuture_desk.ui.widgets.controls import button_row


class ProgrammesPanel(QWidget):
    group_chosen = Signal(object)  # GroupView, or None when a programme row is chosen
    new_programme_requested = Signal()
    edit_programme_requested = Signal(object)  # ProgrammeView
    new_group_requested = Signal(object)  # uuid of the programme, or None
    edit_group_requested = Signal(object)  # GroupView
    archive_requested = Signal(object)  # GroupView
    show_archived_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.may_edit_programmes = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.new_programme_button = QPushButton(_("New &programme…"), self)
        self.new_group_button = QPushButton(_("New &group…"), self)
        self.edit_button = QPushButton(_("&Edit…"), self)
        self.archive_button = QPushButton(_("&Archive the group"), self)
        self.show_archived = QCheckBox(_("Show a&rchived groups"), self)
        layout.addLayout(
            button_row(
                self,
                self.new_group_button,
                self.edit_button,
                self.archive_button,
                self.new_programme_button,
            )
        )
        self.model = ProgrammeTreeModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setAccessibleName(_("Programmes and groups"))
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setExpandsOnDoubleClick(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for column in (COL_TARGET, COL_FACILITATOR, COL_ENROLLED, COL_SESSIONS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.show_archived)
        self.tree.selectionModel().currentRowChanged.connect(self.on_current_changed)
        self.tree.doubleClicked.connect(self.on_edit_clicked)
        self.new_programme_button.clicked.connect(self.new_programme_requested)
        self.new_group_button.clicked.connect(self.on_new_group_clicked)
        self.edit_button.clicked.connect(self.on_edit_clicked)
        self.archive_button.clicked.connect(self.on_archive_clicked)
        self.show_archived.toggled.connect(self.show_archived_changed)
        self._update_buttons()

    def set_actor(self, actor: Actor | None) -> None:
        self.may_edit_programmes = actor is not None and allowed(
            actor.role, Permission.PROGRAMMES
        )
        self.new_programme_button.setToolTip(
            "" if self.may_edit_programmes else _("Only a coordinator or an administrator")
        )
        self._update_buttons()

    def set_rows(
        self,
        programmes: list[ProgrammeView],
        groups: list[GroupView],
        keep: uuid.UUID | None = None,
    ) -> None:
        """Show the tree again, open, with ``keep`` (a group or programme id) chosen."""
        self.model.set_rows(programmes, groups)
        self.tree.expandAll()
        index = QModelIndex()
        if keep is not None:
            index = self.model.index_of_group(keep)
            if not index.isValid():
                index = self.model.index_of_programme(keep)
        if index.isValid():
            self.tree.setCurrentIndex(index)
        self._update_buttons()

    def current_item(self) -> ProgrammeView | GroupView | None:
        return self.model.item_at(self.tree.currentIndex())

    def current_group(self) -> GroupView | None:
        item = self.current_item()
        return item if isinstance(item, GroupView) else None

    def current_programme(self) -> ProgrammeView | None:
        return self.model.programme_of(self.tree.currentIndex())

    def select_group(self, group_id: uuid.UUID) -> bool:
        index = self.model.index_of_group(group_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
        return index.isValid()

    def _update_buttons(self) -> None:
        item = self.current_item()
        group = item if isinstance(item, GroupView) else None
        self.new_programme_button.setEnabled(self.may_edit_programmes)
        self.edit_button.setEnabled(
            group is not None or (item is not None and self.may_edit_programmes)
        )
        self.archive_button.setEnabled(group is not None)
        archived = group is not None and group.archived
        self.archive_button.setText(
            _("&Bring the group back") if archived else _("&Archive the group")
        )

    def on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        self.group_chosen.emit(self.current_group())

    def on_new_group_clicked(self) -> None:
        programme = self.current_programme()
        self.new_group_requested.emit(programme.id if programme is not None else None)

    def on_edit_clicked(self, *_args: object) -> None:
        item = self.current_item()
        if isinstance(item, GroupView):
            self.edit_group_requested.emit(item)
        elif isinstance(item, ProgrammeView) and self.may_edit_programmes:
            self.edit_programme_requested.emit(item)

    def on_archive_clicked(self) -> None:
        group = self.current_group()
        if group is not None:
            self.archive_requested.emit(group)
