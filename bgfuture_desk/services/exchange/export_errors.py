"""Why an export file is refused: one Bulgarian sentence each, naming the file.

All are ``UserError``s (exit status 2 on the command line); the wizard can tell them apart
by class, e.g. to put the cursor back in the passphrase field on ``WrongPassphraseError``.
"""

from __future__ import annotations

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _


class ExportFileError(UserError):
    """A refused export file; nothing was imported from it."""


class WrongPassphraseError(ExportFileError):
    def __init__(self, name: str) -> None:
        super().__init__(
            _("The passphrase does not open the file {name}. Check it and try again.").format(
                name=name
            ),
            "passphrase",
        )


class DamagedExportError(ExportFileError):
    def __init__(self, name: str) -> None:
        super().__init__(
            _(
                "The file {name} has been changed or is incomplete (for example copied only "
                "in part); ask the house to send it again."
            ).format(name=name)
        )


class NotAnExportError(ExportFileError):
    def __init__(self, name: str) -> None:
        super().__init__(
            _("The file {name} is not a monthly export of this program.").format(name=name)
        )


class NewerExportError(ExportFileError):
    def __init__(self, name: str, version: str) -> None:
        super().__init__(
            _(
                "The file {name} was made by a newer version of the program ({version}); "
                "update the program first."
            ).format(name=name, version=version)
        )


class HouseMismatchError(ExportFileError):
    def __init__(self, name: str, house: str) -> None:
        super().__init__(
            _(
                "The records in the file {name} do not belong to the house named in it "
                "({house}); the file was not imported."
            ).format(name=name, house=house)
        )


class InconsistentExportError(ExportFileError):
    def __init__(self, name: str) -> None:
        super().__init__(
            _(
                "Some records in the file {name} point to records that are not in it; "
                "the file was not imported."
            ).format(name=name)
        )
