"""The export log as the reports page reads it: newest first, who, where, how many records."""

from __future__ import annotations

import datetime as dt

import pytest

from bgfuture_desk.services.exchange.export import export_log, export_month, local_time
from tests.exchange_data import PASSPHRASE

pytest_plugins = ["tests.exchange_fixtures"]
pytestmark = pytest.mark.usefixtures("cheap_kdf")


def test_every_export_is_listed_newest_first_with_who_made_it(house_db, admin, tmp_path):
    assert export_log(house_db) == []
    first = export_month(house_db, admin, month="2025-01", out=tmp_path, passphrase=PASSPHRASE)
    second = export_month(house_db, admin, month="2025-02", out=tmp_path, passphrase=PASSPHRASE)

    rows = export_log(house_db)

    assert [r.month for r in rows] == ["2025-02", "2025-01"]
    assert rows[0].user_name == "Мария Петрова"
    assert rows[0].path == str(second.path.resolve())
    assert rows[1].sha256 == first.sha256
    assert rows[0].records == sum(kind["live"] for kind in second.counts.values())
    assert abs(rows[0].exported_at - dt.datetime.now()) < dt.timedelta(minutes=1)


def test_local_time_turns_stored_utc_into_the_clock_of_this_computer():
    moment = dt.datetime(2025, 7, 1, 12, 0)
    expected = moment.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
    assert local_time(moment) == expected
