"""„Преглед за изтриване“: the families not seen for the house's retention period, each to be
erased (``services.families.erasure``) or kept with a reason (``services.families.retention``).
Administrators decide; the others see the list only."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.domain.vocab import UserRole
from bgfuture_desk.i18n import _, ngettext
from bgfuture_desk.services.families import erasure, retention
from bgfuture_desk.services.families.retention import RetentionRow
from bgfuture_desk.services.house import settings
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.models.retention_table_model import COL_MEMBERS, RetentionTableModel
from bgfuture_desk.ui.widgets.controls import table_view
from bgfuture_desk.ui.widgets.desk_page import Runner
from bgfuture_desk.ui.widgets.fields import confirm


class RetentionTab(QWidget):
    def __init__(
        self, db: Database, notify: Callable[..., None], run: Runner,
        parent: QWidget | None = None,
    ) -> None:
        """``notify`` and ``run`` are the page's message line and guarded service call."""
        super().__init__(parent)
        self.db, self.notify, self.run = db, notify, run
        self.actor: Actor | None = None
        self.dialog: QMessageBox | None = None  # the last confirmation (tests drive it)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)
        self.model = RetentionTableModel(self)
        self.view = table_view(self, self.model, _("Families due for review"), stretch=COL_MEMBERS)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.erase_button = QPushButton(_("E&rase the family's data…"), self)
        self.erase_button.clicked.connect(self.on_erase_clicked)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(_("Why the data are kept, e.g. an open case"))
        self.reason.setAccessibleName(_("Reason to keep"))
        self.keep_button = QPushButton(_("&Keep"), self)
        self.keep_button.clicked.connect(self.on_keep_clicked)
        row.addWidget(self.erase_button)
        row.addSpacing(24)
        row.addWidget(self.reason, 1)
        row.addWidget(self.keep_button)
        layout.addLayout(row)
        self._update_buttons()

    def set_actor(self, actor: Actor | None) -> None:
        self.actor = actor
        self._update_buttons()

    def _update_buttons(self) -> None:
        admin = self.actor is not None and self.actor.role == UserRole.ADMIN
        for widget in (self.erase_button, self.reason, self.keep_button):
            widget.setVisible(admin)

    def refresh(self) -> None:
        rows = retention.families_due(self.db)
        self.model.set_rows(rows)
        years = settings.read_settings(self.db)["retention_years"]
        self.caption.setText(ngettext(
            "Families without a visit for more than {n} year: erase their data or keep them "
            "with a reason.",
            "Families without a visit for more than {n} years: erase their data or keep them "
            "with a reason.", years).format(n=years))
        if rows:
            self.view.setCurrentIndex(self.model.index(0, 0))

    def focus_first(self) -> None:
        self.view.setFocus()

    def chosen(self) -> RetentionRow | None:
        return self.model.row_at(self.view.currentIndex())

    def on_erase_clicked(self) -> None:
        row, actor = self.chosen(), self.actor
        if row is None or actor is None:
            return
        text = _(
            "Erase the personal data of the whole family {code} ({names})? The names, ЕГН, "
            "phones, address and notes are removed for good and the family is archived; "
            "visits stay as anonymous counts. This cannot be undone."
        ).format(code=row.code, names=", ".join(row.names))

        def erase() -> None:
            if self.run(lambda: erasure.erase_family(self.db, actor, row.family_id)) is not None:
                self.notify(_("The data of the family {code} were erased.").format(code=row.code))
                self.refresh()

        self.dialog = confirm(self, _("Erase the personal data"), text, _("&Erase for good"),
                              erase)

    def on_keep_clicked(self) -> None:
        row, actor = self.chosen(), self.actor
        if row is None or actor is None:
            return
        reason = self.reason.text()
        if self.run(lambda: retention.keep_family(self.db, actor, row.family_id, reason)) is None:
            return
        self.reason.clear()
        self.notify(_("The family {code} is kept: {reason}").format(
            code=row.code, reason=reason.strip()))
        self.refresh()
