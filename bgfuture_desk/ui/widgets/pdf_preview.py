"""Every printout is shown before it goes anywhere: the pages as they will print, then the
computer's print dialog or a PDF file in Documents.

The PDF comes from ``documents/`` as bytes; QtPdf shows it and renders its pages for the
printer, so a printout never needs an outside PDF viewer.
"""

from __future__ import annotations

import contextlib
import math
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QSize, QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.i18n import _
from bgfuture_desk.ui.widgets.form import show_status, status_label

ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.25, 5.0
# Pages are rendered for the printer as images: at its own resolution, but not finer than
# this (a 1200 dpi A4 page would be half a gigabyte); 600 dpi keeps barcodes' bars exact.
MAX_PRINT_DPI = 600


class PdfPreviewDialog(QDialog):
    """A printout's pages, with Print, Save as PDF and Close.

    ``file_name`` is the name suggested when saving (in the Documents folder).
    """

    def __init__(
        self, pdf: bytes, title: str, file_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self.title = title
        self.file_name = file_name
        self.printer: QPrinter | None = None  # kept: a second print starts from the same choices
        self.print_dialog: QPrintDialog | None = None  # the last ones opened (tests use them)
        self.file_dialog: QFileDialog | None = None
        self.setWindowTitle(title)
        self.setSizeGripEnabled(True)

        # Made in this order so that they go in this order when the dialog goes: the view
        # (and its renderer) before the document, the document before the bytes it reads
        # through the buffer, which it needs for as long as it lives.
        self.view = QPdfView(self)
        self.document = QPdfDocument(self)
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(pdf))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self.buffer)
        self.view.setAccessibleName(title)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self._build_buttons()
        self._lay_out()
        self.view.pageNavigator().currentPageChanged.connect(self._show_page_number)
        self._show_page_number(0)
        if self.document.status() != QPdfDocument.Status.Ready or self.page_count() == 0:
            self.print_button.setEnabled(False)
            self.save_button.setEnabled(False)
            self.show_error(_("The printout could not be shown."))
        self.finished.connect(self.deleteLater)  # closed: the pages and the bytes go with it
        self._fit_to_screen()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _build_buttons(self) -> None:
        """Each button with its key in the tooltip; Enter prints."""
        self.print_button = QPushButton(_("&Print…"), self)
        self.save_button = QPushButton(_("&Save as PDF…"), self)
        self.zoom_out_button = QPushButton(_("Zoom &out"), self)
        self.zoom_in_button = QPushButton(_("Zoom &in"), self)
        self.fit_button = QPushButton(_("Fit the &width"), self)
        self.close_button = QPushButton(_("&Close"), self)
        self.page_label = QLabel(self)
        self.status = status_label(self)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for button, tip in (
            (self.print_button, "Ctrl+P"),
            (self.save_button, "Ctrl+S"),
            (self.zoom_out_button, "Ctrl+-"),
            (self.zoom_in_button, "Ctrl++"),
            (self.fit_button, "Ctrl+0"),
            (self.close_button, "Esc"),
        ):
            button.setToolTip(QKeySequence(tip).toString(QKeySequence.SequenceFormat.NativeText))
            button.setAutoDefault(False)
        self.print_button.setDefault(True)
        self.close_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        self.print_button.clicked.connect(self.on_print_clicked)
        self.save_button.clicked.connect(self.on_save_clicked)
        self.zoom_out_button.clicked.connect(self._zoom_out)
        self.zoom_in_button.clicked.connect(self._zoom_in)
        self.fit_button.clicked.connect(self.fit_width)
        self.close_button.clicked.connect(self.reject)
        self._shortcut((QKeySequence.StandardKey.Print, "Ctrl+P"), self.on_print_clicked)
        self._shortcut((QKeySequence.StandardKey.Save, "Ctrl+S"), self.on_save_clicked)
        self._shortcut((QKeySequence.StandardKey.ZoomIn, "Ctrl++", "Ctrl+="), self._zoom_in)
        self._shortcut((QKeySequence.StandardKey.ZoomOut, "Ctrl+-"), self._zoom_out)
        self._shortcut(("Ctrl+0",), self.fit_width)

    def _lay_out(self) -> None:
        """The buttons over the pages, the page number and what was done under them."""
        tools = QHBoxLayout()
        tools.addWidget(self.print_button)
        tools.addWidget(self.save_button)
        tools.addStretch(1)
        tools.addWidget(self.zoom_out_button)
        tools.addWidget(self.zoom_in_button)
        tools.addWidget(self.fit_button)
        foot = QHBoxLayout()
        foot.addWidget(self.page_label)
        foot.addSpacing(16)
        foot.addWidget(self.status, 1)
        foot.addWidget(self.close_button)
        column = QVBoxLayout(self)
        column.addLayout(tools)
        column.addWidget(self.view, 1)
        column.addLayout(foot)

    def _shortcut(self, keys: tuple, slot) -> QAction:
        action = QAction(self)
        sequences: list[QKeySequence] = []
        for key in keys:
            for sequence in (
                QKeySequence.keyBindings(key)
                if isinstance(key, QKeySequence.StandardKey)
                else [QKeySequence(key)]
            ):
                if not sequence.isEmpty() and sequence not in sequences:
                    sequences.append(sequence)
        action.setShortcuts(sequences)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _fit_to_screen(self) -> None:
        """Tall enough to read most of an A4 page at the width of the window."""
        screen = (self.parentWidget() or self).screen()
        available = screen.availableGeometry().size() if screen is not None else QSize(1280, 960)
        height = max(480, int(available.height() * 0.85))
        width = max(640, min(available.width() - 40, int(height * 0.8)))
        self.resize(width, height)

    # -- what is shown ----------------------------------------------------------------------

    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        """The page at the top of the view, counted from 0."""
        return self.view.pageNavigator().currentPage()

    def _show_page_number(self, page: int) -> None:
        total = self.page_count()
        text = _("Page {number} of {total}").format(number=page + 1, total=total) if total else ""
        self.page_label.setText(text)

    def show_error(self, text: str) -> None:
        show_status(self.status, text, ok=False)

    def show_done(self, text: str) -> None:
        show_status(self.status, text, ok=True)

    # -- zoom ----------------------------------------------------------------------------------

    def zoom(self) -> float:
        """The scale the pages are shown at, also while they fit the width."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or self.page_count() == 0:
            return self.view.zoomFactor()
        margins = self.view.documentMargins()
        width = self.view.viewport().width() - margins.left() - margins.right()
        page = self.document.pagePointSize(0).width() * self.view.logicalDpiX() / 72
        return width / page if page > 0 else 1.0

    def zoom_by(self, factor: float) -> None:
        scale = min(ZOOM_MAX, max(ZOOM_MIN, self.zoom() * factor))
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(scale)

    def _zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def _zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    # -- print ---------------------------------------------------------------------------------

    def on_print_clicked(self) -> None:
        if not self.print_button.isEnabled():
            return
        if self.printer is None:
            self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            self.printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            self.printer.setDocName(self.title)
        dialog = QPrintDialog(self.printer, self)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        dialog.setMinMax(1, self.page_count())
        dialog.finished.connect(lambda result: self._on_print_dialog_finished(dialog, result))
        self.print_dialog = dialog
        QDialog.open(dialog)  # PySide6 hides the plain open() behind open(receiver, member)

    def _on_print_dialog_finished(self, dialog: QPrintDialog, result: int) -> None:
        dialog.deleteLater()
        if result == QDialog.DialogCode.Accepted and self.printer is not None:
            self.print_to(self.printer)

    def pages_to_print(self, printer: QPrinter) -> list[int]:
        """The pages (from 0) the print dialog asked for: all, a range or the current one."""
        if printer.printRange() == QPrinter.PrintRange.CurrentPage:
            return [self.current_page()]
        ranges = printer.pageRanges()
        if printer.printRange() == QPrinter.PrintRange.PageRange and not ranges.isEmpty():
            return [p for p in range(self.page_count()) if ranges.contains(p + 1)]
        return list(range(self.page_count()))

    def print_to(self, printer: QPrinter) -> bool:
        """Draw the pages on ``printer``, one page per sheet, at their real size (shrunk only
        when the paper is smaller than the page). Says how it went in the status line."""
        pages = self.pages_to_print(printer)
        if not pages:
            return False
        printer.setFullPage(True)  # the PDF's pages carry their own margins
        painter = QPainter()
        if not painter.begin(printer):
            self.show_error(
                _("The printer {name} could not start printing.").format(
                    name=printer.printerName() or printer.outputFileName()
                )
            )
            return False
        for number, page in enumerate(pages):
            if number and not printer.newPage():
                painter.end()
                self.show_error(_("Printing stopped: the printer did not take the next page."))
                return False
            self._draw_page(painter, printer, page)
        painter.end()
        if printer.outputFileName():
            self.show_done(_("Printed to the file {path}.").format(path=printer.outputFileName()))
        else:
            self.show_done(_("Sent to the printer {name}.").format(name=printer.printerName()))
        return True

    def _draw_page(self, painter: QPainter, printer: QPrinter, page: int) -> None:
        dpi = printer.resolution()
        points = self.document.pagePointSize(page)
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        width, height = points.width() * dpi / 72, points.height() * dpi / 72
        shrink = min(1.0, paper.width() / width, paper.height() / height)
        target = QSize(math.floor(width * shrink), math.floor(height * shrink))
        step = math.ceil(dpi / MAX_PRINT_DPI)  # 1200 dpi → 600: every pixel a 2×2 square
        image = self.document.render(page, QSize(target.width() // step, target.height() // step))
        painter.save()
        painter.scale(step, step)
        painter.drawImage(QPoint(0, 0), image)
        painter.restore()

    # -- save ----------------------------------------------------------------------------------

    def on_save_clicked(self) -> None:
        if not self.save_button.isEnabled():
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        dialog = QFileDialog(
            self, _("Save as PDF"), str(Path(folder) / self.file_name), _("PDF files (*.pdf)")
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.fileSelected.connect(lambda path: self.save_to(Path(path)))
        self.file_dialog = dialog
        dialog.open()

    def save_to(self, path: Path) -> bool:
        """Write the PDF under a temporary name beside ``path``, then rename it: a full disk
        or a pulled stick never leaves half a file under the real name."""
        try:
            _write_atomically(path, self.pdf)
        except OSError as err:
            self.show_error(
                _("The file could not be saved: {reason}").format(reason=err.strerror or err)
            )
            return False
        self.show_done(_("Saved in {path}.").format(path=path))
        return True


def _write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as any other file the person saves, not private
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def show_pdf_preview(parent: QWidget, pdf: bytes, title: str, file_name: str) -> PdfPreviewDialog:
    """Open the preview over ``parent`` and return it (the caller may keep it for tests)."""
    dialog = PdfPreviewDialog(pdf, title, file_name, parent)
    dialog.open()
    return dialog
