"""Names the groups screen's tests share (plain module, importable by the tests)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from bgfuture_desk.services.groups import service as groups

PROGRAMME = "Училище за родители"
CTRL = Qt.KeyboardModifier.ControlModifier


def programme_id(db, name: str = PROGRAMME):
    return next(p.id for p in groups.list_programmes(db) if p.name == name)


def session_on(db, group_id, day: dt.date):
    return next(s for s in groups.group_sessions(db, group_id) if s.starts_at.date() == day)
