"""The reception on a 1366×768 screen: the page fits it, the today list shows every name
whole, and the hits of a search take the height the family leaves them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from bgfuture_desk.services.visits import service as visits
from tests.ui.elision import cut_texts, text_width
from tests.ui.helpers import type_text

pytest_plugins = ["tests.ui.reception_fixtures"]

MAX_PAGE_HEIGHT = 540  # 698 px of a 1366×768 screen less the menu, status bar and margins
MAX_PAGE_WIDTH = 1000  # 1366 less a side menu of 200 px and the window's frame
BUTTON_PADDING = 12  # the button's frame and text margins, both sides


def someone_left(demo_house, admin, shterevi):
    """Радка leaves before her daughter: the list shows her time on her own line."""
    radka, kalina = (next(m.id for m in shterevi.members if m.first_name == n)
                     for n in ("Радка", "Калина"))  # fmt: skip
    visit = visits.check_in(
        demo_house,
        admin,
        family_id=shterevi.id,
        person_ids=[radka, kalina],
        purposes=["toy_library", "health"],
    )
    visits.check_out(demo_house, admin, visit.id, person_ids=[radka])
    return visit


def visible_rows(view) -> int:
    """Rows the assistant sees whole."""
    viewport = view.viewport().rect()
    model = view.model()
    return sum(
        viewport.contains(view.visualRect(model.index(row, 0)))
        for row in range(model.rowCount())
    )


def test_the_page_fits_a_1366_by_768_screen_with_a_family_open(
    qtbot, reception, demo_house, shterevi, admin
):
    someone_left(demo_house, admin, shterevi)
    window, page = reception()
    page.open_family(shterevi.id)
    qtbot.wait(10)

    hint = page.minimumSizeHint()
    assert hint.height() <= MAX_PAGE_HEIGHT
    assert hint.width() <= MAX_PAGE_WIDTH

    # at that size nothing is cut: the family scrolls down but is never narrower than it is
    # wide, and every button of the page shows its whole text
    window.resize(window.minimumSizeHint())
    qtbot.wait(10)
    assert page.height() <= MAX_PAGE_HEIGHT + 10
    area = page.family_area
    assert area.viewport().width() >= page.family_panel.minimumSizeHint().width()
    short = [
        b.text()
        for b in page.findChildren(QPushButton)
        if b.isVisibleTo(page)
        and b.width() < text_width(b.font(), b.text().replace("&", "")) + BUTTON_PADDING
    ]
    assert short == []


def test_at_1366_the_today_list_shows_every_name_whole(
    qtbot, reception, demo_house, shterevi, admin
):
    visit = someone_left(demo_house, admin, shterevi)
    window, page = reception()
    window.resize(1366, 768)
    page.open_family(shterevi.id)  # the family at its widest beside the list
    qtbot.wait(10)
    table = page.today_panel.table
    row = page.today_panel.model.row_of(visit.id)
    assert table.model().index(row, 1).data() == (
        f"{shterevi.code} Щереви\nРадка — излезе в 13:00\nКалина"
    )

    assert [str(c) for c in cut_texts(table)] == []

    # squeezed, a text is cut with „…“ and whole in its tooltip
    window.resize(window.minimumSizeHint())
    qtbot.waitUntil(lambda: bool(cut_texts(table)), timeout=2000)  # once the layout settled
    cut = cut_texts(table)
    for c in cut:
        words = c.text.replace("\n", " ").split()
        assert all(word in c.tooltip for word in words), str(c)


def test_at_1366_twenty_hits_take_the_height_of_the_column(qtbot, reception, demo_house, shterevi):
    window, page = reception()
    window.resize(1366, 768)
    page.open_family(shterevi.id)
    qtbot.wait(10)
    page.focus_search()

    type_text(qtbot, page.search, "а")
    qtbot.wait(10)

    assert page.results_model.rowCount() == 20
    assert visible_rows(page.results) >= 12
    assert [str(c) for c in cut_texts(page.results)] == []


def test_a_family_put_away_while_searching_is_not_checked_in(
    qtbot, reception, demo_house, shterevi, day
):
    window, page = reception()
    page.open_family(shterevi.id)
    before = len(visits.visits_on(demo_house, day))
    page.focus_search()
    type_text(qtbot, page.search, "а")
    assert not page.family_area.isVisible()

    qtbot.keyClick(page.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert len(visits.visits_on(demo_house, day)) == before
    assert page.notice.text() == (
        "Първо отворете семейството: изберете го и натиснете „Въвеждане“."
    )
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.family_area.isVisible()
    assert page.family_panel.family.id == page.results_model.rows()[0].family_id


def test_at_1366_every_demo_family_member_reads_whole(qtbot, reception, demo_house):
    """On a house PC (1366×768 less task bar and title bar) the members list shows each name,
    role, age and phone whole; only the photo purposes are cut, whole in their tooltip."""
    from sqlalchemy import select

    from bgfuture_desk.db.models import Family
    from bgfuture_desk.ui.models.family_member_model import COL_PHOTO

    with demo_house.read() as session:
        family_ids = list(session.scalars(select(Family.id).where(Family.deleted_at.is_(None))))
    assert len(family_ids) >= 20
    window, page = reception()
    window.resize(1366, 768 - 40 - 30)
    view = page.family_panel.members_view
    for family_id in family_ids:
        page.open_family(family_id)
        qtbot.wait(1)
        cut = [c for c in cut_texts(view) if c.column != COL_PHOTO]
        assert [str(c) for c in cut] == []
