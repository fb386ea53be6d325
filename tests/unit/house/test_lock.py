"""One writer per house file: a second app or a writing command is refused in Bulgarian while
the file is held, a killed app leaves no lock behind, and reading commands work beside it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from bgfuture_desk.cli import main
from bgfuture_desk.services.house.lock import HouseInUse, HouseLock, lock_path

HOLD = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from bgfuture_desk.services.house.lock import HouseLock\n"
    "lock = HouseLock(Path(sys.argv[1])).acquire()\n"
    "print('held', flush=True)\n"
    "time.sleep(120)\n"
)


@pytest.fixture
def other_app(db_path):
    """Another process holding the house file, as a second window of the app would."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db_path)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "held"
    yield holder
    if holder.poll() is None:
        holder.kill()
        holder.wait()


def test_a_second_holder_is_refused_in_bulgarian_until_the_first_lets_go(db_path):
    first = HouseLock(db_path).acquire()
    with pytest.raises(HouseInUse, match="е отворен в друг прозорец на програмата"):
        HouseLock(db_path).acquire()
    first.release()
    second = HouseLock(db_path).acquire()
    assert second.held
    second.release()


def test_a_killed_app_leaves_no_lock_behind(db_path, other_app):
    with pytest.raises(HouseInUse):
        HouseLock(db_path).acquire()
    os.kill(other_app.pid, signal.SIGKILL)
    other_app.wait()
    assert lock_path(db_path).exists()  # the file stays; the system's lock went with the process
    deadline = time.monotonic() + 10
    while True:
        try:
            lock = HouseLock(db_path).acquire()
            break
        except HouseInUse:
            assert time.monotonic() < deadline
            time.sleep(0.05)
    lock.release()


def test_writing_commands_are_refused_while_the_app_holds_the_file(
    house_db, db_path, other_app, capsys
):
    house_db.dispose()
    status = main(["demo", "--db", str(db_path), "--families", "2"])
    err = capsys.readouterr().err
    assert status == 2
    assert "е отворен в друг прозорец на програмата" in err
    assert "Traceback" not in err
    # reading beside it works
    assert main(["check", "--db", str(db_path)]) == 0
    assert main(["list", "families", "--db", str(db_path)]) == 0


def test_a_writing_command_takes_the_file_for_as_long_as_it_runs(house_db, db_path):
    house_db.dispose()
    assert main(["demo", "--db", str(db_path), "--families", "2", "--seed", "1"]) == 0
    lock = HouseLock(db_path).acquire()  # let go when it ended
    lock.release()
