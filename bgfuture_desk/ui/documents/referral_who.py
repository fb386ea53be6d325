"""Whom a referral is for: a family found by the reception search, then the whole family or
one of its members.

A person found directly chooses their family and them in it; a family found chooses the
whole family, and the assistant may narrow it to one member in the list.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from bgfuture_desk.errors import NotFoundError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.queries import FamilyView
from bgfuture_desk.services.families.search import SearchHit, SearchIndex
from bgfuture_desk.services.unit import Database
from bgfuture_desk.ui.widgets.family_picker import FamilyPickerDialog

WHOLE_FAMILY = "family"


def member_text(name: str, role_label: str, age: int | None) -> str:
    """„Калина Щерева (дете, 4 г.)“"""
    if age is None:
        return f"{name} ({role_label})"
    return _("{name} ({role}, {age} y.)").format(name=name, role=role_label, age=age)


class ReferralWhoField(QWidget):
    """A list of the chosen family and its members, and a button to find another family."""

    changed = Signal()

    def __init__(
        self,
        db: Database,
        index: Callable[[], SearchIndex],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.index = index
        self.family_id: uuid.UUID | None = None
        self.picker: FamilyPickerDialog | None = None  # the last one opened (tests use it)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox(self)
        self.combo.setAccessibleName(_("Person or family"))
        self.combo.setMinimumContentsLength(30)
        self.find_button = QPushButton(_("F&ind…"), self)
        self.find_button.setToolTip(_("Find the family or the person by the reception search"))
        self.find_button.clicked.connect(self.open_picker)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        row.addWidget(self.combo, 1)
        row.addWidget(self.find_button)
        self.setFocusProxy(self.find_button)
        self.clear()

    def clear(self) -> None:
        self.family_id = None
        self.combo.clear()
        self.combo.addItem(_("— find a family or a person —"), None)
        self.combo.setEnabled(False)

    def open_picker(self) -> FamilyPickerDialog:
        picker = FamilyPickerDialog(
            self.index(),
            _("Whom is the referral for?"),
            _("&Find the person or the family by name, phone, EGN or family code, then Enter."),
            None,
            self,
        )
        picker.family_picked.connect(self.choose_hit)
        self.picker = picker
        picker.open()
        return picker

    def choose_hit(self, hit: SearchHit) -> None:
        if hit.kind == "person":
            self.choose(hit.family_id, hit.id, fallback=hit.name)
        else:
            self.choose(hit.id, None, fallback=hit.name)

    def choose(
        self,
        family_id: uuid.UUID | None,
        person_id: uuid.UUID | None,
        *,
        fallback: str = "",
    ) -> None:
        """Show ``family_id``'s members with ``person_id`` (or the whole family) chosen.

        A family gone from the registry (merged, deleted) leaves just ``fallback`` to show."""
        family: FamilyView | None = None
        if family_id is not None:
            try:
                family = families.get_family(self.db, family_id)
            except NotFoundError:
                family = None
        self.combo.clear()
        if family is None:
            self.family_id = family_id
            self.combo.addItem(fallback or _("(not in the registry)"), person_id or WHOLE_FAMILY)
            self.combo.setEnabled(False)
            self.changed.emit()
            return
        self.family_id = family.id
        self.combo.addItem(_("The whole family {title}").format(title=family.title), WHOLE_FAMILY)
        for member in family.members:
            self.combo.addItem(
                member_text(member.full_name, member.role_label, member.age_years), member.id
            )
        chosen = next(
            (n for n in range(self.combo.count()) if self.combo.itemData(n) == person_id), 0
        )
        self.combo.setCurrentIndex(chosen)
        self.combo.setEnabled(True)
        self.changed.emit()

    def person_id(self) -> uuid.UUID | None:
        data = self.combo.currentData()
        return data if isinstance(data, uuid.UUID) else None

    def value(self) -> tuple[uuid.UUID | None, uuid.UUID | None]:
        """(person_id, family_id) as the service takes them."""
        return self.person_id(), self.family_id

    def text(self) -> str:
        return self.combo.currentText() if self.combo.currentData() is not None else ""
