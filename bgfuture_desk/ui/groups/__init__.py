"""Parenting groups: programmes, groups, sessions, enrolment, attendance and the numbers."""

from __future__ import annotations

from bgfuture_desk.ui.groups.page import GroupsPage

__all__ = ["GroupsPage"]
