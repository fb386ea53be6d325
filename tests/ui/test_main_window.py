"""The main window: pages reached by keyboard and mouse, who and where in the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt

from bgfuture_desk.ui.main_window import about_text


def test_status_bar_shows_house_and_user(make_window, admin_user):
    window = make_window(admin_user)

    assert window.house_label.text() == "Къща на семейството – Крън"
    assert window.user_label.text() == "Потребител: Мария Петрова (администратор)"
    # the house once: Qt adds the program's name after it on the title bar
    assert window.windowTitle() == "Къща на семейството – Крън"


def test_ctrl_3_shows_the_toys(qtbot, make_window, admin_user):
    window = make_window(admin_user)

    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)

    assert window.current_page().title() == "Играчки"
    assert window.nav.currentItem().text() == "Играчки"


def test_clicking_the_list_changes_the_page(qtbot, make_window, admin_user):
    window = make_window(admin_user)
    item = window.nav.item(1)
    rect = window.nav.visualItemRect(item)

    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert window.current_page().title() == "Групи"


def test_pages_show_what_the_database_holds(make_window, admin_user):
    window = make_window(admin_user)

    # the set-up adds the five programmes, fifteen institutions and the two consent forms
    window.show_page(1)
    assert len(window.pages[1].programmes.model.programmes()) == 5
    window.show_page(0)
    assert window.pages[3].count_labels["institutions"].text() == "15"
    assert window.pages[3].counts_text() == (
        "Формуляри за съгласие: 2, съгласия: 0, направления: 0, институции: 15"
    )


def test_counts_are_written_the_bulgarian_way(make_window, admin_user):
    window = make_window(admin_user)
    documents = window.pages[3]

    documents.set_counts({"consent_forms": 300, "consents": 1200})

    assert documents.counts_text().startswith("Формуляри за съгласие: 300, съгласия: 1\xa0200,")


def test_about_names_the_project(qtbot, make_window, admin_user):
    window = make_window(admin_user)

    window.about_action.trigger()

    assert window.about_box.isVisible()
    assert "Бъдеще за всяко дете в Община Казанлък" in window.about_box.text()
    assert window.about_box.text() == about_text()
    window.about_box.close()


def test_the_pages_share_one_search_index(make_window, admin_user):
    window = make_window(admin_user)
    reception, groups, toys, documents = window.pages[:4]
    window.show_page(0)
    built = reception.search_index()

    for page in (groups, toys, documents):
        window.show_page(window.pages.index(page))
        assert page.search_index() is built  # not built again on each visit
