"""Pieces the toy library's tabs share: message styles and an age in years and months."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QSpinBox,
    QWidget,
)

from bgfuture_desk.domain.toys import MAX_AGE_MONTHS
from bgfuture_desk.i18n import _
from bgfuture_desk.ui.widgets.form import ERROR_STYLE, SAVED_STYLE

WARNING_STYLE = "color: #7a4f00; background: #fff3d6; padding: 4px;"
NOTICE_STYLE = (
    "QLabel { color: #4a2c00; background: #ffe082; border: 1px solid #c79100;"
    " padding: 6px; font-weight: bold; }"
)
STYLES = {"ok": SAVED_STYLE, "error": ERROR_STYLE, "warning": WARNING_STYLE}
MAX_MONTHS = MAX_AGE_MONTHS


class AgeEdit(QWidget):
    """An age as years and months („3 г. 6 мес.“); ``optional`` adds „—“ for no age at all."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, optional: bool = False) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.optional = optional
        self.years = QSpinBox(self)
        self.years.setRange(-1 if optional else 0, MAX_MONTHS // 12)
        self.years.setSuffix(_(" y."))
        if optional:
            self.years.setSpecialValueText(_("any age"))
        self.months = QSpinBox(self)
        self.months.setRange(0, 11)
        self.months.setSuffix(_(" mo."))
        self.years.setAccessibleName(_("Years"))
        self.months.setAccessibleName(_("Months"))
        row.addWidget(self.years)
        row.addWidget(self.months)
        self.years.valueChanged.connect(self._on_changed)
        self.months.valueChanged.connect(self._on_changed)
        self.setFocusProxy(self.years)
        self.set_value(None)
        self._on_changed()

    def _on_changed(self) -> None:
        self.months.setEnabled(self.years.value() >= 0)
        self.changed.emit()

    def value(self) -> int | None:
        """Months of age, or None when no age is set."""
        if self.years.value() < 0:
            return None
        return min(self.years.value() * 12 + self.months.value(), MAX_MONTHS)

    def set_value(self, months: int | None) -> None:
        if months is None:
            self.years.setValue(-1 if self.optional else 0)
            self.months.setValue(0)
            return
        self.years.setValue(months // 12)
        self.months.setValue(months % 12)
