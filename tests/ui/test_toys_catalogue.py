"""The catalogue: filters, a scanned label, a new toy with its photo, status changes, labels
and reservations."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from bgfuture_desk.services.toys import service as toys
from bgfuture_desk.ui.models.toy_table_model import COL_CODE, COL_NAME, COL_RESERVED, COL_STATUS
from tests.ui.helpers import click, retype, type_text
from tests.ui.preview_helpers import check_preview, save_preview

pytest_plugins = ["tests.ui.toys_fixtures"]

CTRL = Qt.KeyboardModifier.ControlModifier


def open_catalogue(qtbot, toys_page):
    window, page = toys_page()
    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)
    tab = page.catalogue
    assert page.current_tab() is tab and tab.search.hasFocus()
    return window, page, tab


def shown(tab, column: int = COL_CODE) -> list[str]:
    return [tab.model.index(r, column).data() for r in range(tab.model.rowCount())]


def choose(combo, label: str) -> None:
    combo.setCurrentIndex(combo.findText(label))


def test_filters_by_age_area_status_and_name(qtbot, toys_page, demo_house):
    _window, _page, tab = open_catalogue(qtbot, toys_page)
    everything = toys.list_toys(demo_house)
    assert len(shown(tab)) == len(everything)
    assert tab.caption.text() == f"{len(everything)} играчки"
    assert tab.age.years.text() == "всяка"

    tab.age.years.setValue(1)  # a child of one year
    fits = [t for t in everything if t.age_min_months <= 12 <= t.age_max_months]
    assert shown(tab) == [t.inventory_code for t in fits] and 0 < len(fits) < len(everything)

    tab.age.years.setValue(-1)
    choose(tab.area, "фина моторика")
    assert {t.area_label for t in tab.model.rows()} == {"фина моторика"}

    choose(tab.status, "заета")
    lent = toys.list_toys(demo_house, area="fine_motor", status="lent")
    assert shown(tab) == [t.inventory_code for t in lent]
    assert set(shown(tab, COL_STATUS)) <= {"заета"}

    click(qtbot, tab.clear_button)
    qtbot.keyClick(tab.clear_button, Qt.Key.Key_F, CTRL)
    assert tab.search.hasFocus()
    type_text(qtbot, tab.search, "пъзел")
    assert shown(tab) and all("пъзел" in n.lower() for n in shown(tab, COL_NAME))

    qtbot.keyClick(tab.search, Qt.Key.Key_Escape)
    assert tab.search.text() == "" and len(shown(tab)) == len(everything)


def test_a_scanned_label_selects_its_toy_even_when_the_filters_hide_it(qtbot, toys_page, new_toys):
    _window, _page, tab = open_catalogue(qtbot, toys_page)
    choose(tab.status, "в ремонт")
    puzzle = new_toys[0]
    assert puzzle.inventory_code not in shown(tab)
    tab.search.setFocus()

    type_text(qtbot, tab.search, puzzle.inventory_code.lower())
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)

    assert tab.current_toy().id == puzzle.id
    assert tab.status.currentIndex() == 0 and tab.search.text() == ""
    assert tab.view.hasFocus()
    assert tab.details.name.text() == f"{puzzle.inventory_code} {puzzle.name}"


def test_a_new_toy_keeps_what_was_typed_through_its_mistakes(qtbot, toys_page, demo_house):
    window, page, tab = open_catalogue(qtbot, toys_page)
    qtbot.keyClick(tab.search, Qt.Key.Key_N, CTRL)
    dialog = page.dialog
    form = dialog.form
    assert dialog.windowTitle() == "Нова играчка"
    qtbot.waitUntil(form.name.hasFocus)
    type_text(qtbot, form.shelf, "Рафт 4")
    form.pieces.setValue(0)
    form.age_min.years.setValue(5)
    form.age_max.years.setValue(3)

    click(qtbot, dialog.save_button)

    assert dialog.isVisible()
    assert form.error_text("name") == "Въведете името на играчката."
    assert form.error_text("pieces") == "Играчката има поне 1 част."
    assert (
        form.error_text("age_max_months")
        == "Горната граница на възрастта не може да е под долната."
    )
    assert form.shelf.text() == "Рафт 4"  # nothing lost

    retype(qtbot, form.name, "Кубчета „Цветове“")
    form.pieces.setValue(20)
    form.age_max.years.setValue(7)
    assert form.age_shown.text() == "5–7 г."
    click(qtbot, dialog.save_button)

    assert not dialog.isVisible()
    toy = tab.current_toy()
    assert toy.name == "Кубчета „Цветове“" and toy.pieces == 20 and toy.shelf == "Рафт 4"
    assert toys.toy_by_code(demo_house, toy.inventory_code).age_label == "5–7 г."
    assert page.notice.text().startswith(f"Играчката {toy.inventory_code} е добавена")
    assert tab.toy_actions.new_codes == [toy.inventory_code]


def test_a_photo_chosen_from_a_file_is_copied_and_shown(qtbot, toys_page, new_toys, tmp_path):
    _window, page, tab = open_catalogue(qtbot, toys_page)
    tab.show_toy(new_toys[0].id)
    picture = tmp_path / "pazel.png"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#2e7d32"))
    assert image.save(str(picture))
    broken = tmp_path / "not-a-photo.png"
    broken.write_text("не е снимка")
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)  # Enter edits the chosen toy
    dialog = page.dialog
    assert dialog.windowTitle() == f"Играчка {new_toys[0].inventory_code}"

    dialog.set_photo_file(broken)
    assert dialog.photo_error.text() == "Този файл не е снимка, която програмата може да прочете."
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()  # the toy is saved, the photo refused
    assert dialog.photo_error.text() == "Файлът not-a-photo.png не е изображение JPG или PNG."

    dialog.set_photo_file(picture)
    click(qtbot, dialog.save_button)

    assert not dialog.isVisible()
    saved = toys.get_toy(page.db, new_toys[0].id)
    assert Path(saved.photo_path).name == f"{saved.inventory_code}.png"
    assert Path(saved.photo_path).read_bytes() == picture.read_bytes()
    assert not tab.details.photo.pixmap().isNull()


def test_retiring_a_toy_asks_first_and_can_be_undone(qtbot, toys_page, new_toys, demo_house):
    window, page, tab = open_catalogue(qtbot, toys_page)
    ball = new_toys[1]
    tab.show_toy(ball.id)

    tab.status_actions["retired"].trigger()
    box = page.dialog
    assert box.text().startswith(f"Да се отпише ли {ball.inventory_code} {ball.name}?")
    click(qtbot, box.yes_button)

    assert toys.get_toy(demo_house, ball.id).status == "retired"
    assert tab.current_toy().status_label == "отписана"
    assert page.notice.text() == f"{ball.inventory_code} вече е „отписана“."

    qtbot.keyClick(tab.view, Qt.Key.Key_Z, CTRL)

    assert toys.get_toy(demo_house, ball.id).status == "available"
    assert tab.current_toy().status_label == "налична"


def test_a_lent_toy_is_reserved_for_a_family_found_by_search_and_cancelled(
    qtbot, toys_page, new_toys, shterevi, demo_house, admin
):
    toys.lend_toys(demo_house, admin, shterevi.id, [new_toys[2].inventory_code])
    window, page, tab = open_catalogue(qtbot, toys_page)
    tab.show_toy(new_toys[2].id)
    assert tab.reserve_button.isEnabled() and not tab.cancel_button.isEnabled()

    click(qtbot, tab.reserve_button)
    picker = page.dialog
    type_text(qtbot, picker.search, "KRN-0003")
    click(qtbot, picker.choose_button)

    assert [r.family_code for r in toys.reservations_for_toy(demo_house, new_toys[2].id)] == [
        "KRN-0003"
    ]
    row = tab.model.row_of(new_toys[2].id)
    assert tab.model.index(row, COL_RESERVED).data() == "KRN-0003"

    click(qtbot, tab.cancel_button)
    click(qtbot, page.dialog.yes_button)

    assert toys.reservations_for_toy(demo_house, new_toys[2].id) == []
    assert tab.model.index(tab.model.row_of(new_toys[2].id), COL_RESERVED).data() == ""

    qtbot.keyClick(tab.view, Qt.Key.Key_Z, CTRL)  # changed their mind: undo

    assert [r.family_code for r in toys.reservations_for_toy(demo_house, new_toys[2].id)] == [
        "KRN-0003"
    ]


def test_labels_for_the_chosen_toys_open_in_the_preview(qtbot, toys_page, new_toys, tmp_path):
    _window, page, tab = open_catalogue(qtbot, toys_page)
    tab.show_toy(new_toys[0].id)
    tab.view.selectionModel().select(
        tab.model.index(tab.model.row_of(new_toys[1].id), COL_CODE),
        tab.view.selectionModel().SelectionFlag.Select
        | tab.view.selectionModel().SelectionFlag.Rows,
    )

    click(qtbot, tab.labels_button)
    dialog = page.dialog
    assert dialog.chosen_radio.isChecked()
    assert dialog.chosen_radio.text() == "&избраните играчки: 2"
    dialog.layout_combo.setCurrentIndex(2)  # 2 × 7
    assert dialog.layout_combo.currentText() == "2 × 7 на лист A4 (14 етикета)"
    assert dialog.skip.maximum() == 13
    assert dialog.preview_button.text() == "Пре&глед…"
    click(qtbot, dialog.preview_button)

    preview = check_preview(page.dialog, "Етикети за играчки")
    save_preview(qtbot, preview, tmp_path / "етикети.pdf", "етикети-2.pdf")


def test_the_history_button_shows_the_toys_loans_in_the_history_tab(
    qtbot, toys_page, new_toys, shterevi, demo_house, admin
):
    game = new_toys[2]
    toys.lend_toys(demo_house, admin, shterevi.id, [game.inventory_code])
    _window, page, tab = open_catalogue(qtbot, toys_page)
    tab.show_toy(game.id)

    click(qtbot, tab.history_button)

    history = page.history
    assert page.current_tab() is history
    assert history.caption.text() == f"{game.inventory_code} {game.name}: заемана 1 път."
    assert history.model.rowCount() == 1


def test_the_photo_button_below_the_table_saves_the_chosen_file(
    qtbot, toys_page, new_toys, tmp_path
):
    _window, page, tab = open_catalogue(qtbot, toys_page)
    ball = new_toys[1]
    tab.show_toy(ball.id)
    picture = tmp_path / "topka.png"
    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#c62828"))
    assert image.save(str(picture))

    click(qtbot, tab.details.photo_button)
    files = page.dialog
    assert files.isVisible() and files.windowTitle() == "Избор на снимка на играчката"
    files.selectFile(str(picture))
    files.accept()

    saved = toys.get_toy(page.db, ball.id)
    assert Path(saved.photo_path).read_bytes() == picture.read_bytes()
    assert page.notice.text() == f"Снимката на {ball.inventory_code} е записана."
    assert not tab.details.photo.pixmap().isNull()
