"""Printable documents: consents and their forms, referrals and the institutions."""

from __future__ import annotations

from bgfuture_desk.ui.documents.page import DocumentsPage

__all__ = ["DocumentsPage"]
