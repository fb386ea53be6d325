"""The whole-number settings of the house (idle lock, loan days, …) with their limits."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QSpinBox, QVBoxLayout

from bgfuture_desk.errors import UserError, ValidationError
from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services import settings
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.settings.house_form import show_status, status_label
from bgfuture_desk.ui.widgets.form import FieldForm, show_message

LABELS = {
    "idle_lock_minutes": N_("&Lock after inactivity (minutes):"),
    "loan_days": N_("Toy loan &period (days):"),
    "loan_limit": N_("Toys per family at &most:"),
    "completion_percent": N_("Attendance for a &completed programme (%):"),
    "referral_follow_up_days": N_("&Follow up a referral after (days):"),
}


class NumbersForm(QGroupBox):
    settings_saved = Signal(dict)

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(_("Settings"), parent)
        self.db = db
        self.actor: Actor | None = None
        layout = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.spins: dict[str, QSpinBox] = {}
        for key, label in LABELS.items():
            _default, low, high = settings.DEFAULTS[key]
            spin = QSpinBox(self)
            spin.setRange(low, high)
            spin.setMaximumWidth(120)
            self.spins[key] = self.form.add_field(key, _(label), spin)
        layout.addWidget(self.form)
        row = QHBoxLayout()
        self.save_button = QPushButton(_("Save the se&ttings"), self)
        self.save_button.clicked.connect(self.on_save_clicked)
        row.addWidget(self.save_button)
        self.status = status_label(self)
        row.addWidget(self.status)
        row.addStretch(1)
        layout.addLayout(row)

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
        assert self.actor is not None
        values = self.values()
        try:
            settings.update_settings(self.db, self.actor, values)
        except ValidationError as err:
            rest = self.form.set_errors(err.errors)
            show_status(self.status, " ".join(rest.values()), ok=False)
            return
        except UserError as err:
            show_status(self.status, err.message, ok=False)
            return
        show_status(self.status, _("Saved."), ok=True)
        self.settings_saved.emit(values)
