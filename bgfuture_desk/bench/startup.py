"""The start-up probe: a new process that starts the desk the way ``bgfuture-desk`` does,
until the main window is shown, the search box has the focus and a first search is
answered; then it prints ``ready <peak RSS in KiB>`` and ends. With ``--floor`` it shows
an empty PySide6 window instead, the floor the start-up is compared with.

The login dialog is the only step left out (a person types there): the probe signs the
benchmark house's administrator in directly. Run by ``bench.suite``, which times it from
the outside, as a person waiting at the desk would.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
from pathlib import Path


def _ready() -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"ready {peak}", flush=True)


def _floor() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.resize(1366, 768)
    window.show()

    def done() -> None:
        _ready()
        app.quit()

    QTimer.singleShot(0, done)
    return app.exec()


def _desk(db_path: Path, query: str, user: str, password: str) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from bgfuture_desk import app as desk
    from bgfuture_desk.services.users import service as users
    from bgfuture_desk.ui.reception.page import ReceptionPage

    qt = desk.create_application()
    db = desk.open_house(db_path)
    if db is None:
        return 2
    window = desk.build_main_window(db, users.authenticate(db, user, password))
    window.resize(1366, 768)
    window.show()
    page = window.current_page()
    assert isinstance(page, ReceptionPage)  # the desk opens on the reception

    def answered() -> None:
        focused = QApplication.focusWidget() is page.search
        if focused and page.results_model.rowCount() > 0:
            _ready()
            qt.quit()
            return
        if focused and page.search.text() != query:
            page.search.setText(query)
        QTimer.singleShot(5, answered)

    QTimer.singleShot(0, answered)
    status = qt.exec()
    window.close()
    db.dispose()
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bgfuture_desk.bench.startup")
    parser.add_argument("--db", type=Path)
    parser.add_argument("--floor", action="store_true")
    parser.add_argument("--query", default="Иван")
    parser.add_argument("--user", default="bench")
    parser.add_argument("--password-env", default="BGF_BENCH_PASSWORD")
    args = parser.parse_args(argv)
    if args.floor:
        return _floor()
    return _desk(args.db, args.query, args.user, os.environ.get(args.password_env, ""))


if __name__ == "__main__":
    sys.exit(main())
