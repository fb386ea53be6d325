"""Настройки → Архивни копия: the house's backups, a copy made now, and restoring one.

A restore shows what the copy holds beside the current file and asks first; the service
keeps a safety copy of the current file, and the program then closes to start again on the
restored file (every screen holds data read from the old one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.domain.permissions import Permission, allowed
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _, format_datetime, format_number
from bgfuture_desk.services.house import backup, backup_schedule
from bgfuture_desk.services.house.health import kind_label
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.models.backup_table_model import BackupTableModel
from bgfuture_desk.ui.widgets.form import show_status, status_label

T = TypeVar("T")
SHOWN_COUNTS = ("families", "people", "visits", "loans")


@contextmanager
def busy() -> Iterator[None]:
    """A wait cursor while the copy is written (a second or two on an old disk)."""
    QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def counts_text(counts: backup.Counts | None) -> str:
    if counts is None:
        return _("cannot be read")
    return ", ".join(
        f"{kind_label(kind)}: {format_number(getattr(counts, kind))}" for kind in SHOWN_COUNTS
    )


def restore_question(chosen: backup.BackupInfo, seen: backup.Preview) -> str:
    return "\n\n".join(
        [
            _("Restore the copy of {moment}?").format(moment=format_datetime(chosen.taken_at)),
            _("In the copy: {counts}").format(counts=counts_text(seen.backup)),
            _("In the house file now: {counts}").format(counts=counts_text(seen.current)),
            _(
                "Everything entered after the copy was made will be gone from the house file. "
                "The file as it is now is kept as a backup first. The program then closes; "
                "start it again."
            ),
        ]
    )


class BackupsPanel(QGroupBox):
    """The table of backups with „Направи копие сега“ and „Възстанови…“."""

    backup_made = Signal(object)  # backup.BackupInfo
    backup_restored = Signal(object)  # backup.Restored

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(_("Backups"), parent)
        self.db = db
        self.actor: Actor | None = None
        layout = QVBoxLayout(self)
        self.folder_label = QLabel(self)
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.folder_label)
        self.model = BackupTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Backups"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(180)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.backup_button = QPushButton(_("Make a &copy now"), self)
        self.restore_button = QPushButton(_("&Restore…"), self)
        for button in (self.backup_button, self.restore_button):
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            row.addWidget(button)
        self.status = status_label(self)
        row.addWidget(self.status, 1)  # a long refusal wraps beside the buttons
        layout.addLayout(row)
        self.backup_button.clicked.connect(self.on_backup_clicked)
        self.restore_button.clicked.connect(self.on_restore_clicked)
        self.table.selectionModel().currentRowChanged.connect(self.on_current_changed)
        self.on_current_changed()

    # -- what is shown ----------------------------------------------------------------------

    def may_restore(self) -> bool:
        return self.actor is not None and allowed(self.actor.role, Permission.RESTORE)

    def load(self) -> None:
        if self.db.path is None:
            return
        folder = backup.default_folder(self.db.path)
        self.folder_label.setText(_("The copies are kept in: {folder}").format(folder=folder))
        self.model.set_rows(backup_schedule.house_backups(self.db))
        self.table.resizeRowsToContents()
        self.restore_button.setVisible(self.may_restore())
        self.backup_button.setEnabled(not self.db.read_only)
        self.on_current_changed()

    def on_current_changed(self, *_args: object) -> None:
        chosen = self.selected()
        self.restore_button.setEnabled(
            chosen is not None and chosen.counts is not None and not self.db.read_only
        )

    def selected(self) -> backup.BackupInfo | None:
        return self.model.row_at(self.table.currentIndex())

    def _run(self, call: Callable[[], T]) -> T | None:
        try:
            with busy():
                return call()
        except UserError as err:
            show_status(self.status, err.message, ok=False)
            return None

    # -- actions ----------------------------------------------------------------------------

    def on_backup_clicked(self) -> None:
        made = self._run(lambda: backup_schedule.backup_now(self.db, self.actor))
        if made is None:
            return
        self.load()
        show_status(
            self.status,
            _("Copy made: {name}").format(name=made.path.name),
            ok=True,
        )
        self.backup_made.emit(made)

    def on_restore_clicked(self) -> None:
        chosen, actor = self.selected(), self.actor
        if chosen is None or actor is None or self.db.path is None:
            return
        db_path = self.db.path
        seen = self._run(lambda: backup.preview(db_path, chosen.path))
        if seen is None or not self.confirm(restore_question(chosen, seen)):
            return
        restored = self._run(lambda: backup_schedule.restore_backup(self.db, actor, chosen.path))
        if restored is None:
            return
        self.backup_restored.emit(restored)
        self.tell(
            _("The copy was restored. The program closes now; start it again to work on the "
              "restored file.")
        )
        self.close_program()

    # -- the dialogs and the end (tests replace these) --------------------------------------

    def confirm(self, question: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Restore a backup"), question,
                          QMessageBox.StandardButton.NoButton, self)
        yes = box.addButton(_("&Restore"), QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.exec()
        return box.clickedButton() is yes

    def tell(self, text: str) -> None:
        QMessageBox.information(self, _("Restore a backup"), text)

    def close_program(self) -> None:
        self.window().close()
        QApplication.quit()
