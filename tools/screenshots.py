"""Pictures of every page and tab of the desk as the assistant sees them, at a screen size.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py \
        --db demo/house.sqlite --password-file demo/password.txt --size 1366x768 --out shots/

The window is maximised on a screen of that size less a task bar (40 px), as on a house PC.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

TASK_BAR = 40


def offscreen_screen(width: int, height: int) -> None:
    """Qt's offscreen platform with one screen of the given size (before Qt starts)."""
    config = Path(tempfile.mkdtemp()) / "screen.json"
    screen = {"name": "shot", "x": 0, "y": 0, "width": width, "height": height,
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password-file", type=Path, required=True)
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--out", type=Path, default=Path("shots"))
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.split("x"))
    offscreen_screen(width, height)

    from PySide6.QtWidgets import QTabWidget

    from bgfuture_desk.app import build_main_window, create_application
    from bgfuture_desk.services.house.database import open_database
    from bgfuture_desk.services.users import service as users

    app = create_application()
    db = open_database(args.db).db
    password = args.password_file.read_text(encoding="utf-8").splitlines()[0]
    window = build_main_window(db, users.authenticate(db, args.user, password))
    window.resize(width, height - TASK_BAR)
    window.show()
    app.processEvents()
    args.out.mkdir(parents=True, exist_ok=True)
    for number, page in enumerate(window.pages, start=1):
        window.show_page(number - 1)
        app.processEvents()
        tabs = page.findChild(QTabWidget)
        for index in range(tabs.count() if tabs is not None else 1):
            if tabs is not None:
                tabs.setCurrentIndex(index)
                app.processEvents()
            name = f"{args.size}-{number}-{index + 1}.png"
            window.grab().save(str(args.out / name))
            print(args.out / name)
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
