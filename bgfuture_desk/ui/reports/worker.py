"""Long services (the export, the consolidation) off the screen's thread, with a Cancel.

The services report ``progress(done, total, message)`` and stop when that callback raises;
``Worker`` turns the calls into a queued signal (from whichever thread they come: the
consolidation checks files in several) and raises ``Cancelled`` from them once Cancel was
pressed. The outcome arrives as one of ``succeeded``, ``failed`` or ``cancelled``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal
from PySide6.QtWidgets import QProgressBar

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
Work = Callable[[Progress], object]
BAR_MAXIMUM = 1000  # bytes and records can exceed a C int: the bar shows thousandths
REPORT_EVERY_S = 0.05  # a chunk every millisecond would flood the event queue


class Cancelled(Exception):
    """Raised inside the service by the progress callback after Cancel."""


class Worker(QThread):
    progressed = Signal(object, object, str)  # done, total (0: busy), message
    succeeded = Signal(object)  # what the work returned
    failed = Signal(str, object)  # the Bulgarian message, and the UserError (None: a bug)
    cancelled = Signal()

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._stop = threading.Event()
        self._last_report = 0.0
        app = QCoreApplication.instance()
        if app is not None:  # quitting mid-way: stop cleanly rather than abort the process
            app.aboutToQuit.connect(self.stop)

    def cancel(self) -> None:
        self._stop.set()

    def cancel_requested(self) -> bool:
        return self._stop.is_set()

    def stop(self) -> None:
        """Cancel and wait: the screen that owns the worker is going away."""
        self.cancel()
        self.wait()

    def report(self, done: int, total: int, message: str) -> None:
        """The services' progress callback; runs in the worker's threads."""
        if self._stop.is_set():
            raise Cancelled
        now = time.monotonic()
        if 0 < total and done < total and now - self._last_report < REPORT_EVERY_S:
            return
        self._last_report = now
        self.progressed.emit(done, total, message)

    def run(self) -> None:
        try:
            result = self._work(self.report)
        except Cancelled:
            self.cancelled.emit()
        except UserError as err:
            self.failed.emit(err.message, err)
        except Exception as err:
            log.exception("background work failed")
            self.failed.emit(
                _("The work stopped because of an error in the program: {reason}").format(
                    reason=err
                ),
                None,
            )
        else:
            self.succeeded.emit(result)


def show_progress(bar: QProgressBar, done: int, total: int) -> None:
    """A known length fills the bar; ``total == 0`` makes it a busy indicator."""
    if total <= 0:
        bar.setRange(0, 0)
        return
    bar.setRange(0, BAR_MAXIMUM)
    bar.setValue(min(BAR_MAXIMUM, max(0, done) * BAR_MAXIMUM // total))


def fill_progress(bar: QProgressBar) -> None:
    bar.setRange(0, BAR_MAXIMUM)
    bar.setValue(BAR_MAXIMUM)
