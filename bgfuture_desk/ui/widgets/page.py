"""The pages of the main window and the stand-in for the jobs that are still being built."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

from bgfuture_desk.i18n import _
from bgfuture_desk.services.unit import Actor


def page_heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("heading")
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    label.setFont(font)
    return label


class Page(QWidget):
    """A page knows its title; the window tells it who works and what the file holds."""

    TITLE = ""  # marked with N_(), translated when shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor: Actor | None = None

    @classmethod
    def title(cls) -> str:
        return _(cls.TITLE)

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor

    def signed_in(self) -> Actor:
        """Who works now: the window shows its pages and sections only after a sign-in."""
        if self.actor is None:
            raise RuntimeError("no one is signed in")
        return self.actor

    COUNTED: tuple[str, ...] = ()  # the tables whose live records the page shows

    def set_counts(self, counts: dict[str, int]) -> None:
        """The live records per table (``services.health``); pages show what concerns them."""
