"""„Формуляри“: the versions of the consent forms and the text of each.

A signed version is never edited: an administrator writes a new version from a copy of the
current text, valid from today; the old ones stay as they were signed.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.domain.vocab import UserRole
from bgfuture_desk.errors import ValidationError
from bgfuture_desk.i18n import N_, _, format_date
from bgfuture_desk.services.consents import service as consents
from bgfuture_desk.services.consents.service import FormView
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.models.consent_form_table_model import (
    FORM_TITLE,
    ConsentFormTableModel,
    kind_label,
)
from bgfuture_desk.ui.widgets.controls import table_view
from bgfuture_desk.ui.widgets.desk_page import Runner
from bgfuture_desk.ui.widgets.form import dialog_buttons, error_label
from bgfuture_desk.ui.widgets.form_dialog import FormDialog

# the parts of a form's body in the order they are printed, with their headings
SECTIONS = (
    ("intro", N_("Introduction")),
    ("controller", N_("Controller of the data")),
    ("contact", N_("Contact")),
    ("data", N_("Data processed")),
    ("purposes", N_("Purposes (one a line: key=text)")),
    ("recipients", N_("Recipients")),
    ("retention", N_("Retention")),
    ("rights", N_("Rights (one a line)")),
    ("complaint", N_("Complaint")),
    ("closing", N_("Closing")),
)
HEADINGS = {
    "intro": N_("Introduction"),
    "controller": N_("Controller of the data"),
    "contact": N_("Contact"),
    "data": N_("Data processed"),
    "purposes": N_("Purposes"),
    "recipients": N_("Recipients"),
    "retention": N_("Retention"),
    "rights": N_("Rights"),
    "complaint": N_("Complaint"),
    "closing": N_("Closing"),
}


def form_html(form: FormView) -> str:
    """The text of a form version as it reads, for the read-only view."""
    parts = [
        f"<h3>{html.escape(form.title)}</h3>",
        "<p><i>{}</i></p>".format(
            html.escape(
                _("Consent for {kind}, version {version}, valid from {date}").format(
                    kind=kind_label(form.kind),
                    version=form.version,
                    date=format_date(form.valid_from),
                )
            )
        ),
    ]
    for key, value in _ordered(form.body):
        parts.append(f"<h4>{html.escape(_(HEADINGS.get(key, key)))}</h4>")
        if isinstance(value, dict):
            items = "".join(
                f"<li>☐ {html.escape(str(text))} <small>({html.escape(k)})</small></li>"
                for k, text in value.items()
            )
            parts.append(f"<ul>{items}</ul>")
        elif isinstance(value, list):
            items = "".join(f"<li>{html.escape(str(text))}</li>" for text in value)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<p>{html.escape(str(value))}</p>")
    return "".join(parts)


def _ordered(body: dict) -> list[tuple[str, object]]:
    known = [k for k, _label in SECTIONS if k in body]
    return [(k, body[k]) for k in known + [k for k in body if k not in known]]


def lines_of(value: object) -> str:
    """A body part as the editor shows it: purposes as key=text, rights one a line."""
    if isinstance(value, dict):
        return "\n".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value or "")


def parse_purposes(text: str) -> dict[str, str]:
    """„key=text“ lines → {key: text}; a line without „=“ is refused."""
    purposes: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        key, sep, label = line.partition("=")
        if not sep or not key.strip() or not label.strip():
            raise ValidationError(
                {
                    "purposes": _(
                        "Line {n}: write a purpose as key=text, e.g. groups=Groups and programmes."
                    ).format(n=number)
                }
            )
        purposes[key.strip()] = label.strip()
    return purposes


class FormVersionDialog(FormDialog):
    """A new version of a form, written over a copy of the current one."""

    def __init__(
        self, db: Database, actor: Actor, current: FormView, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _("New version of the form „{kind}“").format(kind=kind_label(current.kind)),
            parent,
            760,
        )
        self.db, self.actor, self.current = db, actor, current
        self.title = QLineEdit(current.title, self)
        self.form.add_field("title", _("&Title:"), self.title)
        self.editors: dict[str, QPlainTextEdit] = {}
        for key, _value in _ordered(current.body):
            label = next((text for k, text in SECTIONS if k == key), key)
            editor = QPlainTextEdit(lines_of(current.body[key]), self)
            editor.setTabChangesFocus(True)
            lines = 6 if key in ("purposes", "rights") else 4
            margins = 2 * (editor.document().documentMargin() + editor.frameWidth())
            editor.setFixedHeight(int(editor.fontMetrics().lineSpacing() * lines + margins))
            self.form.add_field(key, _(label) + ":", editor)
            editor.textChanged.connect(lambda k=key: self.form.clear_error(k))
            self.editors[key] = editor
        about = QLabel(
            _(
                "Version {version} will be valid from today. The versions already signed "
                "stay as they are."
            ).format(version=_next_version(db, current)),
            self,
        )
        about.setWordWrap(True)
        self.layout_.addWidget(about)
        self.finish_layout(_("&Save the new version"))
        self.resize(self.width_, 640)

    def finish_layout(self, save_text: str | None = None, below: QWidget | None = None) -> None:
        """The body is long: the fields scroll, the message and the buttons stay in view."""
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        holder = QWidget(scroll)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(self.form)
        scroll.setWidget(holder)
        self.layout_.insertWidget(0, scroll, 1)
        self.error = error_label(self)
        self.layout_.addWidget(self.error)
        buttons, self.save_button = dialog_buttons(
            self, save_text or _("&Save"), _("Cancel"), self.on_save_clicked, self.reject
        )
        self.layout_.addWidget(buttons)
        self.setMinimumWidth(self.width_)

    def body(self) -> dict:
        body: dict = {}
        for key, editor in self.editors.items():
            text = editor.toPlainText()
            old = self.current.body.get(key)
            if isinstance(old, dict):
                body[key] = parse_purposes(text)
            elif isinstance(old, list):
                body[key] = [line.strip() for line in text.splitlines() if line.strip()]
            else:
                body[key] = text.strip()
        return body

    def on_save_clicked(self) -> None:
        self.attempt(
            lambda: consents.new_form_version(
                self.db, self.actor, self.current.kind, self.title.text(), self.body()
            )
        )


def _next_version(db: Database, current: FormView) -> int:
    forms = consents.list_forms(db, current.kind)
    return max((f.version for f in forms), default=0) + 1


class FormsTab(QWidget):
    def __init__(
        self,
        db: Database,
        notify: Callable[..., None],
        run: Runner,
        parent: QWidget | None = None,
    ) -> None:
        """``notify`` and ``run`` are the page's message line and guarded service call."""
        super().__init__(parent)
        self.db = db
        self.notify = notify
        self.run = run
        self.actor: Actor | None = None
        self.dialog: FormVersionDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        row = QHBoxLayout()
        self.caption = QLabel(
            _("The versions of the consent forms; a signed text is never changed."), self
        )
        self.new_button = QPushButton(_("&New version…"), self)
        self.new_button.clicked.connect(self.new_version)
        row.addWidget(self.caption, 1)
        row.addWidget(self.new_button)
        layout.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        self.model = ConsentFormTableModel(splitter)
        self.view = table_view(splitter, self.model, _("Consent form versions"), stretch=FORM_TITLE)
        self.view.setMinimumHeight(110)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self.show_text())
        self.text = QTextBrowser(splitter)
        self.text.setAccessibleName(_("Text of the form"))
        self.text.setOpenLinks(False)
        splitter.addWidget(self.view)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([160, 420])
        layout.addWidget(splitter, 1)
        self._update_button()

    def set_actor(self, actor: Actor | None) -> None:
        self.actor = actor
        self._update_button()

    def is_admin(self) -> bool:
        return self.actor is not None and self.actor.role == UserRole.ADMIN

    def _update_button(self) -> None:
        admin = self.is_admin()
        self.new_button.setEnabled(admin)
        self.new_button.setToolTip(
            _("Writes a new version from a copy of the chosen form's current text.")
            if admin
            else _("Only an administrator can make a new version of a form.")
        )

    def refresh(self, keep: tuple[str, int] | None = None) -> None:
        current = self.current_form()
        if keep is None and current is not None:
            keep = (current.kind, current.version)
        rows = self.run(lambda: consents.list_forms(self.db)) or []
        self.model.set_rows(rows)
        row = next(
            (n for n, f in enumerate(rows) if keep and (f.kind, f.version) == keep),
            0,
        )
        if rows:
            self.view.setCurrentIndex(self.model.index(row, FORM_TITLE))
        self.show_text()

    def focus_first(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def on_escape(self) -> None:
        self.focus_first()

    def current_form(self) -> FormView | None:
        return self.model.row_at(self.view.currentIndex())

    def show_text(self) -> None:
        form = self.current_form()
        self.text.setHtml(form_html(form) if form is not None else "")

    def new_version(self) -> None:
        chosen = self.current_form()
        if chosen is None or self.actor is None or not self.is_admin():
            return
        current = self.run(lambda: consents.current_form(self.db, chosen.kind))
        if current is None:
            return
        dialog = FormVersionDialog(self.db, self.actor, current, self)
        dialog.saved.connect(self.on_version_saved)
        self.dialog = dialog
        dialog.open()

    def on_version_saved(self, form: FormView) -> None:
        self.notify(
            _("Version {version} of the form „{kind}“ is valid from {date}.").format(
                version=form.version, kind=kind_label(form.kind), date=format_date(form.valid_from)
            )
        )
        self.refresh(keep=(form.kind, form.version))
