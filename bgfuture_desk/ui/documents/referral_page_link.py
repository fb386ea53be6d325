"""How the referral tabs find the page they sit in: its message line (with the undo that
Ctrl+Z presses) and its search index, so a tab neither repeats them nor fights over keys.

On their own (in tests, or another screen) the tabs keep their own message line and index.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from bgfuture_desk.services.families.search import SearchIndex
from bgfuture_desk.ui.widgets.notice import Notice


def host_page(widget: QWidget) -> QWidget | None:
    """The nearest ancestor with a message line of its own (``notice``) — the page."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(getattr(parent, "notice", None), Notice):
            return parent
        parent = parent.parentWidget()
    return None


def page_index(page: QWidget | None) -> Callable[[], SearchIndex] | None:
    builder = getattr(page, "search_index", None) if page is not None else None
    return builder if callable(builder) else None
