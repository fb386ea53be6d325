"""Who a report is for: the internal profile shows every number; the partners' profile hides
small numbers, so that nobody outside the project can recognise a family in a small village.

Partners' rule: a count from 1 to ``below - 1`` (default 1–4) is shown as "<5". Then
secondary suppression: in a row of houses with its total, a single hidden house could be
recovered as the total minus the others, so the next smallest shown house is hidden too (the
total when there is no other house). The sex × age table of each house follows the same rule
against that house's number.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from enum import StrEnum

from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services.reports.indicators import TOTAL, Figure, Report

HIDDEN = None  # a hidden cell


class Profile(StrEnum):
    INTERNAL = "internal"
    PARTNERS = "partners"

    @property
    def label(self) -> str:
        return _(_LABELS[self])


_LABELS = {
    Profile.INTERNAL: N_("internal: every number"),
    Profile.PARTNERS: N_("for partners: numbers under {below} hidden"),
}


def hidden_text(below: int) -> str:
    return f"<{below}"


@dataclass(frozen=True)
class Shown:
    """A report as one profile shows it: hidden cells are ``None``."""

    report: Report
    profile: Profile
    below: int = 5

    def label(self) -> str:
        return self.profile.label.format(below=self.below)

    def cell(self, value: int | None) -> int | str:
        return hidden_text(self.below) if value is None else value

    def as_json(self) -> dict[str, object]:
        data = self.report.as_json()
        data["profile"] = {"key": str(self.profile), "label": self.label()}
        for item, figure in zip(data["indicators"], self.report.figures, strict=True):  # type: ignore[call-overload]
            item["values"] = {k: self.cell(v) for k, v in figure.values.items()}
            for name in ("previous", "year_before"):
                earlier = getattr(figure, name)
                if earlier is not None:
                    item[name] = {k: self.cell(v) for k, v in earlier.items()}
            if figure.by_sex_age is not None:
                item["by_sex_age"] = {
                    house: {sex: {band: self.cell(n) for band, n in bands.items()}
                            for sex, bands in split.items()}
                    for house, split in figure.by_sex_age.items()
                }  # fmt: skip
        return data


def shown(report: Report, profile: Profile, below: int = 5) -> Shown:
    if profile is Profile.INTERNAL:
        return Shown(report, profile, below)
    hidden = copy.deepcopy(report)
    for figure in hidden.figures:
        _suppress_row(figure, below)
    return Shown(hidden, profile, below)


def _small(n: int | None, below: int) -> bool:
    return n is not None and 0 < n < below


def _suppress_row(figure: Figure, below: int) -> None:
    values: dict[str, int | None] = dict(figure.values)
    houses = [k for k in values if k != TOTAL]
    _hide(values, houses, TOTAL, below)
    figure.values = values  # type: ignore[assignment]
    for name in ("previous", "year_before"):
        earlier: dict[str, int] | None = getattr(figure, name)
        if earlier is not None:
            row: dict[str, int | None] = dict(earlier)
            _hide(row, [k for k in row if k != TOTAL], TOTAL, below)
            setattr(figure, name, row)
    if figure.by_sex_age is None:
        return
    for house, split in figure.by_sex_age.items():
        cells: dict[str, int | None] = {
            f"{sex}|{band}": n for sex, bands in split.items() for band, n in bands.items()
        }
        cells[TOTAL] = figure.values.get(house)
        _hide(cells, [k for k in cells if k != TOTAL], TOTAL, below)
        for key, n in cells.items():
            if key != TOTAL:
                sex, band = key.split("|")
                split[sex][band] = n  # type: ignore[assignment]


def _hide(cells: dict[str, int | None], parts: list[str], total: str, below: int) -> None:
    """Hide the small parts and the total if small; then make sure no hidden part is the only
    one, so that the total minus the shown parts does not give it away."""
    for key in [*parts, total]:
        if _small(cells[key], below):
            cells[key] = HIDDEN
    hidden = [k for k in parts if cells[k] is HIDDEN]
    if len(hidden) != 1 or cells[total] is HIDDEN:
        return
    shown_parts = sorted(
        (k for k in parts if cells[k] not in (HIDDEN, 0)), key=lambda k: cells[k] or 0
    )
    if shown_parts:
        cells[shown_parts[0]] = HIDDEN
    else:
        cells[total] = HIDDEN
