"""Reports and the monthly export: the export wizard, its log, the coordinator's merge."""

from __future__ import annotations

from bgfuture_desk.ui.reports.page import ReportsPage

__all__ = ["ReportsPage"]
