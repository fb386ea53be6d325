"""The whole-number settings of the house (idle lock, loan days, …) with their limits."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QSpinBox, QWidget

from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services.house import settings
from bgfuture_desk.services.unit import Database
from bgfuture_desk.ui.settings.section import SettingsSection
from bgfuture_desk.ui.widgets.form import show_message

LABELS = {
    "idle_lock_minutes": N_("&Lock after inactivity (minutes):"),
    "loan_days": N_("Toy loan &period (days):"),
    "loan_limit": N_("Toys per family at &most:"),
    "completion_percent": N_("Attendance for a &completed programme (%):"),
    "referral_follow_up_days": N_("&Follow up a referral after (days):"),
    "retention_years": N_("Review a family for erasure after (years without a visit):"),
}


class NumbersForm(SettingsSection):
    settings_saved = Signal(dict)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(_("Settings"), _("Save the se&ttings"), db, parent)

    def add_fields(self) -> None:
        self.spins: dict[str, QSpinBox] = {}
        for key, label in LABELS.items():
            _default, low, high = settings.DEFAULTS[key]
            spin = QSpinBox(self)
            spin.setRange(low, high)
            spin.setMaximumWidth(120)
            self.spins[key] = self.form.add_field(key, _(label), spin)

    def load(self) -> None:
        values = settings.read_settings(self.db)
        self.form.set_errors({})
        show_message(self.status, "")
        for key, spin in self.spins.items():
            spin.setValue(values[key])

    def values(self) -> dict[str, int]:
        return {key: spin.value() for key, spin in self.spins.items()}

    def set_editable(self, editable: bool) -> None:
        self.form.set_read_only(not editable)
        for spin in self.spins.values():
            spin.setButtonSymbols(
                QSpinBox.ButtonSymbols.UpDownArrows
                if editable
                else QSpinBox.ButtonSymbols.NoButtons
            )
        self.save_button.setVisible(editable)

    def on_save_clicked(self) -> None:
        values = self.values()
        self.save(
            lambda: settings.update_settings(self.db, self.signed_in(), values),
            lambda _none: self.settings_saved.emit(values),
        )
