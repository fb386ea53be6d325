"""Driving the preview of a printout as a person does: look at it, then save it as a PDF."""

from __future__ import annotations

from pathlib import Path

from bgfuture_desk.ui.widgets.pdf_preview import PdfPreviewDialog
from tests.ui.helpers import click


def check_preview(preview, title: str) -> PdfPreviewDialog:
    """The preview is open with ``title`` and shows at least one page."""
    assert isinstance(preview, PdfPreviewDialog)
    assert preview.isVisible()
    assert preview.windowTitle() == title, preview.windowTitle()
    assert preview.document.pageCount() >= 1
    pages = preview.document.pageCount()
    assert preview.page_label.text() == f"Страница 1 от {pages}", preview.page_label.text()
    return preview


def save_preview(qtbot, preview: PdfPreviewDialog, target: Path, suggested: str) -> None:
    """„Запази като PDF…“, the suggested name in Documents, then ``target`` chosen instead."""
    click(qtbot, preview.save_button)
    files = preview.file_dialog
    assert files.isVisible()
    assert Path(files.selectedFiles()[0]).name == suggested, files.selectedFiles()
    files.selectFile(str(target))
    files.accept()
    assert target.read_bytes().startswith(b"%PDF")
    assert preview.status.text() == f"Записано в {target}.", preview.status.text()
