"""The toy library: lending and returns at the desk, the catalogue, overdue loans, numbers."""

from __future__ import annotations

from bgfuture_desk.ui.toys.page import ToysPage

__all__ = ["ToysPage"]
