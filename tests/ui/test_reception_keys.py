"""Reception by keyboard alone: a known family is found, given its purpose and checked in
with a handful of keys, always typed into whatever has the focus, as on a real keyboard."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from bgfuture_desk.services.visits import service as visits
from bgfuture_desk.ui.models.visit_table_model import COL_WHO

pytest_plugins = ["tests.ui.reception_fixtures"]

CTRL = Qt.KeyboardModifier.ControlModifier
PLAIN = Qt.KeyboardModifier.NoModifier
NO_PURPOSE = "Изберете поне една цел на посещението."


class Keyboard:
    """Presses keys into the focused widget, one keystroke each, and counts them."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def focus(self):
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def type(self, text: str) -> None:
        for char in text:
            target = self.focus()
            if char.isascii():
                self.qtbot.keyClicks(target, char)
            else:  # Cyrillic, as a Bulgarian keyboard layout sends it
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    event = QKeyEvent(kind, Qt.Key.Key_unknown, PLAIN, char)
                    QApplication.sendEvent(target, event)
            self.count += 1

    def press(self, key: Qt.Key, modifier=PLAIN) -> None:
        self.qtbot.keyClick(self.focus(), key, modifier)
        self.count += 1


def ticked_purposes(panel) -> list[str]:
    """The purposes ticked, as their check boxes read."""
    return [box.text() for box in panel.purposes.boxes.values() if box.isChecked()]


def shterevi_visit(db, day, family):
    found = [v for v in visits.visits_on(db, day) if v.family_id == family.id]
    return found[0] if found else None


def shown_visitors(page) -> list[str]:
    model = page.today_panel.model
    return [model.index(r, COL_WHO).data() for r in range(model.rowCount())]


def test_a_known_family_is_checked_in_with_six_keys(qtbot, day, reception, shterevi, demo_house):
    _window, page = reception()
    keys = Keyboard(qtbot)
    assert page.search.hasFocus() and page.search.text() == ""

    keys.type("Щер")
    keys.press(Qt.Key.Key_Return)
    panel = page.family_panel
    assert panel.family.id == shterevi.id
    assert ticked_purposes(panel) == []  # a new family: nothing to offer yet
    assert panel.purposes_note.text() == ""
    keys.press(Qt.Key.Key_1)
    assert ticked_purposes(panel) == ["1  консултация"]
    keys.press(Qt.Key.Key_Return, CTRL)

    assert keys.count == 6
    visit = shterevi_visit(demo_house, day, shterevi)
    assert visit is not None
    assert visit.purposes == ("consultation",)
    assert [name for _id, name in visit.people] == ["Калина Борисова Щерева"]  # the child
    assert f"{shterevi.code} Щереви\nКалина" in shown_visitors(page)
    assert page.notice.text() == f"Отбелязано идване в 13:00: {shterevi.code} Щереви: Калина."
    assert page.search.hasFocus()  # ready for the next family


def test_a_digit_ticks_and_unticks_its_purpose(qtbot, reception, shterevi):
    _window, page = reception()
    keys = Keyboard(qtbot)
    keys.type("Щер")
    keys.press(Qt.Key.Key_Return)
    panel = page.family_panel
    assert panel.members_view.hasFocus()  # where Enter on a search result leaves the focus
    labels = [box.text() for box in panel.purposes.boxes.values()]
    assert labels[:2] == ["1  консултация", "2  група"]
    assert labels[-1] == "0  друго"

    keys.press(Qt.Key.Key_4)
    keys.press(Qt.Key.Key_0)
    assert ticked_purposes(panel) == ["4  игра", "0  друго"]
    keys.press(Qt.Key.Key_4)
    assert ticked_purposes(panel) == ["0  друго"]
    assert page.search.text() == "Щер"  # the digits did not go to the search
    assert panel.members_view.hasFocus()

    # from a purpose's own check box (Tab from the members), the digits still tick
    panel.purposes.boxes["play"].setFocus()
    keys.press(Qt.Key.Key_9)
    assert ticked_purposes(panel) == ["9  проследяване на насочване", "0  друго"]
    keys.press(Qt.Key.Key_Return, CTRL)
    assert page.family_panel.error.text() == ""
    assert page.notice.text().startswith("Отбелязано идване в 13:00")


def test_the_family_s_last_purposes_come_ticked(qtbot, day, reception, shterevi, admin, demo_house):
    morning = dt.datetime.combine(day, dt.time(9, 0))
    visits.check_in(
        demo_house,
        admin,
        family_id=shterevi.id,
        person_ids=[shterevi.members[0].id],
        purposes=["health", "play"],
        at=morning,
        checked_out_at=morning + dt.timedelta(hours=1),
    )
    _window, page = reception()
    keys = Keyboard(qtbot)

    keys.type("Щер")
    keys.press(Qt.Key.Key_Return)
    panel = page.family_panel
    assert ticked_purposes(panel) == ["4  игра", "5  здравни въпроси"]
    assert panel.purposes_note.text() == "като при последното посещение"
    assert panel.purposes_note.isVisible()
    keys.press(Qt.Key.Key_Return, CTRL)

    assert keys.count == 5
    latest = visits.visits_on(demo_house, day)[0]
    assert latest.family_id == shterevi.id and latest.checked_in_at.time() == dt.time(13, 0)
    assert latest.purposes == ("play", "health")

    # the next time, after another family: this visit's purposes again
    keys.press(Qt.Key.Key_Escape)
    keys.type("KRN-0001")
    keys.press(Qt.Key.Key_Return)
    assert page.family_panel.family.code == "KRN-0001"
    keys.press(Qt.Key.Key_Escape)
    keys.type("Щер")
    keys.press(Qt.Key.Key_Return)
    assert ticked_purposes(panel) == ["4  игра", "5  здравни въпроси"]
    keys.press(Qt.Key.Key_5)  # changed: no longer what the last visit had
    assert ticked_purposes(panel) == ["4  игра"]
    assert panel.purposes_note.text() == ""


def test_the_no_purpose_error_does_not_move_the_page(qtbot, reception, shterevi):
    _window, page = reception()
    keys = Keyboard(qtbot)
    keys.type("Щер")
    keys.press(Qt.Key.Key_Return)
    panel = page.family_panel
    watched = (
        panel.members_view,
        panel.purposes,
        panel.check_in_button,
        panel.edit_family_button,
        panel.error,
    )

    def places():
        qtbot.wait(20)  # let the layouts settle
        return [(w.mapTo(page, QPoint(0, 0)), w.size()) for w in watched]

    before = places()
    keys.press(Qt.Key.Key_Return, CTRL)
    assert panel.error.text() == NO_PURPOSE
    assert panel.error.isVisible()
    assert places() == before

    # the message fits in its room: it is not cut off
    error = panel.error
    needed = error.heightForWidth(error.width())
    assert needed <= error.height(), (needed, error.height())

    keys.press(Qt.Key.Key_1)
    keys.press(Qt.Key.Key_Return, CTRL)
    assert panel.error.text() == ""
    assert places() == before
