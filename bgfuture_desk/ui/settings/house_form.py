"""The house's details as the administrator keeps them (name, settlement, address, phone)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from bgfuture_desk.i18n import _
from bgfuture_desk.services.house import settings
from bgfuture_desk.services.unit import Database
from bgfuture_desk.ui.settings.section import SettingsSection
from bgfuture_desk.ui.widgets.form import show_message


class HouseForm(SettingsSection):
    house_saved = Signal(object)  # settings.HouseDetails

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(_("House details"), _("&Save the house details"), db, parent)

    def add_fields(self) -> None:
        self.code = QLabel(self)
        self.form.add_row(_("House code:"), self.code)
        self.name = self.form.add_field("name", _("&Name of the house:"), QLineEdit(self))
        self.settlement = self.form.add_field("settlement", _("S&ettlement:"), QLineEdit(self))
        self.address = self.form.add_field("address", _("A&ddress:"), QLineEdit(self))
        self.phone = self.form.add_field("phone", _("P&hone:"), QLineEdit(self))

    def load(self) -> None:
        details = settings.house_details(self.db)
        self.form.set_errors({})
        show_message(self.status, "")
        self.code.setText(
            _("{code}, prefix of the codes {prefix}").format(
                code=details.code, prefix=details.prefix
            )
        )
        self.name.setText(details.name)
        self.settlement.setText(details.settlement)
        self.address.setText(details.address)
        self.phone.setText(details.phone)

    def set_editable(self, editable: bool) -> None:
        self.form.set_read_only(not editable)
        self.save_button.setVisible(editable)
        show_message(self.status, "")

    def on_save_clicked(self) -> None:
        self.save(
            lambda: settings.update_house(
                self.db,
                self.signed_in(),
                name=self.name.text(),
                settlement=self.settlement.text(),
                address=self.address.text(),
                phone=self.phone.text(),
            ),
            self.house_saved.emit,
        )
