"""Reception: finding families, registering them, checking visitors in and out."""

from __future__ import annotations

from bgfuture_desk.ui.reception.page import ReceptionPage

__all__ = ["ReceptionPage"]
