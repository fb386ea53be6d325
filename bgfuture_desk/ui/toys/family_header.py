"""Who borrows: the family search at the top of the lending side, and the chosen family's
name, children (with ages), the toys it has and anything the desk must know first."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from bgfuture_desk.domain import toys as toy_rules
from bgfuture_desk.domain.people import age_months
from bgfuture_desk.i18n import _, ngettext
from bgfuture_desk.services.families.service import FamilyView
from bgfuture_desk.services.toys.service import LoanView
from bgfuture_desk.ui.widgets.family_finder import FamilyFinder
from bgfuture_desk.ui.widgets.form import ERROR_STYLE


def children_text(family: FamilyView, today: dt.date) -> str:
    """„Деца: Калина (4 г.), Иван (8 мес.)“."""
    kids = [m for m in family.members if m.is_child]
    if not kids:
        return _("No children registered.")
    parts = []
    for kid in kids:
        if kid.birth_date is None:
            parts.append(kid.first_name)
        else:
            age = toy_rules.child_age_label(age_months(kid.birth_date, today) or 0)
            parts.append(f"{kid.first_name} ({age})")
    return _("Children: {names}").format(names=", ".join(parts))


def holding_text(open_loans: list[LoanView]) -> str:
    """„има 2 играчки (1 просрочена)“."""
    count = len(open_loans)
    if not count:
        return _("has no toys now")
    text = ngettext("has {n} toy", "has {n} toys", count).format(n=count)
    overdue = sum(1 for loan in open_loans if loan.overdue)
    if overdue:
        text += " " + ngettext("({n} overdue)", "({n} overdue)", overdue).format(n=overdue)
    return text


class FamilyHeader(QWidget):
    def __init__(self, finder: FamilyFinder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finder = finder
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        label = QLabel(_("&Family:"), self)
        label.setBuddy(finder.search)
        row.addWidget(label, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(finder, 1)
        column.addLayout(row)
        self.title = QLabel(self)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        column.addWidget(self.title)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        column.addWidget(self.details)
        self.alert = QLabel(self)
        self.alert.setStyleSheet(ERROR_STYLE + " font-weight: bold;")
        self.alert.setWordWrap(True)
        column.addWidget(self.alert)
        self.show_nobody()

    def show_nobody(self) -> None:
        self.title.setText(_("No family chosen"))
        self.details.setText(
            _("Find the family first: type a name or scan the family card, then Enter.")
        )
        self.alert.hide()

    def show_family(self, family: FamilyView, open_loans: list[LoanView], today: dt.date) -> None:
        self.title.setText(family.title)
        self.details.setText(f"{children_text(family, today)} · {holding_text(open_loans)}")
        alerts = []
        if family.borrowing_blocked:
            alerts.append(_("An administrator has stopped lending to this family."))
        if family.archived:
            alerts.append(_("The family is archived."))
        if any(loan.overdue for loan in open_loans):
            alerts.append(_("The family has overdue toys."))
        self.alert.setText(" ".join(alerts))
        self.alert.setVisible(bool(alerts))
