"""The composition root of the desktop app: Qt application, database, login, main window.

Everything happens inside functions; importing this module starts nothing. The steps are
separate so tests can build each window without running the event loop.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog, QWidget

from bgfuture_desk import errorlog
from bgfuture_desk.errors import (
    DamagedFileError,
    LockedFileError,
    SessionEndedError,
    UserError,
)
from bgfuture_desk.i18n import _, format_datetime
from bgfuture_desk.paths import APP_NAME
from bgfuture_desk.services.house import (
    backup,
    backup_schedule,
    database,
    encrypt_file,
    settings,
)
from bgfuture_desk.services.house.lock import HouseInUse, HouseLock
from bgfuture_desk.services.unit import Database
from bgfuture_desk.services.users import service as users
from bgfuture_desk.ui.login import FirstAdminDialog, LoginDialog
from bgfuture_desk.ui.main_window import MainWindow
from bgfuture_desk.ui.setup_wizard import SetupWizard
from bgfuture_desk.ui.widgets.local_settings import local_settings

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


def install_translations(app: QApplication) -> QTranslator | None:
    """Qt's own texts (standard buttons, context menus) in Bulgarian; ours come from gettext."""
    QLocale.setDefault(QLocale(QLocale.Language.Bulgarian, QLocale.Country.Bulgaria))
    installed = app.findChild(QTranslator, "qtbase_bg")
    if installed is not None:
        return installed
    translator = QTranslator(app)
    translator.setObjectName("qtbase_bg")
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load("qtbase_bg", folder):
        translator.deleteLater()
        return None
    app.installTranslator(translator)
    return translator


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(_("Future for every child"))
    install_translations(app)
    return app


def show_error(text: str, parent: QWidget | None = None) -> None:
    QMessageBox.critical(parent, _("Error"), text)


def report_unexpected(exc: BaseException, parent: QWidget | None = None) -> None:
    """Log ``exc`` (scrubbed) and tell the assistant in Bulgarian; the app keeps running."""
    log = errorlog.write(exc)
    show_error(errorlog.user_message(exc, log), parent)


def _on_exception(
    kind: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    if isinstance(exc, SessionEndedError):
        # a read refused because the administrator ended the session, which no screen
        # caught: the window goes back to the login and says why; not a fault to log
        return
    if isinstance(exc, UserError):
        # a refusal no screen caught is the user's news, not a fault of the program
        show_error(exc.message, QApplication.activeWindow())
        return
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    report_unexpected(exc, QApplication.activeWindow())


def _on_thread_exception(args: threading.ExceptHookArgs) -> None:
    # A message box belongs to the GUI thread: from another thread only the log is written.
    if args.exc_value is not None:
        errorlog.write(args.exc_value)


def install_exception_hook() -> None:
    """One hook for every exception that escapes a slot or a thread: logged, shown, survived."""
    sys.excepthook = _on_exception
    threading.excepthook = _on_thread_exception


def ask(parent: QWidget | None, title: str, text: str, yes: str, no: str) -> bool:
    """A question with two named buttons; the safe one (``no``) is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def offer_newest_backup(db_path: Path, damage: str, parent: QWidget | None = None) -> bool:
    """A damaged house file: say so, and offer the newest good backup; True if restored.

    Nothing is written into the damaged file: the restore keeps it byte for byte beside the
    backups and puts the copy in its place (this app holds the house lock)."""
    newest = backup_schedule.newest_good_backup(db_path)
    if newest is None:
        show_error(damage + "\n\n" + _("There is no good backup in {folder}.").format(
            folder=backup.default_folder(db_path)), parent)
        return False
    question = damage + "\n\n" + _(
        "The newest good backup is of {moment}. Restore it? Whatever was entered after it is "
        "not in it; the damaged file is kept beside the backups."
    ).format(moment=format_datetime(newest.taken_at))
    if not ask(parent, _("The house file is damaged"), question,
               _("&Restore the backup"), _("E&xit")):
        return False
    try:
        backup.restore(db_path, newest.path)
    except UserError as err:
        show_error(err.message, parent)
        return False
    return True


@contextmanager
def _conversion_progress(parent: QWidget | None) -> Iterator[Callable[[str], None]]:
    """What the encryption of an older house file says, in a small window while it runs."""
    dialog: QProgressDialog | None = None

    def say(text: str) -> None:
        nonlocal dialog
        if dialog is None:
            dialog = QProgressDialog(parent)
            dialog.setWindowTitle(_("Encrypting the house file"))
            dialog.setCancelButton(None)
            dialog.setRange(0, 0)  # no percentage: each step says what it does
            dialog.setMinimumDuration(0)
        dialog.setLabelText(text)
        dialog.show()
        QApplication.processEvents()

    try:
        yield say
    finally:
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()


def open_house(
    db_path: Path, parent: QWidget | None = None, *, read_only: bool = False
) -> Database | None:
    """The house file: made by the set-up wizard when missing, else opened (and upgraded);
    opened read-only when asked to or when the file or its folder cannot be written."""
    if not read_only:  # an encryption stopped half way is finished (or undone) first
        encrypt_file.finish_interrupted(db_path)
    if not db_path.exists():
        if read_only:
            return None
        wizard = SetupWizard(db_path, parent)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            return None
        return wizard.database
    read_only = read_only or not database.writable(db_path)
    try:
        with _conversion_progress(parent) as progress:
            opened = database.open_database(db_path, read_only=read_only, progress=progress)
    except LockedFileError:
        from bgfuture_desk.ui.unlock import UnlockDialog

        if UnlockDialog(db_path, parent).exec() != QDialog.DialogCode.Accepted:
            return None
        return open_house(db_path, parent, read_only=read_only)
    except DamagedFileError as err:
        if read_only:  # this window may not replace the file: another one writes to it
            show_error(err.message, parent)
            return None
        if not offer_newest_backup(db_path, err.message, parent):
            return None
        return open_house(db_path, parent)
    except UserError as err:
        show_error(err.message, parent)
        return None
    except Exception as err:  # noqa: BLE001 - a locked or damaged file: a message, no traceback
        report_unexpected(err, parent)
        return None
    if opened.backup is not None:
        QMessageBox.information(
            parent,
            _("The database was upgraded"),
            _(
                "The database was upgraded for this version of the program. A copy of the "
                "previous file was kept in: {path}"
            ).format(path=opened.backup),
        )
    return opened.db


def ensure_first_admin(db: Database, parent: QWidget | None = None) -> bool:
    """A file made without an administrator gets one before anybody can log in."""
    if users.has_users(db):
        return True
    return FirstAdminDialog(db, parent).exec() == QDialog.DialogCode.Accepted


def log_in(db: Database, parent: QWidget | None = None) -> users.UserRow | None:
    dialog = LoginDialog(db, settings.house_details(db).name, parent=parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.user


def build_main_window(
    db: Database, user: users.UserRow, *, idle_timeout_ms: int | None = None
) -> MainWindow:
    """The desk for ``user``; the idle lock uses the house setting unless told otherwise."""
    return MainWindow(db, user, idle_timeout_ms=idle_timeout_ms)


def settle_memory() -> None:
    """Move what start-up built (the search index above all) out of the garbage collector's
    sight, so that a full collection never pauses a keystroke at the desk."""
    gc.collect()
    gc.freeze()


def offer_read_only(in_use: HouseInUse, parent: QWidget | None = None) -> bool:
    """Another window writes to the file: look at it read-only, or leave."""
    return ask(
        parent, _("The house file is in use"),
        in_use.message + "\n\n" + _("You may open it read-only: look, search and print, "
                                     "but save nothing."),
        _("&Open read-only"), _("E&xit"),
    )


def start_of_day(db: Database) -> None:
    """The first opening of the day backs the house file up and thins the old copies; a
    copy that fails does not stop the desk (the status bar warns)."""
    if db.read_only or db.path is None:
        return
    done = backup_schedule.daily_backup(db)
    if done.error is not None:
        errorlog.write(backup.BackupError(done.error))
    if done.damaged:  # the once-a-day full check found what the quick opening cannot see
        show_error(database.damaged_message(db.path))


def run_gui(db_path: Path) -> int:
    """Start the desktop app on ``db_path``; returns the exit status."""
    from bgfuture_desk.services.house import keys

    keys.install()  # encrypted house files open with this user's keys
    app = create_application()
    install_exception_hook()
    house_lock = HouseLock(Path(db_path))
    read_only = False
    try:
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        house_lock.acquire()  # one app per house file, held until this one ends
    except HouseInUse as err:
        if not Path(db_path).exists() or not offer_read_only(err):
            return EXIT_BAD_INPUT
        read_only = True
    except OSError as err:
        if not Path(db_path).is_file():  # a read-only folder: the file may still be read
            show_error(
                _("The folder of the house file cannot be used: {path} ({reason}).").format(
                    path=Path(db_path).parent, reason=err.strerror or err
                )
            )
            return EXIT_BAD_INPUT
        read_only = True
    try:
        return _run_on_house(app, Path(db_path), read_only=read_only)
    finally:
        house_lock.release()


def _run_on_house(app: QApplication, db_path: Path, *, read_only: bool = False) -> int:
    db = open_house(db_path, read_only=read_only)
    if db is None:
        return EXIT_OK if not Path(db_path).exists() else EXIT_BAD_INPUT
    if not db.read_only:
        from bgfuture_desk.services.exchange.export import remove_leftovers  # a heavy import

        remove_leftovers(db_path)  # the plain snapshot of an export killed last time
        start_of_day(db)
    try:
        if not ensure_first_admin(db):
            return EXIT_OK
        user = log_in(db)
        if user is None:
            return EXIT_OK
        window = build_main_window(db, user)
    except UserError as err:
        show_error(err.message)
        db.dispose()
        return EXIT_BAD_INPUT
    except Exception as err:  # noqa: BLE001 - a locked or damaged file while logging in
        report_unexpected(err)
        db.dispose()
        return EXIT_FAILURE
    try:
        window.show_where_it_was(local_settings())
        app.processEvents()  # the reception opens first and builds its search index
        settle_memory()
        return EXIT_OK if app.exec() == 0 else EXIT_FAILURE
    finally:
        db.dispose()
