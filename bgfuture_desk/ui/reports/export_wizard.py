"""The monthly export, step by step: the month and the file, the passphrase twice, the run.

The passphrase is only in the two fields until the export starts; it is then taken out of
them (the fields are cleared) and lives only as long as the export runs. Cancel during the
run stops the export, and the service leaves no file behind.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from bgfuture_desk.i18n import _, format_number
from bgfuture_desk.services.exchange import export_file
from bgfuture_desk.services.exchange.export import (
    ExportResult,
    default_file_name,
    export_month,
    month_label,
    validate_passphrase,
)
from bgfuture_desk.services.house.health import kind_label
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.models.export_log_table_model import short_sha
from bgfuture_desk.ui.reports.worker import Worker, fill_progress, show_progress
from bgfuture_desk.ui.widgets.form import (
    ERROR_STYLE,
    SAVED_STYLE,
    FieldForm,
    error_label,
    show_message,
)

MONTHS_BACK = 12  # the months offered besides the running one
# what the house did, in the order people think of it; every kind is in the tooltip
MAIN_KINDS = ("families", "people", "visits", "sessions", "attendances", "toys", "loans")
HIDDEN_KINDS = {"audit_events", "export_logs"}  # bookkeeping, not what the house did


def recent_months(today: dt.date, back: int = MONTHS_BACK) -> list[str]:
    """The running month and the ``back`` before it, newest first, as YYYY-MM."""
    months, first = [], today.replace(day=1)
    for _step in range(back + 1):
        months.append(f"{first:%Y-%m}")
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return months


def path_row(edit: QLineEdit, button: QPushButton, parent: QWidget) -> QWidget:
    """A path to type, with its „Избери…“ button beside it; focus goes to the path."""
    row = QWidget(parent)
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.addWidget(edit, 1)
    line.addWidget(button)
    row.setFocusProxy(edit)
    return row


def megabytes(size: int) -> str:
    return _("{size} MB").format(size=format_number(round(size / 1024 / 1024, 2)))


def counts_text(counts: dict[str, dict[str, int]], kinds: tuple[str, ...] | None = None) -> str:
    """„семейства: 6, хора: 21, посещения: 140“ – the kinds that have live records."""
    tables = kinds if kinds is not None else tuple(t for t in counts if t not in HIDDEN_KINDS)
    parts = [
        f"{kind_label(table)}: {format_number(counts[table]['live'])}"
        for table in tables
        if counts.get(table, {}).get("live")
    ]
    return ", ".join(parts) or _("no records")


class MonthPage(QWizardPage):
    """Page 1: which month (the one before today's preselected) and the file to write."""

    def __init__(
        self,
        house_code: str,
        months: list[str],
        suggested: str,
        exported: set[str],
        folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.house_code = house_code
        self.setTitle(_("Month and file"))
        self.setSubTitle(
            _(
                "The whole database of the house goes into one encrypted file; corrections "
                "made to earlier months travel with it."
            )
        )
        layout = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.month = QComboBox(self)
        for month in months:
            text = month_label(month)
            if month in exported:
                text = _("{month} (already exported)").format(month=text)
            self.month.addItem(text, month)
        self.month.setCurrentIndex(max(0, self.month.findData(suggested)))
        self.form.add_field("month", _("&Month:"), self.month)
        self.path = QLineEdit(str(folder / default_file_name(house_code, suggested)), self)
        self.choose_button = QPushButton(_("C&hoose…"), self)
        self.choose_button.clicked.connect(self.on_choose_clicked)
        self.form.add_field("path", _("&File:"), path_row(self.path, self.choose_button, self))
        self.path.textEdited.connect(lambda *_args: self.form.clear_error("path"))
        self.path.textChanged.connect(self._on_path_changed)
        layout.addWidget(self.form)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self._month = suggested
        self.month.currentIndexChanged.connect(self.on_month_changed)
        self._on_path_changed()

    def cleanupPage(self) -> None:
        """Going Back keeps what was chosen (Qt's default would reset the page)."""

    def chosen_month(self) -> str:
        return self.month.currentData()

    def target(self) -> Path:
        return Path(self.path.text().strip()).expanduser()

    def on_month_changed(self, _index: int) -> None:
        """The usual file name follows the month, unless the person gave their own."""
        new = self.chosen_month()
        target = self.target()
        if target.name == default_file_name(self.house_code, self._month):
            self.path.setText(str(target.with_name(default_file_name(self.house_code, new))))
        self._month = new

    def on_choose_clicked(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save the export as"),
            str(self.target()),
            _("Export files (*{ext})").format(ext=export_file.EXTENSION),
        )
        if name:
            if not name.endswith(export_file.EXTENSION):
                name += export_file.EXTENSION
            self.path.setText(name)

    def _on_path_changed(self, *_args: object) -> None:
        target = self.target()
        replaces = bool(self.path.text().strip()) and target.is_file()
        show_message(
            self.note, _("The file exists already and will be replaced.") if replaces else ""
        )

    def validatePage(self) -> bool:
        text = self.path.text().strip()
        target = self.target()
        error = ""
        if not text:
            error = _("Choose where to save the export.")
        elif target.is_dir():
            error = _("This is a folder; give the name of the file too.")
        elif not target.parent.is_dir():
            error = _("The folder {folder} does not exist.").format(folder=target.parent)
        self.form.set_errors({"path": error} if error else {})
        return not error


class PassphrasePage(QWizardPage):
    """Page 2: the passphrase twice; „Изнеси“ stays disabled until both agree."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Passphrase"))
        self.setSubTitle(
            _(
                "The file is encrypted with this passphrase; the coordinator needs the same "
                "one to open it."
            )
        )
        layout = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.passphrase = self.form.add_field("passphrase", _("&Passphrase:"), QLineEdit(self))
        self.repeat = self.form.add_field("repeat", _("Passphrase &again:"), QLineEdit(self))
        for edit in (self.passphrase, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(self.on_text_changed)
        layout.addWidget(self.form)
        hint = QLabel(
            _(
                "The passphrase is not saved anywhere. Tell it to the coordinator in another "
                "way (for example by phone), never together with the file."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Export"))

    def cleanupPage(self) -> None:
        self.clear()

    def errors(self) -> dict[str, str]:
        return validate_passphrase(self.passphrase.text(), self.repeat.text())

    def on_text_changed(self, *_args: object) -> None:
        """Say what is wrong as soon as it is clear, not while the second entry is typed."""
        first, second = self.passphrase.text(), self.repeat.text()
        errors = self.errors()
        shown = {}
        if first and "passphrase" in errors:
            shown["passphrase"] = errors["passphrase"]
        if (
            "repeat" in errors
            and second
            and not (first.startswith(second) and len(second) < len(first))
        ):
            shown["repeat"] = errors["repeat"]
        for key in ("passphrase", "repeat"):
            show_message(self.form.errors[key], shown.get(key, ""))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.errors()

    def take(self) -> str:
        """The passphrase, leaving both fields empty."""
        passphrase = self.passphrase.text()
        self.clear()
        return passphrase

    def clear(self) -> None:
        for edit in (self.passphrase, self.repeat):
            edit.clear()


class RunPage(QWizardPage):
    """Page 3: the export running, then what was written – or why not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Export"))
        self.setSubTitle(_("The database is copied, encrypted and written to the file."))
        layout = QVBoxLayout(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.bar = QProgressBar(self)
        layout.addWidget(self.bar)
        self.result_box = QWidget(self)
        facts = QFormLayout(self.result_box)
        facts.setContentsMargins(0, 8, 0, 0)
        self.file_label = self._fact(facts, _("File:"))
        self.size_label = self._fact(facts, _("Size:"))
        self.sha_label = self._fact(facts, _("Checksum:"))
        self.counts_label = self._fact(facts, _("Records:"))
        layout.addWidget(self.result_box)
        self.error = error_label(self)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.result: ExportResult | None = None

    def _fact(self, facts: QFormLayout, label: str) -> QLabel:
        value = QLabel(self.result_box)
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        facts.addRow(label, value)
        return value

    def initializePage(self) -> None:
        self.result = None
        self.result_box.hide()
        show_message(self.error, "")
        self.message.setStyleSheet("")
        self.message.setText(_("Starting…"))
        self.bar.setRange(0, 0)
        wizard = self.wizard()
        assert isinstance(wizard, ExportWizard)
        wizard.start_export()

    def isComplete(self) -> bool:
        return self.result is not None

    def on_progressed(self, done: int, total: int, message: str) -> None:
        self.message.setText(message)
        show_progress(self.bar, done, total)

    def show_result(self, result: ExportResult) -> None:
        self.result = result
        fill_progress(self.bar)
        self.message.setText(
            _("The export for {month} is ready.").format(month=month_label(result.month))
        )
        self.message.setStyleSheet(SAVED_STYLE)
        self.file_label.setText(str(result.path))
        self.size_label.setText(megabytes(result.file_bytes))
        self.sha_label.setText(short_sha(result.sha256))
        self.sha_label.setToolTip(result.sha256)
        self.counts_label.setText(counts_text(result.counts, MAIN_KINDS))
        self.counts_label.setToolTip(counts_text(result.counts))
        self.result_box.show()
        self.completeChanged.emit()

    def show_failure(self, text: str) -> None:
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.message.setText(_("The export was not made."))
        self.message.setStyleSheet(ERROR_STYLE)
        show_message(self.error, text)

    def show_cancelling(self) -> None:
        self.message.setText(_("Stopping…"))


class ExportWizard(QWizard):
    """``exported`` carries the ``ExportResult`` once the file is written and logged."""

    exported = Signal(object)

    def __init__(
        self,
        db: Database,
        actor: Actor,
        *,
        house_code: str,
        today: dt.date,
        suggested: str,
        exported: set[str],
        folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.worker: Worker | None = None
        self.setWindowTitle(_("Export of the month"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Next >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))
        months = recent_months(today)
        self.month_page = MonthPage(house_code, months, suggested, exported, folder, self)
        self.passphrase_page = PassphrasePage(self)
        self.run_page = RunPage(self)
        for page in (self.month_page, self.passphrase_page, self.run_page):
            self.addPage(page)
        self.setMinimumSize(680, 500)

    def running(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

    def start_export(self) -> None:
        month = self.month_page.chosen_month()
        out = self.month_page.target()
        passphrase = self.passphrase_page.take()

        def work(progress):
            return export_month(
                self.db, self.actor, month=month, out=out, passphrase=passphrase, progress=progress
            )

        worker = Worker(work)
        worker.progressed.connect(self.run_page.on_progressed)
        worker.succeeded.connect(self.on_export_succeeded)
        worker.failed.connect(self.on_export_failed)
        worker.cancelled.connect(self.on_export_cancelled)
        worker.finished.connect(self.on_worker_finished)
        self.worker = worker
        self.button(QWizard.WizardButton.CancelButton).setEnabled(True)
        worker.start()

    def on_export_succeeded(self, result: ExportResult) -> None:
        self.run_page.show_result(result)
        self.button(QWizard.WizardButton.CancelButton).hide()
        self.exported.emit(result)

    def on_export_failed(self, text: str, _error: object) -> None:
        self.run_page.show_failure(text)

    def on_export_cancelled(self) -> None:
        self.run_page.show_failure(_("The export was stopped; no file was written."))

    def on_worker_finished(self) -> None:
        self.button(QWizard.WizardButton.CancelButton).setEnabled(True)
        self.setButtonText(QWizard.WizardButton.CancelButton, _("&Close"))
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.deleteLater()

    def reject(self) -> None:
        """Cancel while the export runs stops it (the wizard stays to say so); else close."""
        if self.running():
            assert self.worker is not None
            self.worker.cancel()
            self.button(QWizard.WizardButton.CancelButton).setEnabled(False)
            self.run_page.show_cancelling()
            return
        self.passphrase_page.clear()
        super().reject()

    def done(self, result: int) -> None:
        if self.worker is not None:
            self.worker.stop()
        self.passphrase_page.clear()
        super().done(result)
