"""Reception: one search box, the opened family, and the day's visitors.

Typing searches an in-memory index on every key (built when the page first opens and
refreshed per family after a save), so the window never waits for the database. A scanned
family card („KRN-0042“ and Enter) opens its family at once.
"""

from __future__ import annotations

import uuid
from typing import TypeGuard

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.errors import NotFoundError, UserError
from bgfuture_desk.i18n import N_, _, format_time, ngettext
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.search import SearchHit, SharedSearch
from bgfuture_desk.services.families.service import FamilyView, PersonView
from bgfuture_desk.services.house import settings
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.services.visits import service as visits
from bgfuture_desk.services.visits.service import SpecialistRow, VisitView
from bgfuture_desk.ui.models.search_result_model import (
    COL_CODE,
    COL_DETAIL,
    COL_NAME,
    SearchResultModel,
)
from bgfuture_desk.ui.models.visit_table_model import visitors_short
from bgfuture_desk.ui.reception.consent_actions import ConsentActions
from bgfuture_desk.ui.reception.erasure_actions import ErasureActions
from bgfuture_desk.ui.reception.family_actions import FamilyActions
from bgfuture_desk.ui.reception.family_panel import FamilyPanel
from bgfuture_desk.ui.reception.today_panel import TodayPanel
from bgfuture_desk.ui.reception.visit_actions import VisitActions
from bgfuture_desk.ui.widgets.desk_page import DeskPage

KEYPAD = Qt.KeyboardModifier.KeypadModifier
FAMILY_MIN_HEIGHT = 200  # below it the opened family scrolls
RESULTS_MIN_HEIGHT = 110  # a caption and three hits


def _is_key(event: QEvent, *keys: Qt.Key) -> bool:
    return (
        event.type() == QEvent.Type.KeyPress
        and isinstance(event, QKeyEvent)
        and event.key() in keys
        and event.modifiers() & ~KEYPAD == Qt.KeyboardModifier.NoModifier
    )


def _starts_typing(event: QEvent) -> TypeGuard[QKeyEvent]:
    """A letter or digit typed (not Space, which ticks, nor a shortcut)."""
    if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
        return False
    plain = Qt.KeyboardModifier.NoModifier | Qt.KeyboardModifier.ShiftModifier | KEYPAD
    text = event.text()
    return bool(text) and text.isalnum() and (event.modifiers() | plain) == plain


class ReceptionPage(DeskPage):
    TITLE = N_("Reception")

    def __init__(
        self, db: Database, parent: QWidget | None = None, search: SharedSearch | None = None
    ) -> None:
        super().__init__(db, parent, search)
        self.loaded = False
        self.specialists: list[SpecialistRow] = []
        self.settlement = ""
        layout = self.notice_layout
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(self._build_search_row())
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_left(splitter))
        self.today_panel = TodayPanel(db, splitter)
        splitter.addWidget(self.today_panel)
        # the family's members read whole on the left; the day's list needs less
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([700, 500])
        layout.addWidget(splitter, 1)
        self._build_action_objects()
        self._build_actions()
        self._connect()

    # -- building ---------------------------------------------------------------------------

    def _build_search_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        label = QLabel(_("&Find:"), self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            _("Name, phone, EGN or family code — or scan the family card")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        font = self.search.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.search.setFont(font)
        label.setBuddy(self.search)
        self.new_family_button = QPushButton(_("&New family…"), self)
        self.anonymous_button = QPushButton(_("&Anonymous visitors…"), self)
        row.addWidget(label)
        row.addWidget(self.search, 1)
        row.addWidget(self.new_family_button)
        row.addWidget(self.anonymous_button)
        return row

    def _build_left(self, parent: QWidget) -> QWidget:
        left = QSplitter(Qt.Orientation.Vertical, parent)
        left.setChildrenCollapsible(False)
        top = QWidget(left)
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        self.results_caption = QLabel(top)
        column.addWidget(self.results_caption)
        self.results_model = SearchResultModel(self)
        self.results = QTableView(top)
        self.results.setModel(self.results_model)
        self.results.setAccessibleName(_("Search results"))
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().hide()
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_DETAIL, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_CODE, QHeaderView.ResizeMode.ResizeToContents)
        self.results.setMinimumHeight(90)
        column.addWidget(self.results, 1)
        self.hint = QLabel(
            _(
                "Find a family: type a name, a phone, an EGN or scan the family card, then "
                "press Enter. A family that is not registered yet: „New family“."
            ),
            top,
        )
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.hint)
        # the family scrolls when the window is low; until one is open the hits have it all
        self.family_area = QScrollArea(left)
        self.family_area.setWidgetResizable(True)
        self.family_area.setFrameShape(QFrame.Shape.NoFrame)
        self.family_panel = FamilyPanel(self.db.clock, self.family_area)
        self.family_area.setWidget(self.family_panel)
        self.family_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.family_area.setMinimumHeight(FAMILY_MIN_HEIGHT)
        self.family_area.hide()
        left.addWidget(top)
        left.addWidget(self.family_area)
        left.setStretchFactor(0, 1)
        left.setStretchFactor(1, 3)
        return left

    def _build_action_objects(self) -> None:
        """What the buttons do, handed what it needs; it answers through signals."""
        self.family_actions = FamilyActions(
            self.db,
            self,
            self.acting,
            self.shown_family,
            self.search_index,
            lambda: self.settlement,
        )
        self.visit_actions = VisitActions(self.db, self, self.acting, lambda: self.specialists)
        self.consent_actions = ConsentActions(self.db, self, self.acting, self.shown_family)
        self.erasure_actions = ErasureActions(self.db, self, self.acting)
        for actions in (
            self.family_actions, self.visit_actions, self.consent_actions, self.erasure_actions
        ):
            actions.notified.connect(
                lambda text, error, undo: self.notify(text, error=error, undo=undo)
            )
        self.family_actions.saved.connect(self.on_registry_saved)
        self.erasure_actions.saved.connect(self.on_registry_saved)
        self.family_actions.family_requested.connect(self.open_family)
        visit = self.visit_actions
        visit.checked_in.connect(self.on_checked_in)
        visit.check_in_refused.connect(self.family_panel.show_error)
        visit.visit_changed.connect(self.after_visit_change)
        visit.visit_corrected.connect(self.on_visit_corrected)
        visit.visit_removed.connect(lambda: self.on_visits_reread(None))
        visit.visit_restored.connect(self.on_visits_reread)
        self.consent_actions.changed.connect(self.reshow_family)

    def acting(self) -> Actor | None:
        """Who works now (None before a sign-in), read when an action runs."""
        return self.actor

    def shown_family(self) -> FamilyView | None:
        return self.family_panel.family

    def on_erase_member_requested(self, person: PersonView) -> None:
        family = self.shown_family()
        if family is not None:
            self.erasure_actions.erase_member(family, person)

    def on_erase_family_requested(self) -> None:
        family = self.shown_family()
        if family is not None:
            self.erasure_actions.erase_family(family)

    def action_key(self, keys: tuple[str, ...], slot) -> QAction:
        return self.shortcut(keys, slot, window_wide=True)

    def _build_actions(self) -> None:
        self.find_action = self.action_key(("Ctrl+F",), self.focus_search)
        self.new_family_action = self.action_key(("Ctrl+N",), self.family_actions.new_family)
        self.check_in_action = self.action_key(("Ctrl+Return", "Ctrl+Enter"), self.on_check_in_key)
        self.undo_action = self.action_key(("Ctrl+Z",), self.notice.on_undo_clicked)
        self.escape_action = self.action_key(("Esc",), self.on_escape)

    def _connect(self) -> None:
        self.search.textChanged.connect(self.on_search_changed)
        self.search.returnPressed.connect(self.on_search_entered)
        self.search.installEventFilter(self)
        self.typing_views = (self.results, self.family_panel.members_view, self.today_panel.table)
        for view in self.typing_views:
            view.installEventFilter(self)
        self.results.activated.connect(self.on_result_activated)
        self.new_family_button.clicked.connect(self.family_actions.new_family)
        self.anonymous_button.clicked.connect(self.visit_actions.add_anonymous)
        panel, actions = self.family_panel, self.family_actions
        panel.check_in_requested.connect(self.visit_actions.check_in)
        panel.edit_family_requested.connect(actions.edit_family)
        panel.add_member_requested.connect(actions.add_member)
        panel.edit_member_requested.connect(actions.edit_member)
        panel.move_member_requested.connect(actions.move_member)
        panel.merge_requested.connect(actions.merge)
        panel.archive_requested.connect(actions.archive)
        panel.print_requested.connect(actions.print_card)
        panel.erase_member_requested.connect(self.on_erase_member_requested)
        panel.erase_family_requested.connect(self.on_erase_family_requested)
        panel.consents_requested.connect(self.consent_actions.record)
        # joined when the family actions offer them (referrals, the art. 15 report)
        for button, signal, name in (
            (panel.referral_button, panel.referral_requested, "new_referral"),
            (panel.access_button, panel.access_requested, "print_access"),
        ):
            method = getattr(actions, name, None)
            button.setVisible(method is not None)
            if method is not None:
                signal.connect(method)
        today = self.today_panel
        today.check_out_requested.connect(self.visit_actions.check_out)
        today.leave_requested.connect(self.visit_actions.choose_leaving)
        today.correct_requested.connect(self.visit_actions.correct)
        today.cancel_requested.connect(self.visit_actions.cancel)
        today.family_requested.connect(self.open_family)

    # -- life cycle -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.load()
        else:
            self.today_panel.reload()
        self.focus_search()

    def load(self) -> None:
        """Everything the page needs from the file, read once when it first opens."""
        self.loaded = True
        self.shared_search.index()
        self.specialists = visits.list_specialists(self.db)
        self.settlement = settings.house_details(self.db).settlement
        self.family_panel.set_specialists(self.specialists)
        self.today_panel.reload()
        self.on_search_changed(self.search.text())

    # -- searching --------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def on_search_changed(self, text: str) -> None:
        if not text.strip():
            self.show_today_hits()
            return
        if self.search.hasFocus():
            self._give_results_the_column()
        hits = self.search_index().search(text)
        self.results_model.set_rows(hits)
        self.results_caption.setText(
            ngettext(
                "{n} match — Enter opens it", "{n} matches — Enter opens the first", len(hits)
            ).format(n=len(hits))
            if hits
            else _("Nothing found. Check the spelling, or register a new family.")
        )
        self._select_result(0)

    def show_today_hits(self) -> None:
        """While nothing is typed: today's families, so a returning one is one Enter away."""
        hits: list[SearchHit] = []
        seen: set[uuid.UUID] = set()
        for visit in visits.visits_on(self.db, self.db.clock.today()):
            if visit.family_id is None or visit.family_id in seen:
                continue
            seen.add(visit.family_id)
            hits.append(self._visit_hit(visit, visit.family_id))
        self.results_model.set_rows(hits)
        self.results_caption.setText(
            _("Today's visitors (type to search):") if hits else _("No visitors yet today.")
        )
        self._select_result(0)

    def _visit_hit(self, visit: VisitView, family_id: uuid.UUID) -> SearchHit:
        came = format_time(visit.checked_in_at)
        if visit.checked_out_at is None:
            detail = _("in the house since {time}").format(time=came)
        else:
            detail = f"{came}–{format_time(visit.checked_out_at)}"
        return SearchHit(
            "family",
            family_id,
            family_id,
            visit.family_code,
            visitors_short(visit),
            detail,
            0.0,
        )

    def _select_result(self, row: int) -> None:
        if 0 <= row < self.results_model.rowCount():
            self.results.setCurrentIndex(self.results_model.index(row, COL_NAME))

    def current_hit(self) -> SearchHit | None:
        hit = self.results_model.row_at(self.results.currentIndex())
        if hit is None and self.results_model.rowCount():
            hit = self.results_model.row_at(self.results_model.index(0, COL_NAME))
        return hit

    def on_search_entered(self) -> None:
        """Enter: a scanned or typed family code opens its family, else the chosen hit."""
        text = self.search.text()
        if families.canonical_family_code(text) is not None:
            try:
                self.show_family(families.family_by_code(self.db, text))
                return
            except NotFoundError:
                pass
        hit = self.current_hit()
        if hit is None:
            self.notify(_("Nothing found for „{text}“.").format(text=text.strip()), error=True)
            return
        self.on_hit_chosen(hit)

    def on_result_activated(self, index) -> None:
        hit = self.results_model.row_at(index)
        if hit is not None:
            self.on_hit_chosen(hit)

    def on_hit_chosen(self, hit: SearchHit) -> None:
        if hit.family_id is None:
            text = _("{name} is not a member of any family.").format(name=hit.name)
            self.notify(text, error=True)
            return
        self.open_family(hit.family_id)

    def on_escape(self) -> None:
        """Esc clears the search; from anywhere else on the page it goes back to it."""
        if self.search.hasFocus():
            self.search.clear()
        else:
            self.focus_search()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search:
            if _is_key(event, Qt.Key.Key_Down) and self.results_model.rowCount():
                self.results.setFocus(Qt.FocusReason.OtherFocusReason)
                if not self.results.currentIndex().isValid():
                    self._select_result(0)
                return True
        elif (
            watched is self.family_panel.members_view
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and self.family_panel.purpose_key(event)
        ):
            return True  # a digit on the members ticks a purpose (focus is there after Enter)
        elif watched in self.typing_views and _starts_typing(event):
            # a name typed or a card scanned while a list has the focus goes to the search
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)
            self.search.setText(event.text())
            return True
        elif watched is self.results:
            if _is_key(event, Qt.Key.Key_Up) and self.results.currentIndex().row() <= 0:
                self.focus_search()
                return True
        return super().eventFilter(watched, event)

    # -- the family -------------------------------------------------------------------------

    def open_family(self, family_id: uuid.UUID) -> None:
        try:
            family = families.get_family(self.db, family_id)
            if family.merged_into_id is not None:
                family = families.get_family(self.db, family.merged_into_id)
        except UserError as err:
            self.notify(err.message, error=True)
            return
        self.show_family(family)

    def show_family(self, family: FamilyView) -> None:
        here = visits.people_in_house(self.db)
        self.family_panel.show_family(family, here, visits.last_purposes(self.db, family.id))
        self.family_panel.show_consent(self.consent_actions.state_of(family.id))
        self.family_panel.allow_erasure(self.actor is not None and self.actor.role == "admin")
        self._show_family_area()
        # never cut sideways: as wide as the family's widest row, plus the scroll bar
        bar = self.family_area.verticalScrollBar().sizeHint().width()
        self.family_area.setMinimumWidth(self.family_panel.minimumSizeHint().width() + bar)
        self.family_panel.members_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def on_check_in_key(self) -> None:
        """Ctrl+Enter checks in the family shown, never one put away while searching."""
        if self.family_area.isHidden():
            self.notify(_("Open the family first: choose it and press Enter."), error=True)
            return
        self.family_panel.request_check_in()

    def _give_results_the_column(self) -> None:
        """Typing looks for another family: the hits take the family's height until Enter
        opens one."""
        if not self.family_area.isHidden():
            self.family_area.hide()
            self.hint.show()

    def _show_family_area(self) -> None:
        """The first family opened takes the height it needs; the hits keep the rest."""
        if not self.family_area.isHidden():
            return
        self.hint.hide()
        self.family_area.show()
        left = self.family_area.parentWidget()
        if isinstance(left, QSplitter):
            total = sum(left.sizes())
            wanted = self.family_panel.sizeHint().height()
            family = max(FAMILY_MIN_HEIGHT, min(wanted, total - RESULTS_MIN_HEIGHT))
            left.setSizes([total - family, family])

    def reshow_family(self) -> None:
        family = self.family_panel.family
        if family is not None:
            self.open_family(family.id)

    def on_registry_saved(self, family_id: uuid.UUID) -> None:
        """After any change to a family: the index learns it, the family is shown again."""
        self.shared_search.refresh_family(family_id)
        self.open_family(family_id)
        if self.search.text().strip():
            self.on_search_changed(self.search.text())

    def after_visit_change(self, visit_id: uuid.UUID | None = None) -> None:
        """The today panel shows today again, the family its members in the house."""
        self.today_panel.set_day(self.db.clock.today())
        if visit_id is not None:
            self.today_panel.select_visit(visit_id)
        self.reshow_family()
        if not self.search.text().strip():
            self.show_today_hits()

    def on_checked_in(self, visit_id: uuid.UUID) -> None:
        self.family_panel.after_check_in()
        self.after_visit_change(visit_id)
        self.focus_search()

    def on_visit_corrected(self, visit_id: uuid.UUID) -> None:
        self.today_panel.reload(keep=visit_id)
        self.reshow_family()

    def on_visits_reread(self, keep: uuid.UUID | None) -> None:
        """A visit cancelled or brought back: the day, the family and today's hits again."""
        self.today_panel.reload(keep=keep)
        self.reshow_family()
        if not self.search.text().strip():
            self.show_today_hits()
