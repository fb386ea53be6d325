"""The composition root starts nothing when imported; the CLI and the tests call it."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_app_creates_no_qt_application():
    code = (
        "import bgfuture_desk.app\n"
        "from PySide6.QtWidgets import QApplication\n"
        "assert QApplication.instance() is None\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_qt_own_texts_are_bulgarian(bulgarian_qt):
    from PySide6.QtCore import QCoreApplication, QLocale

    assert bulgarian_qt is not None
    assert QLocale().name() == "bg_BG"
    # a text of Qt's own standard buttons, as its Bulgarian catalogue has it
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отказ"
