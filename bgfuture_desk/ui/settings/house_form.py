"""The house's details as the administrator keeps them (name, settlement, address, phone)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from bgfuture_desk.errors import UserError, ValidationError
from bgfuture_desk.i18n import _
from bgfuture_desk.services import settings
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.widgets.form import FieldForm, error_label, show_message

SAVED_STYLE = "color: #1b5e20;"


def status_label(parent) -> QLabel:
    label = error_label(parent)
    label.setObjectName("status")
    return label


def show_status(label: QLabel, text: str, *, ok: bool) -> None:
    label.setStyleSheet(SAVED_STYLE if ok else "color: #b3261e;")
    show_message(label, text)


class HouseForm(QGroupBox):
    house_saved = Signal(object)  # settings.HouseDetails

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(_("House details"), parent)
        self.db = db
        self.actor: Actor | None = None
        layout = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.code = QLabel(self)
        self.form.add_row(_("House code:"), self.code)
        self.name = self.form.add_field("name", _("&Name of the house:"), QLineEdit(self))
        self.settlement = self.form.add_field("settlement", _("S&ettlement:"), QLineEdit(self))
        self.address = self.form.add_field("address", _("A&ddress:"), QLineEdit(self))
        self.phone = self.form.add_field("phone", _("P&hone:"), QLineEdit(self))
        layout.addWidget(self.form)
        row = QHBoxLayout()
        self.save_button = QPushButton(_("&Save the house details"), self)
        self.save_button.clicked.connect(self.on_save_clicked)
        row.addWidget(self.save_button)
        self.status = status_label(self)
        row.addWidget(self.status)
        row.addStretch(1)
        layout.addLayout(row)

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
        assert self.actor is not None
        try:
            details = settings.update_house(
                self.db,
                self.actor,
                name=self.name.text(),
                settlement=self.settlement.text(),
                address=self.address.text(),
                phone=self.phone.text(),
            )
        except ValidationError as err:
            rest = self.form.set_errors(err.errors)
            show_status(self.status, " ".join(rest.values()), ok=False)
            return
        except UserError as err:
            show_status(self.status, err.message, ok=False)
            return
        show_status(self.status, _("Saved."), ok=True)
        self.house_saved.emit(details)
