"""The audit trail for an administrator: filters, a page of events, the PDF for an inspection.

The panel never holds more than one page (``services.audit.browse.PAGE_SIZE`` events); the
buttons go to newer and older pages. The services refuse anyone but an administrator, and
the settings page does not show the panel to anyone else.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.audit import browse, export
from bgfuture_desk.services.audit.labels import action_choices
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.models.audit_table_model import COL_RECORD, AuditTableModel
from bgfuture_desk.ui.reports.worker import Worker
from bgfuture_desk.ui.widgets.controls import read_only_table
from bgfuture_desk.ui.widgets.fields import py_date, qdate
from bgfuture_desk.ui.widgets.form import show_status, status_label

DEFAULT_DAYS = 30  # the trail opens on the last month


def _date_edit(parent: QWidget, day: dt.date) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setCalendarPopup(True)
    edit.setDate(qdate(day))
    return edit


class AuditPanel(QGroupBox):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(_("Audit trail"), parent)
        self.db = db
        self.actor: Actor | None = None
        self.offset = 0
        self.page: browse.AuditPage | None = None
        self.worker: Worker | None = None  # the PDF being written (thousands of rows: seconds)
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        self.user_combo = QComboBox(self)
        self.action_combo = QComboBox(self)
        self.action_combo.addItem(_("all actions"), "")
        for code, label in action_choices():
            self.action_combo.addItem(label, code)
        self.record_edit = QLineEdit(self)
        self.record_edit.setPlaceholderText(_("family or toy code, user name, record id"))
        self.record_edit.setClearButtonEnabled(True)
        today = db.clock.today()
        self.from_check = QCheckBox(_("&From:"), self)
        self.from_check.setChecked(True)
        self.from_edit = _date_edit(self, today - dt.timedelta(days=DEFAULT_DAYS))
        self.to_check = QCheckBox(_("&To:"), self)
        self.to_edit = _date_edit(self, today)
        self.to_edit.setEnabled(False)
        self.from_check.toggled.connect(self.from_edit.setEnabled)
        self.to_check.toggled.connect(self.to_edit.setEnabled)
        self.show_button = QPushButton(_("&Show"), self)
        for column, (text, editor) in enumerate(
            ((_("&User:"), self.user_combo), (_("A&ction:"), self.action_combo),
             (_("&Record:"), self.record_edit))
        ):  # fmt: skip
            caption = QLabel(text, self)
            caption.setBuddy(editor)
            grid.addWidget(caption, 0, 2 * column)
            grid.addWidget(editor, 0, 2 * column + 1)
        dates = QHBoxLayout()
        for widget in (self.from_check, self.from_edit, self.to_check, self.to_edit):
            dates.addWidget(widget)
        dates.addStretch(1)
        dates.addWidget(self.show_button)
        grid.addLayout(dates, 1, 0, 1, 6)
        for column, stretch in ((1, 2), (3, 3), (5, 3)):
            grid.setColumnStretch(column, stretch)
        layout.addLayout(grid)
        self.model = AuditTableModel(self)
        self.table = read_only_table(self.model, self, COL_RECORD, _("Audit trail"))
        self.table.setMinimumHeight(280)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.newer_button = QPushButton(_("◀ &Newer"), self)
        self.older_button = QPushButton(_("&Older ▶"), self)
        self.position = QLabel(self)
        self.status = status_label(self)
        self.pdf_button = QPushButton(_("Export to P&DF…"), self)
        for part in (self.newer_button, self.older_button, self.position, self.status):
            row.addWidget(part)
        row.addStretch(1)
        row.addWidget(self.pdf_button)
        layout.addLayout(row)
        self.show_button.clicked.connect(self.on_show_clicked)
        self.record_edit.returnPressed.connect(self.on_show_clicked)
        self.newer_button.clicked.connect(self.on_newer_clicked)
        self.older_button.clicked.connect(self.on_older_clicked)
        self.pdf_button.clicked.connect(self.on_pdf_clicked)
        self._update_buttons()

    # -- what is shown ---------------------------------------------------------------------

    def filters(self) -> browse.AuditFilters:
        return browse.AuditFilters(
            user_id=self.user_combo.currentData(),
            action=self.action_combo.currentData() or "",
            date_from=py_date(self.from_edit.date()) if self.from_check.isChecked() else None,
            date_to=py_date(self.to_edit.date()) if self.to_check.isChecked() else None,
            record=self.record_edit.text(),
        )

    def load(self) -> None:
        """The users for the filter (deactivated ones too), then the first page."""
        if self.actor is None:
            return
        chosen = self.user_combo.currentData()
        self.user_combo.clear()
        self.user_combo.addItem(_("all users"), None)
        try:
            people = browse.audit_users(self.db, self.actor)
        except UserError as err:
            show_status(self.status, err.message, ok=False)
            return
        for user in people:
            name = user.name if user.active else _("{name} (inactive)").format(name=user.name)
            self.user_combo.addItem(name, user.id)
        index = next((n for n in range(self.user_combo.count())
                      if self.user_combo.itemData(n) == chosen), 0)  # fmt: skip
        self.user_combo.setCurrentIndex(index)
        self.offset = 0
        self.refresh()

    def refresh(self) -> None:
        if self.actor is None:
            return
        show_status(self.status, "", ok=True)
        try:
            self.page = browse.browse_audit(self.db, self.actor, self.filters(),
                                            browse.PAGE_SIZE, self.offset)  # fmt: skip
        except UserError as err:
            self.page = None
            self.model.set_rows([])
            show_status(self.status, err.message, ok=False)
        else:
            self.model.set_rows(self.page.rows)
            if not self.page.rows:
                show_status(self.status, _("No event matches the choice."), ok=True)
        self._update_buttons()

    def _update_buttons(self) -> None:
        page = self.page
        self.newer_button.setEnabled(page is not None and page.offset > 0)
        self.older_button.setEnabled(page is not None and page.more)
        if page is None or not page.rows:
            self.position.setText("")
        else:
            self.position.setText(
                _("events {first}–{last}").format(
                    first=page.offset + 1, last=page.offset + len(page.rows)
                )
            )

    def on_show_clicked(self) -> None:
        self.offset = 0
        self.refresh()

    def on_newer_clicked(self) -> None:
        self.offset = max(0, self.offset - browse.PAGE_SIZE)
        self.refresh()

    def on_older_clicked(self) -> None:
        if self.page is not None and self.page.more:
            self.offset += browse.PAGE_SIZE
            self.refresh()

    # -- the PDF ---------------------------------------------------------------------------

    def on_pdf_clicked(self) -> None:
        name = _("audit-trail-{date}.pdf").format(date=self.db.clock.today().isoformat())
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the audit trail"), name, _("PDF document (*.pdf)")
        )
        if path:
            self.start_export(Path(path))

    def start_export(self, path: Path) -> Worker | None:
        """Write the PDF off the screen's thread; the status line says when it is saved."""
        if self.actor is None or self.worker is not None:
            return None
        db, actor, filters = self.db, self.actor, self.filters()

        def work(_progress) -> Path:
            return export.save_audit_pdf(db, actor, filters, path)

        show_status(self.status, _("Writing the PDF…"), ok=True)
        self.pdf_button.setEnabled(False)
        self.setCursor(Qt.CursorShape.BusyCursor)
        worker = Worker(work, self)
        worker.succeeded.connect(self._saved)
        worker.failed.connect(lambda message, _err: show_status(self.status, message, ok=False))
        worker.finished.connect(self._export_finished)
        self.worker = worker
        worker.start()
        return worker

    def _saved(self, path: Path) -> None:
        show_status(self.status, _("Saved: {path}").format(path=path), ok=True)

    def _export_finished(self) -> None:
        self.worker = None
        self.unsetCursor()
        self.pdf_button.setEnabled(True)

    def save_to(self, path: Path) -> Path | None:
        """The same, waiting for it (the command line's way, and the tests')."""
        if self.actor is None:
            return None
        try:
            saved = export.save_audit_pdf(self.db, self.actor, self.filters(), path)
        except UserError as err:
            show_status(self.status, err.message, ok=False)
            return None
        self._saved(saved)
        return saved
