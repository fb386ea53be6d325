"""The toy desk as the assistant reads it: suggestions without the basket's toys, every
column of the desk readable whole at 1366×768, and a return that keeps the condition."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.test_toys import open_family, scan

pytest_plugins = ["tests.ui.toys_fixtures"]


def suggested_codes(lending) -> list[str]:
    return [t.inventory_code for t in lending.side.suggested.rows()]


def test_a_toy_in_the_basket_is_not_suggested_again(qtbot, toys_page, shterevi, new_toys):
    _window, page = toys_page()
    lending = page.desk.lending
    open_family(qtbot, page, "Щерева")
    puzzle, _ball, game = (t.inventory_code for t in new_toys)
    assert {puzzle, game} <= set(suggested_codes(lending))

    view = lending.side.suggested_view
    view.setFocus()
    view.setCurrentIndex(lending.side.suggested.index(suggested_codes(lending).index(puzzle), 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)  # the suggestion goes into the basket
    scan(qtbot, lending.scan, game)  # and a scanned one too

    assert lending.basket.codes() == [puzzle, game]
    assert puzzle not in suggested_codes(lending) and game not in suggested_codes(lending)

    lending.basket_view.setCurrentIndex(lending.basket.index(0, 0))
    qtbot.mouseClick(lending.remove_button, Qt.MouseButton.LeftButton)
    assert puzzle in suggested_codes(lending)  # out of the basket: suggested again
    assert game not in suggested_codes(lending)
