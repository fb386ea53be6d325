"""The Family Houses and their human codes (family KRN-0042, toy KRN-T-0107)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bgfuture_desk.i18n import N_


@dataclass(frozen=True)
class HousePreset:
    code: str
    prefix: str
    name: str
    settlement: str


PRESETS: tuple[HousePreset, ...] = (
    HousePreset("kazanlak", "KZL", N_("Family House – Kazanlak"), N_("Kazanlak (town)")),
    HousePreset("kran", "KRN", N_("Family House – Kran"), N_("Kran (town)")),
    HousePreset("razhena", "RZH", N_("Family House – Razhena"), N_("Razhena (village)")),
    HousePreset(
        "gorno-cherkovishte",
        "GCH",
        N_("Family House – Gorno Cherkovishte"),
        N_("Gorno Cherkovishte (village)"),
    ),
)

_CODE = re.compile(r"[a-z][a-z0-9-]{1,30}")
_PREFIX = re.compile(r"[A-Z]{2,4}")


def preset(code: str) -> HousePreset | None:
    return next((p for p in PRESETS if p.code == code), None)


def is_valid_code(code: str) -> bool:
    return bool(_CODE.fullmatch(code))


def is_valid_prefix(prefix: str) -> bool:
    return bool(_PREFIX.fullmatch(prefix))


def default_prefix(code: str) -> str:
    """A prefix for a custom house: its first three letters, upper case."""
    letters = re.sub(r"[^a-z]", "", code.lower())
    return (letters[:3] or "HSE").upper().ljust(3, "X")


def family_code(prefix: str, number: int) -> str:
    return f"{prefix}-{number:04d}"


def toy_code(prefix: str, number: int) -> str:
    return f"{prefix}-T-{number:04d}"


def referral_number(prefix: str, year: int, number: int) -> str:
    """KRN-N-2026-0012: house, "N" for направление, year, running number in the year."""
    return f"{prefix}-N-{year}-{number:04d}"


def code_number(code: str) -> int:
    """The running number at the end of a family or toy code."""
    tail = code.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0
