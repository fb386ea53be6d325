"""Small pieces the reception's panels and dialogs share: purposes, specialist, dates, confirm."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Iterable

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QMessageBox, QWidget

from bgfuture_desk.domain.vocab import VisitPurpose
from bgfuture_desk.i18n import _, format_date
from bgfuture_desk.services.visits.service import SpecialistRow

_DATE = re.compile(r"(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{4})")


PURPOSE_KEYS = "1234567890"  # the n-th purpose's key: 1 to 9, then 0 for the tenth


class PurposeChecks(QWidget):
    """One check box per purpose of a visit, in the vocabulary's order.

    ``numbered`` puts each purpose's key before its name („1 консултация“) for a screen
    that ticks them by key (``toggle_key``)."""

    def __init__(
        self, parent: QWidget | None = None, columns: int = 3, *, numbered: bool = False
    ) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        self.boxes: dict[str, QCheckBox] = {}
        self.keys: dict[str, str] = {}  # key typed -> purpose code
        for number, purpose in enumerate(VisitPurpose):
            text = purpose.label
            if numbered and number < len(PURPOSE_KEYS):
                key = PURPOSE_KEYS[number]
                self.keys[key] = purpose.value
                text = f"{key}  {text}"
            box = QCheckBox(text, self)
            grid.addWidget(box, number // columns, number % columns)
            self.boxes[purpose.value] = box
        grid.setColumnStretch(columns, 1)

    def toggle_key(self, key: str) -> bool:
        """Tick or untick the purpose of ``key`` (a digit); False when no purpose has it."""
        code = self.keys.get(key)
        if code is None:
            return False
        box = self.boxes[code]
        box.setChecked(not box.isChecked())
        return True

    def values(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def set_values(self, codes: Iterable[str]) -> None:
        wanted = set(codes)
        for code, box in self.boxes.items():
            box.setChecked(code in wanted)

    def clear(self) -> None:
        self.set_values(())

    def first_box(self) -> QCheckBox:
        return next(iter(self.boxes.values()))


class SpecialistCombo(QComboBox):
    """The house's active specialists; the first entry means nobody in particular."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_rows([])

    def set_rows(self, rows: list[SpecialistRow], keep: uuid.UUID | None = None) -> None:
        current = keep if keep is not None else self.value()
        self.clear()
        self.addItem(_("— no specialist —"), None)
        for row in rows:
            self.addItem(f"{row.full_name} ({row.kind_label})", row.id)
        self.set_value(current)

    def value(self) -> uuid.UUID | None:
        return self.currentData()

    def set_value(self, specialist_id: uuid.UUID | None, name: str | None = None) -> None:
        """Choose ``specialist_id``; one no longer listed (left the house) is added by name."""
        # findData compares Python objects by identity; compare the ids by value instead.
        index = next(
            (i for i in range(self.count()) if self.itemData(i) == specialist_id),
            -1 if specialist_id is not None else 0,
        )
        if index < 0 and name:
            self.addItem(name, specialist_id)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))


def parse_date_text(text: str) -> dt.date | None:
    """„5.3.2021“, „05.03.2021“ or „05/03/2021“ → a date; empty → None; ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    match = _DATE.fullmatch(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass
    raise ValueError(_("Write the date as day.month.year, for example 05.03.2021."))


def date_text(value: dt.date | None) -> str:
    return format_date(value) if value else ""


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def qtime(moment: dt.datetime | dt.time) -> QTime:
    return QTime(moment.hour, moment.minute, moment.second)


def py_date(value: QDate) -> dt.date:
    """``value.toPython()``, typed (PySide6's stubs say only ``object``)."""
    day = value.toPython()
    assert isinstance(day, dt.date)
    return day


def py_time(value: QTime) -> dt.time:
    """``value.toPython()``, typed (PySide6's stubs say only ``object``)."""
    moment = value.toPython()
    assert isinstance(moment, dt.time)
    return moment


def py_datetime(value: QDateTime) -> dt.datetime:
    """``value.toPython()``, typed (PySide6's stubs say only ``object``)."""
    moment = value.toPython()
    assert isinstance(moment, dt.datetime)
    return moment


def qdatetime(moment: dt.datetime) -> QDateTime:
    return QDateTime(qdate(moment.date()), qtime(moment))


def confirm(
    parent: QWidget,
    title: str,
    text: str,
    yes_text: str,
    on_yes: Callable[[], object],
) -> QMessageBox:
    """Ask before something that is hard to undo; the box is returned so it can be kept
    (and driven by tests). „Не“ is the default, so a stray Enter changes nothing."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(_("&No"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.setWindowModality(Qt.WindowModality.WindowModal)

    def on_clicked(button) -> None:
        if button is yes:
            on_yes()

    box.buttonClicked.connect(on_clicked)
    box.yes_button = yes  # type: ignore[attr-defined]
    box.no_button = no  # type: ignore[attr-defined]
    box.open()
    return box
