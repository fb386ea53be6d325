"""Отчети и износ: the month's indicators (first tab); the monthly export of the house, its
log, and the coordinator's merge (second tab).

In the first days of a month whose previous month has no export yet, a banner reminds the
assistant; otherwise the page says which month was exported last, when and where to.
„Износ на месеца…“ (Ctrl+E) opens the export wizard; „Обедини файлове…“ the
consolidation. ``today`` and the default folders are attributes, so tests can set them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.domain.permissions import Permission, allowed
from bgfuture_desk.export_folder import Mount, proposed_folder
from bgfuture_desk.i18n import N_, _, format_datetime
from bgfuture_desk.paths import data_dir
from bgfuture_desk.services.exchange.export import (
    ExportResult,
    ExportStatus,
    export_log,
    export_status,
    local_time,
    month_label,
)
from bgfuture_desk.services.house import settings
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.models.export_log_table_model import COL_FILE, ExportLogTableModel
from bgfuture_desk.ui.reports.consolidate_dialog import ConsolidateDialog
from bgfuture_desk.ui.reports.export_wizard import ExportWizard
from bgfuture_desk.ui.reports.indicators_tab import IndicatorsTab
from bgfuture_desk.ui.widgets.local_settings import (
    LAST_EXPORT_FOLDER,
    local_settings,
    mounted_volumes,
    remember_folder,
    remembered_folder,
)
from bgfuture_desk.ui.widgets.page import Page, page_heading

REMINDER_STYLE = (
    "QLabel { color: #4a2c00; background: #ffe082; border: 1px solid #c79100;"
    " padding: 8px; font-weight: bold; }"
)
CONSOLIDATED_FILE = "consolidated.sqlite"


def documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


def consolidated_file() -> Path:
    return data_dir() / CONSOLIDATED_FILE


def last_export_text(status: ExportStatus) -> str:
    if status.last_month is None or status.last_at is None:
        return _("No export has been made from this house's database yet.")
    return _("Last export: {month}, made on {at}, in the file {path}").format(
        month=month_label(status.last_month),
        at=format_datetime(local_time(status.last_at)),
        path=status.last_path,
    )


class ReportsPage(Page):
    TITLE = N_("Reports and export")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.today: Callable[[], dt.date] = db.clock.today
        self.documents_folder: Callable[[], Path] = documents_folder
        self.consolidated_file: Callable[[], Path] = consolidated_file
        self.mounted_volumes: Callable[[], list[Mount]] = mounted_volumes
        self.status: ExportStatus | None = None
        self.dialog: QDialog | None = None  # the wizard or dialog open last (tests use it)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(page_heading(self.title(), self))
        self.reminder = QLabel(self)
        self.reminder.setObjectName("reminder")
        self.reminder.setStyleSheet(REMINDER_STYLE)
        self.reminder.setWordWrap(True)
        self.reminder.hide()
        layout.addWidget(self.reminder)
        self.tabs = QTabWidget(self)
        self.indicators = IndicatorsTab(db, self.tabs)
        self.tabs.addTab(self.indicators, _("&Indicators"))
        exchange = QWidget(self.tabs)
        column = QVBoxLayout(exchange)
        column.addWidget(self._build_export(), 1)
        column.addWidget(self._build_consolidation())
        self.tabs.addTab(exchange, _("E&xport and consolidation"))
        layout.addWidget(self.tabs, 1)
        self.export_action = QAction(self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.export_action.triggered.connect(self.open_export_wizard)
        self.addAction(self.export_action)

    def _build_export(self) -> QWidget:
        box = QGroupBox(_("Monthly export of the house"), self)
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        self.export_button = QPushButton(_("&Export of the month…"), box)
        self.export_button.clicked.connect(self.open_export_wizard)
        row.addWidget(self.export_button)
        row.addStretch(1)
        column.addLayout(row)
        self.last_export = QLabel(box)
        self.last_export.setWordWrap(True)
        self.last_export.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.last_export)
        log_label = QLabel(_("Exports made:"), box)
        column.addWidget(log_label)
        self.log_model = ExportLogTableModel(box)
        self.log_table = QTableView(box)
        self.log_table.setModel(self.log_model)
        self.log_table.setAccessibleName(_("Exports made"))
        self.log_table.verticalHeader().hide()
        self.log_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.log_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.log_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_FILE, QHeaderView.ResizeMode.Stretch)
        column.addWidget(self.log_table, 1)
        return box

    def set_actor(self, actor: Actor) -> None:
        super().set_actor(actor)
        self.consolidation_box.setVisible(allowed(actor.role, Permission.CONSOLIDATE))

    def _build_consolidation(self) -> QWidget:
        box = QGroupBox(_("Consolidation (coordinator)"), self)
        self.consolidation_box = box  # shown to the roles that may consolidate
        column = QVBoxLayout(box)
        about = QLabel(
            _(
                "The coordinator puts the monthly files of the houses together into one "
                "consolidated database, on this computer or on a database server."
            ),
            box,
        )
        about.setWordWrap(True)
        column.addWidget(about)
        row = QHBoxLayout()
        self.consolidate_button = QPushButton(_("&Consolidate files…"), box)
        self.consolidate_button.clicked.connect(self.open_consolidation)
        row.addWidget(self.consolidate_button)
        row.addStretch(1)
        column.addLayout(row)
        return box

    # -- what is shown ----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
        if self.indicators.current is None:
            self.indicators.recount()

    def refresh(self) -> None:
        """Read the export status (the reminder depends on the day) and the log again."""
        status = export_status(self.db, self.today())
        self.status = status
        if status.remind:
            self.reminder.setText(
                _(
                    "The export for {month} has not been made yet. Please make it now, in "
                    "the first days of the month, and send it to the coordinator."
                ).format(month=month_label(status.suggested_month))
            )
        self.reminder.setVisible(status.remind)
        self.last_export.setText(last_export_text(status))
        self.log_model.set_rows(export_log(self.db))

    # -- the wizard and the dialog ----------------------------------------------------------

    def _replace_dialog(self, dialog: QDialog) -> None:
        """One at a time: the one before is done with (its worker has finished)."""
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog

    def _dialog_open(self) -> bool:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return True
        return False

    def open_export_wizard(self) -> None:
        if self._dialog_open():
            return
        today = self.today()
        status = export_status(self.db, today)
        wizard = ExportWizard(
            self.db,
            self.actor or Actor.system(),
            house_code=settings.house_details(self.db).code,
            today=today,
            suggested=status.suggested_month,
            exported={row.month for row in export_log(self.db)},
            folder=self.export_folder(),
            parent=self,
        )
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
        wizard.exported.connect(self.on_wizard_exported)
        self._replace_dialog(wizard)
        wizard.open()

    def export_folder(self) -> Path:
        """A stick if one is in (the folder used last when it is on it), else the folder
        used last, else Documents."""
        last = remembered_folder(local_settings(), LAST_EXPORT_FOLDER)
        return Path(
            proposed_folder(
                last=last,
                last_exists=last is not None and last.is_dir(),
                mounts=self.mounted_volumes(),
                documents=self.documents_folder(),
            )
        )

    def on_wizard_exported(self, result: ExportResult) -> None:
        remember_folder(local_settings(), LAST_EXPORT_FOLDER, result.path.parent)
        self.refresh()

    def open_consolidation(self) -> None:
        if self._dialog_open():
            return
        dialog = ConsolidateDialog(
            self.consolidated_file(), self, db=self.db, actor=self.actor
        )
        self._replace_dialog(dialog)
        dialog.open()
