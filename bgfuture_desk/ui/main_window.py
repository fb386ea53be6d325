"""The desk: the jobs in a list on the left, the chosen one on the right, who works below.

The window holds the current user (and the ``Actor`` the pages pass to the services); the
idle lock and „Смяна на потребител“ change it through the same login dialog. A user whom
an administrator deactivates (or gives another role) while the window is open loses the
session at the next action: the services refuse them, the window hears of it and goes back
to the login with a Bulgarian message.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import overload

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk import __version__
from bgfuture_desk.domain.vocab import UserRole
from bgfuture_desk.errors import SessionEndedError, UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.families.search import SharedSearch
from bgfuture_desk.services.house import backup_schedule, health, settings
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.services.users import service as users
from bgfuture_desk.ui.documents import DocumentsPage
from bgfuture_desk.ui.groups import GroupsPage
from bgfuture_desk.ui.idle import MINUTE_MS, IdleWatcher
from bgfuture_desk.ui.login import LoginDialog, LoginMode
from bgfuture_desk.ui.reception import ReceptionPage
from bgfuture_desk.ui.reports import ReportsPage
from bgfuture_desk.ui.settings import SettingsPage
from bgfuture_desk.ui.toys import ToysPage
from bgfuture_desk.ui.widgets.page import Page, page_heading
from bgfuture_desk.ui.widgets.window_geometry import (
    placed_on_screens,
    remember_window,
    remembered_window,
)

PREFERRED_SIZE = (1280, 800)
# room for a window manager's title bar and borders around the normal size
FRAME_ALLOWANCE = (16, 40)
SMALL_SCREEN = (1600, 900)
NAV_PADDING = (10, 7)  # the side menu's item padding, horizontal and vertical
NAV_SPARE = 24  # room for a vertical scroll bar should the menu ever need one
SESSION_CHECK_S = 2.0  # a click or a key checks the account at most this often
_ACTIONS = (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress)


class LazyPages(Sequence[Page]):
    """The pages of the desk, each made the first time it is shown or asked for: the desk
    opens on the reception at once, and a ten-year house's toy catalogue, reports or
    documents are read when somebody goes there. A placeholder holds each page's place in
    the stack until then."""

    def __init__(
        self,
        stack: QStackedWidget,
        makers: list[tuple[type[Page], Callable[[], Page]]],
        made: Callable[[Page], None],
    ) -> None:
        self.stack = stack
        self.kinds = [kind for kind, _make in makers]
        self._makers = [make for _kind, make in makers]
        self._pages: list[Page | None] = [None] * len(makers)
        self._on_made = made
        self._placeholders = [QWidget(stack) for _n in makers]
        for placeholder in self._placeholders:
            stack.addWidget(placeholder)

    def __len__(self) -> int:
        return len(self._makers)

    @overload
    def __getitem__(self, index: int) -> Page: ...

    @overload
    def __getitem__(self, index: slice) -> list[Page]: ...

    def __getitem__(self, index: int | slice) -> Page | list[Page]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        page = self._pages[index]
        if page is None:
            page = self._makers[index]()
            placeholder = self._placeholders[index]
            shown = self.stack.currentWidget() is placeholder
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            if shown:
                self.stack.setCurrentWidget(page)
            placeholder.deleteLater()
            self._pages[index] = page
            self._on_made(page)
        return page

    def made(self) -> list[Page]:
        return [page for page in self._pages if page is not None]


class MainWindow(QMainWindow):
    user_changed = Signal(object)  # users.UserRow
    session_refused = Signal(object, str)  # Actor, message: from the services, any thread

    def __init__(
        self,
        db: Database,
        user: users.UserRow,
        *,
        idle_timeout_ms: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user
        self.actor = users.actor_of(user)
        self.locked = False
        self.house_name = ""
        self.login_dialog: LoginDialog | None = None
        self.about_box: QMessageBox | None = None
        self.put_away: list[QDialog] = []
        self.remember_in: QSettings | None = None  # where the frame is kept when closed
        if idle_timeout_ms is None:
            idle_timeout_ms = settings.read_settings(db)["idle_lock_minutes"] * MINUTE_MS
        self.idle = IdleWatcher(idle_timeout_ms, self)
        self.idle.idle_timed_out.connect(self.lock)
        self.session_checked_at = 0.0
        self.session_check_s = SESSION_CHECK_S
        self.session_refused.connect(self.on_session_refused, Qt.ConnectionType.QueuedConnection)
        db.on_session_ended = self.session_refused.emit
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._build_pages()
        self._build_actions()
        self._build_status_bar()
        self.fit_to_screen()
        self.refresh()
        self.set_user(user)

    # -- building -------------------------------------------------------------------------

    def _build_pages(self) -> None:
        self.screen_stack = QStackedWidget(self)
        workspace = QWidget(self.screen_stack)
        row = QHBoxLayout(workspace)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.nav = QListWidget(workspace)
        self.nav.setAccessibleName(_("Parts of the program"))
        self.nav.setObjectName("nav")
        self.nav.setStyleSheet(
            f"QListWidget#nav::item {{ padding: {NAV_PADDING[1]}px {NAV_PADDING[0]}px; }}"
        )
        self.pages_stack = QStackedWidget(workspace)
        self.search = SharedSearch(self.db)  # the pages share one search index
        self.search.start()  # built while the pages are made
        stack, db, search = self.pages_stack, self.db, self.search
        self.pages = LazyPages(
            stack,
            [
                (ReceptionPage, lambda: ReceptionPage(db, stack, search)),
                (GroupsPage, lambda: GroupsPage(db, stack, search)),
                (ToysPage, lambda: ToysPage(db, stack, search)),
                (DocumentsPage, lambda: DocumentsPage(db, stack, search)),
                (ReportsPage, lambda: ReportsPage(db, stack)),
                (SettingsPage, self._make_settings),
            ],
            self._page_made,
        )
        for kind in self.pages.kinds:
            self.nav.addItem(kind.title())
        self.pages[0]  # the reception, where the desk opens
        self.nav.setFixedWidth(self._nav_width())
        row.addWidget(self.nav)
        row.addWidget(self.pages_stack, 1)
        self.nav.currentRowChanged.connect(self.on_nav_row_changed)
        self.cover = self._build_cover()
        self.screen_stack.addWidget(workspace)
        self.screen_stack.addWidget(self.cover)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.read_only_banner = QLabel(
            _("The file is read-only: you can look, search and print, but nothing can be "
              "saved."), central)
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet(
            "QLabel#readOnlyBanner { background: #fff3cd; color: #664d03; padding: 6px 12px;"
            " border-bottom: 1px solid #e0c36a; font-weight: bold; }"
        )
        self.read_only_banner.setVisible(self.db.read_only)
        column.addWidget(self.read_only_banner)
        column.addWidget(self.screen_stack, 1)
        self.setCentralWidget(central)

    def _nav_width(self) -> int:
        """As wide as the longest part's name, so the pages keep the rest of a small screen."""
        metrics = self.nav.fontMetrics()
        longest = max(
            metrics.horizontalAdvance(self.nav.item(row).text()) for row in range(self.nav.count())
        )
        return longest + 2 * NAV_PADDING[0] + 2 * self.nav.frameWidth() + NAV_SPARE

    def _build_cover(self) -> QWidget:
        """What stays on the screen while the desk is locked: nothing about any family."""
        cover = QWidget(self.screen_stack)
        column = QVBoxLayout(cover)
        column.addStretch(1)
        title = page_heading(_("The program is locked"), cover)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(title)
        self.unlock_button = QPushButton(_("&Log in…"), cover)
        self.unlock_button.clicked.connect(self.on_unlock_clicked)
        column.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
        return cover

    def _action(self, text: str, shortcut: str, slot) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        self.lock_action = self._action(_("&Lock"), "Ctrl+L", self.lock)
        # Ctrl+Shift+L beside Ctrl+L; Ctrl+Shift+U is taken by the Unicode input of IBus on Linux
        self.switch_action = self._action(_("&Switch user…"), "Ctrl+Shift+L", self.switch_user)
        self.quit_action = self._action(_("&Quit"), "Ctrl+Q", self.close)
        file_menu.addAction(self.lock_action)
        file_menu.addAction(self.switch_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = bar.addMenu(_("&View"))
        self.page_actions = QActionGroup(self)
        for number, kind in enumerate(self.pages.kinds, start=1):
            action = self._action(
                f"&{number} {kind.title()}",
                f"Ctrl+{number}",
                lambda _checked=False, row=number - 1: self.show_page(row),
            )
            action.setCheckable(True)
            self.page_actions.addAction(action)
            view_menu.addAction(action)
        help_menu = bar.addMenu(_("&Help"))
        self.about_action = QAction(_("&About the program"), self)
        self.about_action.triggered.connect(self.on_about_triggered)
        help_menu.addAction(self.about_action)
        self.guarded_actions = [
            self.lock_action,
            self.switch_action,
            self.about_action,
            *self.page_actions.actions(),
        ]

    def _build_status_bar(self) -> None:
        self.house_label = QLabel(self)
        self.user_label = QLabel(self)
        self.backup_warning_label = QLabel(self)
        self.backup_warning_label.setObjectName("backupWarning")
        self.backup_warning_label.setStyleSheet("QLabel#backupWarning { color: #b02a37; }")
        self.statusBar().addWidget(self.house_label)
        self.statusBar().addWidget(self.backup_warning_label, 1)
        self.statusBar().addPermanentWidget(self.user_label)

    def fit_to_screen(self) -> None:
        """A normal size that fits the screen's available area (a 1366×768 house PC with its
        task bar included), at most the 1280×800 the pages are drawn for, centred on it."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry()
        width = min(PREFERRED_SIZE[0], available.width() - FRAME_ALLOWANCE[0])
        height = min(PREFERRED_SIZE[1], available.height() - FRAME_ALLOWANCE[1])
        self.resize(width, height)
        self.move(
            available.x() + (available.width() - width) // 2,
            available.y() + (available.height() - height) // 2,
        )

    def show_where_it_was(self, settings: QSettings) -> None:
        """Shown at the frame and state of the last start when a screen still shows that frame;
        otherwise at the default size, maximised on a small screen."""
        remembered = remembered_window(settings)
        frame = None
        if remembered is not None:
            screens = [
                screen.availableGeometry().adjusted(
                    FRAME_ALLOWANCE[0] // 2, FRAME_ALLOWANCE[1] - FRAME_ALLOWANCE[0] // 2,
                    -(FRAME_ALLOWANCE[0] // 2), -(FRAME_ALLOWANCE[0] // 2),
                )
                for screen in QGuiApplication.screens()
            ]
            frame = placed_on_screens(remembered.normal, screens)
        if frame is not None:
            self.setGeometry(frame)
        maximised = (
            remembered.maximised
            if frame is not None and remembered is not None
            else self.starts_maximised()
        )
        self.remember_in = settings
        if maximised:
            self.showMaximized()
        else:
            self.show()

    def starts_maximised(self) -> bool:
        """On a small screen (the house PCs' 1366×768) every pixel counts: start maximised."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry()
        return available.width() < SMALL_SCREEN[0] or available.height() < SMALL_SCREEN[1]

    def _make_settings(self) -> SettingsPage:
        page = SettingsPage(self.db, self.pages_stack)
        page.house_saved.connect(self.on_house_saved)
        page.settings_saved.connect(self.on_settings_saved)
        page.backups_panel.backup_made.connect(self.on_backup_made)
        return page

    @property
    def settings_page(self) -> SettingsPage:
        page = self.pages[self.pages.kinds.index(SettingsPage)]
        assert isinstance(page, SettingsPage)
        return page

    def _page_made(self, page: Page) -> None:
        """A page made late learns what the others were told: who works, the counts."""
        if hasattr(self, "actor"):
            page.set_actor(self.actor)
        if hasattr(self, "counts"):
            page.set_counts(self.counts)

    # -- what is shown ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the house and what the file holds (start, after a login, on request)."""
        self.set_house_name(settings.house_details(self.db).name)
        counted = {table for kind in self.pages.kinds for table in kind.COUNTED}
        self.counts = health.record_counts(self.db, counted) if counted else {}
        for page in self.pages.made():
            page.set_counts(self.counts)
        self.show_backup_warning()

    def show_backup_warning(self) -> None:
        """The status bar warns when the newest good backup is old or its folder missing."""
        text = backup_schedule.warning(self.db) if self.db.path is not None else None
        self.backup_warning_label.setText(text or "")
        self.backup_warning_label.setVisible(bool(text))

    def on_backup_made(self, _made: object) -> None:
        self.show_backup_warning()

    def set_house_name(self, name: str) -> None:
        self.house_name = name
        # Qt adds the program's name („Бъдеще за всяко дете“) after the house's name
        self.setWindowTitle(name)
        self.house_label.setText(name)

    def set_user(self, user: users.UserRow) -> None:
        """Whoever logged in last works now: the status bar and every later action say so."""
        self.user = user
        self.actor = users.actor_of(user)
        for page in self.pages.made():
            page.set_actor(self.actor)
        self.user_label.setText(
            _("User: {name} ({role})").format(name=user.full_name, role=UserRole(user.role).label)
        )
        self.user_changed.emit(user)

    def show_page(self, row: int) -> None:
        self.nav.setCurrentRow(row)

    def current_page(self) -> Page:
        page = self.pages_stack.currentWidget()
        assert isinstance(page, Page)
        return page

    def on_nav_row_changed(self, row: int) -> None:
        if row < 0:
            return
        self.pages[row]  # made the first time it is shown
        self.pages_stack.setCurrentIndex(row)
        self.page_actions.actions()[row].setChecked(True)

    def on_house_saved(self, details: settings.HouseDetails) -> None:
        self.set_house_name(details.name)

    def on_settings_saved(self, values: dict[str, int]) -> None:
        self.idle.set_timeout_ms(values["idle_lock_minutes"] * MINUTE_MS)

    def on_about_triggered(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("About the program"),
            about_text(),
            QMessageBox.StandardButton.Close,
            self,
        )
        box.button(QMessageBox.StandardButton.Close).setText(_("&Close"))
        self.about_box = box
        box.open()

    # -- lock and switch --------------------------------------------------------------------

    def _cover_desk(self, status: str) -> bool:
        """Cover the desk and disable what needs a user; False when it was covered already."""
        if self.locked:
            return False
        self.locked = True
        self.idle.stop()
        self.screen_stack.setCurrentWidget(self.cover)
        self.menuBar().setEnabled(False)
        for action in self.guarded_actions:
            action.setEnabled(False)
        self.user_label.setText(status)
        return True

    def lock(self) -> None:
        """Cover the desk and ask for a password; anyone with an account may log in."""
        if not self._cover_desk(_("The program is locked")):
            return
        self._record("lock", self.actor)
        # an open form would stay on top of the cover: put it away until the user is back
        self.put_away = [d for d in self.findChildren(QDialog) if d.isVisible()]
        for dialog in self.put_away:
            dialog.hide()
        self._open_login(LoginMode.LOCK, self.user.username)

    def switch_user(self) -> None:
        if self.locked:
            return
        self.idle.stop()
        self._open_login(LoginMode.SWITCH, "")

    def _open_login(self, mode: LoginMode, username: str, message: str = "") -> None:
        dialog = LoginDialog(
            self.db, self.house_name, mode=mode, username=username, message=message, parent=self
        )
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.logged_in.connect(self.on_login_logged_in)
        dialog.rejected.connect(self.on_login_rejected)
        dialog.quit_requested.connect(self.close)
        self.login_dialog = dialog
        dialog.open()

    def on_unlock_clicked(self) -> None:
        if self.login_dialog is None or not self.login_dialog.isVisible():
            self._open_login(LoginMode.LOCK, self.user.username)

    def on_login_logged_in(self, user: users.UserRow) -> None:
        self.login_dialog = None
        previous = self.actor
        if user.id != previous.user_id:
            self._record("switch_user", users.actor_of(user), previous)
        elif self.locked:
            self._record("unlock", previous)
        if self.locked:
            self.locked = False
            self.screen_stack.setCurrentIndex(0)
            self.menuBar().setEnabled(True)
            for action in self.guarded_actions:
                action.setEnabled(True)
            self._bring_back_dialogs(same_user=user.id == self.user.id)
        self.set_user(user)
        self.refresh()
        self.idle.start()

    def _bring_back_dialogs(self, *, same_user: bool) -> None:
        """The same user finds their half-filled form again; another user does not see it."""
        for dialog in self.put_away:
            if same_user:
                dialog.show()
            else:
                dialog.reject()
        self.put_away = []

    def _record(self, event: str, actor: Actor, previous: Actor | None = None) -> None:
        """Into the audit trail; the lock itself never waits for it nor fails with it (an
        account deactivated meanwhile still gets its desk covered)."""
        try:
            users.record_session_event(self.db, actor, event, previous=previous)
        except UserError:
            pass

    # -- a session ended by the administrator -----------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Before a click or a key reaches the desk, the account is checked (at most every
        ``session_check_s``): a deactivated user's action is held back and the login shown."""
        if event.type() not in _ACTIONS or self.locked:
            return False
        now = time.monotonic()
        if now - self.session_checked_at < self.session_check_s:
            return False
        self.session_checked_at = now
        try:
            users.check_session(self.db, self.actor)
        except SessionEndedError as err:
            self.end_session(err.message)
            return True
        except UserError:
            return False
        return False

    def on_session_refused(self, actor: Actor, message: str) -> None:
        if actor.user_id is not None and actor.user_id == self.actor.user_id:
            self.end_session(message)

    def end_session(self, reason: str) -> None:
        """Cover the desk, drop every open form (it was that user's) and ask for a login."""
        if not self._cover_desk(_("The session has ended")):
            return
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        self.put_away = []
        message = _("Your session has ended: {reason}").format(reason=reason)
        self._open_login(LoginMode.LOCK, "", message)

    def on_login_rejected(self) -> None:
        self.login_dialog = None
        if not self.locked:
            self.idle.start()

    # -- life cycle -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.locked and not self.idle.is_running():
            self.idle.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self.db.on_session_ended == self.session_refused.emit:
            self.db.on_session_ended = None
        if self.login_dialog is not None:
            self.login_dialog.done(0)
        self.idle.stop()
        if self.remember_in is not None:
            remember_window(self.remember_in, self.normalGeometry(), self.isMaximized())
        super().closeEvent(event)


def about_text() -> str:
    return "\n\n".join(
        (
            _("Front desk of the Family Houses"),
            _("Version {version}").format(version=__version__),
            _(
                "Project „Future for every child in Kazanlak Municipality“ of the association "
                "„Future for the children“ and Kazanlak Municipality."
            ),
        )
    )
