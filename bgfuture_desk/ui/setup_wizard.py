"""The first set-up of a house file: which house, its details, the first administrator.

Nothing is written until Finish; a mistake keeps the person on the page with the message
beside the field, and nothing typed is ever lost (going Back and Next keeps every field).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from bgfuture_desk.domain.houses import PRESETS
from bgfuture_desk.errors import UserError, ValidationError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.house import setup
from bgfuture_desk.services.unit import Database
from bgfuture_desk.ui.widgets.form import FieldForm, error_label, show_message
from bgfuture_desk.ui.widgets.user_form import UserForm

CUSTOM = "custom"


class HousePage(QWizardPage):
    """Page 1: one of the four Family Houses, or another house with its own code."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Which house is this computer for?"))
        self.setSubTitle(_("The data file will be created in: {path}").format(path=db_path))
        layout = QVBoxLayout(self)
        self.choices = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for number, preset in enumerate(PRESETS, start=1):
            text = f"&{number}  {_(preset.name)} ({_(preset.settlement)})"
            self._add_choice(layout, preset.code, text)
        self._add_choice(layout, CUSTOM, _("&5  Another house"))
        self.buttons[PRESETS[0].code].setChecked(True)
        self.custom = FieldForm(self)
        self.code = self.custom.add_field("code", _("House &code:"), QLineEdit(self))
        self.code.setPlaceholderText(_("small Latin letters, e.g. pavel-banya"))
        self.prefix = self.custom.add_field("prefix", _("&Prefix of the codes:"), QLineEdit(self))
        self.prefix.setPlaceholderText(_("2–4 capital Latin letters, e.g. PBN"))
        layout.addWidget(self.custom)
        layout.addStretch(1)
        self.choices.buttonToggled.connect(self.on_choice_toggled)
        self.on_choice_toggled()

    def _add_choice(self, layout: QVBoxLayout, code: str, text: str) -> None:
        button = QRadioButton(text, self)
        self.choices.addButton(button)
        self.buttons[code] = button
        layout.addWidget(button)

    def on_choice_toggled(self, *_args: object) -> None:
        self.custom.setEnabled(self.chosen() == CUSTOM)

    def chosen(self) -> str:
        return next(code for code, button in self.buttons.items() if button.isChecked())

    def preset(self) -> setup.HouseInput | None:
        return setup.preset_input(self.chosen())

    def house_code(self) -> tuple[str, str]:
        """(code, prefix) of the chosen house."""
        preset = self.preset()
        if preset is not None:
            return preset.code, preset.prefix
        return self.code.text().strip(), self.prefix.text().strip()

    def validatePage(self) -> bool:
        if self.preset() is not None:
            return True
        code, prefix = self.house_code()
        errors = setup.validate_house(setup.HouseInput(code, "-", "-", prefix=prefix))
        self.custom.set_errors(errors)
        return not errors

    def cleanupPage(self) -> None:
        """Going Back keeps what was typed (Qt's default would reset the page)."""


class DetailsPage(QWizardPage):
    """Page 2: the house's name and contacts, prefilled from the chosen preset."""

    def __init__(self, house_page: HousePage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.house_page = house_page
        self.setTitle(_("The house"))
        self.setSubTitle(_("These details appear on the printed forms and referral slips."))
        layout = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.name = self.form.add_field("name", _("&Name of the house:"), QLineEdit(self))
        self.settlement = self.form.add_field("settlement", _("&Settlement:"), QLineEdit(self))
        self.address = self.form.add_field("address", _("&Address:"), QLineEdit(self))
        self.phone = self.form.add_field("phone", _("&Phone:"), QLineEdit(self))
        layout.addWidget(self.form)
        layout.addStretch(1)
        self._prefilled = ("", "")

    def initializePage(self) -> None:
        """Fill in the preset's name, but never over something the person typed."""
        preset = self.house_page.preset()
        wanted = (preset.name, preset.settlement) if preset else ("", "")
        for edit, old, new in zip(
            (self.name, self.settlement), self._prefilled, wanted, strict=True
        ):
            if edit.text() in ("", old):
                edit.setText(new)
        self._prefilled = wanted

    def cleanupPage(self) -> None:
        """Going Back keeps what was typed (Qt's default would reset the page)."""

    def house_input(self) -> setup.HouseInput:
        code, prefix = self.house_page.house_code()
        return setup.HouseInput(
            code=code,
            name=self.name.text(),
            settlement=self.settlement.text(),
            address=self.address.text(),
            phone=self.phone.text(),
            prefix=prefix,
        )

    def validatePage(self) -> bool:
        errors = setup.validate_house(self.house_input())
        self.form.set_errors(errors)
        return not any(key in self.form.errors for key in errors)


class AdminPage(QWizardPage):
    """Page 3: the first administrator; Finish creates the file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("The first administrator"))
        self.setSubTitle(_("The administrator manages the settings and the users of the program."))
        layout = QVBoxLayout(self)
        self.form = UserForm(self, with_role=False)
        layout.addWidget(self.form)
        self.error = error_label(self)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def cleanupPage(self) -> None:
        """Going Back keeps what was typed (Qt's default would reset the page)."""

    def admin_input(self) -> setup.AdminInput:
        f = self.form
        return setup.AdminInput(
            f.username.text(), f.full_name.text(), f.password_text() or "", f.repeat_text()
        )

    def validatePage(self) -> bool:
        show_message(self.error, "")
        if not self.form.validate():
            return False
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        return wizard.create_file()


class SetupWizard(QWizard):
    """Creates a new house file through ``services.setup.initialise``; ``database`` after."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.database: Database | None = None
        self.setWindowTitle(_("First set-up of the house"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Next >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))
        self.house_page = HousePage(db_path, self)
        self.details_page = DetailsPage(self.house_page, self)
        self.admin_page = AdminPage(self)
        for page in (self.house_page, self.details_page, self.admin_page):
            self.addPage(page)
        self.setMinimumSize(640, 480)

    def create_file(self) -> bool:
        """Run the set-up; on any refusal show why and keep every field as it is."""
        try:
            self.database = setup.initialise(
                self.db_path, self.details_page.house_input(), self.admin_page.admin_input()
            )
        except ValidationError as err:
            admin = {
                k.removeprefix("admin_"): v for k, v in err.errors.items() if k.startswith("admin_")
            }
            rest = self.admin_page.form.set_errors(admin)
            rest |= {k: v for k, v in err.errors.items() if not k.startswith("admin_")}
            show_message(self.admin_page.error, " ".join(rest.values()))
            return False
        except UserError as err:
            show_message(self.admin_page.error, err.message)
            return False
        return True
