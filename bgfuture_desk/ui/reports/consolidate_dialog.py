"""The coordinator's side: house export files into one consolidated database.

The files are listed (added with „Добави…“ or dropped on the list), the target is a
consolidated SQLite file or a database URL, and „Обедини“ runs ``consolidate`` in a worker
thread with a progress bar. A refused file leaves the target as it was (the service sees
to that); the dialog says so. The passphrase leaves its field when the work starts.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.i18n import _, format_number
from bgfuture_desk.services.exchange import export_file
from bgfuture_desk.services.exchange.consolidate import ConsolidationResult, consolidate
from bgfuture_desk.services.exchange.consolidate_import import ConsolidationError
from bgfuture_desk.services.exchange.export_errors import ExportFileError, WrongPassphraseError
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.models.file_import_table_model import FileImportTableModel
from bgfuture_desk.ui.reports.export_wizard import path_row
from bgfuture_desk.ui.reports.worker import Worker, fill_progress, show_progress
from bgfuture_desk.ui.widgets.form import FieldForm, error_label, show_message, show_status


def is_url(text: str) -> bool:
    return "://" in text


class ExportFileList(QListWidget):
    """The export files to consolidate; files dropped from a file manager are added."""

    files_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    def files(self) -> list[Path]:
        return [Path(self.item(row).toolTip()) for row in range(self.count())]

    def add_files(self, paths: list[Path]) -> None:
        have = set(self.files())
        for path in paths:
            path = path.resolve()
            if path in have:
                continue
            have.add(path)
            self.addItem(path.name)
            self.item(self.count() - 1).setToolTip(str(path))
        self.files_changed.emit()

    def remove_selected(self) -> None:
        for item in self.selectedItems():
            self.takeItem(self.row(item))
        self.files_changed.emit()

    @staticmethod
    def _dropped(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        paths = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
        return [p for p in paths if p.suffix == export_file.EXTENSION and p.is_file()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._dropped(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped(event)
        if paths:
            self.add_files(paths)
            event.acceptProposedAction()


class ConsolidateDialog(QDialog):
    """``consolidated`` carries the ``ConsolidationResult`` of a run that went through."""

    consolidated = Signal(object)

    def __init__(
        self,
        default_target: Path,
        parent: QWidget | None = None,
        *,
        db: Database | None = None,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor  # who consolidates: checked by the service
        self.worker: Worker | None = None
        self.result_: ConsolidationResult | None = None
        self.setWindowTitle(_("Consolidate the houses' files"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        column = QVBoxLayout(self)
        intro = QLabel(
            _(
                "The monthly export files of the houses are added to one consolidated "
                "database. A file may be added again, in any order: nothing is counted twice."
            ),
            self,
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        column.addWidget(self._build_files())
        self.form = FieldForm(self)
        self.target = QLineEdit(str(default_target), self)
        self.target.setPlaceholderText(_("a file, or an address such as postgresql://…"))
        self.target_button = QPushButton(_("C&hoose…"), self)
        self.target_button.clicked.connect(self.on_target_clicked)
        self.form.add_field(
            "target", _("Consolidated &database:"), path_row(self.target, self.target_button, self)
        )
        self.target.textEdited.connect(lambda *_args: self.form.clear_error("target"))
        self.passphrase = self.form.add_field(
            "passphrase", _("&Passphrase of the files:"), QLineEdit(self)
        )
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        column.addWidget(self.form)
        column.addWidget(self._build_run(), 1)
        self.buttons = QDialogButtonBox(self)
        self.run_button = QPushButton(_("C&onsolidate"), self)
        self.run_button.setDefault(True)
        self.stop_button = QPushButton(_("&Stop"), self)
        self.close_button = QPushButton(_("&Close"), self)
        self.buttons.addButton(self.run_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.stop_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.run_button.clicked.connect(self.on_run_clicked)
        self.stop_button.clicked.connect(self.on_stop_clicked)
        self.close_button.clicked.connect(self.reject)
        column.addWidget(self.buttons)
        self._set_running(False)
        self.resize(760, 620)

    def _build_files(self) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        files_column = QVBoxLayout()
        label = QLabel(_("Export &files (drop them here or add them):"), box)
        self.files = ExportFileList(box)
        label.setBuddy(self.files)
        files_column.addWidget(label)
        files_column.addWidget(self.files)
        row.addLayout(files_column, 1)
        buttons = QVBoxLayout()
        self.add_button = QPushButton(_("&Add…"), box)
        self.remove_button = QPushButton(_("&Remove"), box)
        self.add_button.clicked.connect(self.on_add_clicked)
        self.remove_button.clicked.connect(self.files.remove_selected)
        self.files.itemSelectionChanged.connect(self._update_buttons)
        self.files.files_changed.connect(self._update_buttons)
        buttons.addSpacing(label.sizeHint().height())
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        return box

    def _build_run(self) -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.message = QLabel(box)
        self.message.setWordWrap(True)
        column.addWidget(self.message)
        self.bar = QProgressBar(box)
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        column.addWidget(self.bar)
        self.error = error_label(box)
        column.addWidget(self.error)
        self.model = FileImportTableModel(box)
        self.table = QTableView(box)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.hide()
        column.addWidget(self.table, 1)
        self.summary = error_label(box)
        column.addWidget(self.summary)
        column.addStretch(0)
        return box

    # -- the list and the target ------------------------------------------------------------

    def add_files(self, paths: list[Path]) -> None:
        self.files.add_files(paths)

    def on_add_clicked(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Add export files"),
            "",
            _("Export files (*{ext})").format(ext=export_file.EXTENSION),
        )
        self.add_files([Path(name) for name in names])

    def on_target_clicked(self) -> None:
        start = "" if is_url(self.target.text()) else self.target.text()
        name, _filter = QFileDialog.getSaveFileName(
            self,
            _("Consolidated database"),
            start,
            _("SQLite databases (*.sqlite)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            self.target.setText(name)
            self.form.clear_error("target")

    def _update_buttons(self) -> None:
        running = self.running()
        self.run_button.setEnabled(not running and self.files.count() > 0)
        self.remove_button.setEnabled(not running and bool(self.files.selectedItems()))

    # -- the run ------------------------------------------------------------------------------

    def running(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

    def _set_running(self, running: bool) -> None:
        for widget in (self.files, self.add_button, self.form):
            widget.setEnabled(not running)
        self.stop_button.setEnabled(running)
        self.close_button.setEnabled(not running)
        self._update_buttons()

    def _checked_target(self) -> str | None:
        text = self.target.text().strip()
        error = ""
        if not text:
            error = _("Choose the consolidated database.")
        elif not is_url(text):
            path = Path(text).expanduser()
            if path.is_dir():
                error = _("This is a folder; give the name of the file too.")
            elif not path.parent.is_dir():
                error = _("The folder {folder} does not exist.").format(folder=path.parent)
            text = str(path)
        self.form.set_errors({"target": error} if error else {})
        return None if error else text

    def on_run_clicked(self) -> None:
        if self.running() or not self.files.count():
            return
        target = self._checked_target()
        if target is None:
            return
        files = self.files.files()
        passphrase = self.passphrase.text()
        self.passphrase.clear()
        self.model.set_rows([])
        self.table.hide()
        show_message(self.error, "")
        show_message(self.summary, "")
        self.message.setText(_("Starting…"))
        self.bar.setRange(0, 0)

        def work(progress):
            return consolidate(
                target, files, passphrase, progress, db=self.db, actor=self.actor
            )

        worker = Worker(work)
        worker.progressed.connect(self.on_progressed)
        worker.succeeded.connect(self.on_succeeded)
        worker.failed.connect(self.on_failed)
        worker.cancelled.connect(self.on_cancelled)
        worker.finished.connect(self.on_worker_finished)
        self.worker = worker
        self._set_running(True)
        worker.start()

    def on_stop_clicked(self) -> None:
        if self.running():
            assert self.worker is not None
            self.worker.cancel()
            self.stop_button.setEnabled(False)
            self.message.setText(_("Stopping…"))

    def on_progressed(self, done: int, total: int, message: str) -> None:
        self.message.setText(message)
        show_progress(self.bar, done, total)

    def on_succeeded(self, result: ConsolidationResult) -> None:
        self.result_ = result
        fill_progress(self.bar)
        self.message.setText(_("Done."))
        self.model.set_rows(result.files)
        self.table.show()
        show_status(
            self.summary,
            _(
                "Consolidated into {target}: new {inserted}, updated {updated}, "
                "unchanged {unchanged}."
            ).format(
                target=result.target,
                inserted=format_number(result.inserted),
                updated=format_number(result.updated),
                unchanged=format_number(result.unchanged),
            ),
            ok=True,
        )
        self.consolidated.emit(result)

    def on_failed(self, text: str, error: object) -> None:
        self._stopped_bar()
        self.message.setText(_("Nothing was consolidated."))
        if isinstance(error, ExportFileError | ConsolidationError):
            text = f"{text} {_('The consolidated database was not changed.')}"
        if isinstance(error, WrongPassphraseError):
            self.form.set_errors({"passphrase": text})
        else:
            show_message(self.error, text)

    def on_cancelled(self) -> None:
        self._stopped_bar()
        self.message.setText(
            _(
                "Stopped. The file that was being imported was not added; files imported "
                "before it stay in the database."
            )
        )

    def _stopped_bar(self) -> None:
        self.bar.setRange(0, 1)
        self.bar.setValue(0)

    def on_worker_finished(self) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.deleteLater()
        self._set_running(False)
        if self.form.error_text("passphrase"):
            self.passphrase.setFocus()

    # -- closing ------------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc or closing the window while the work runs stops it; the dialog stays."""
        if self.running():
            self.on_stop_clicked()
            return
        self.passphrase.clear()
        super().reject()

    def done(self, result: int) -> None:
        if self.worker is not None:
            self.worker.stop()
        self.passphrase.clear()
        super().done(result)
