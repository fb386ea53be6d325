"""The four Family Houses, their code prefixes and the human codes printed on cards and labels."""

from __future__ import annotations

import pytest

from bgfuture_desk.domain import houses
from bgfuture_desk.i18n import _


def test_the_four_houses_are_preset_with_their_prefixes():
    assert [(p.code, p.prefix) for p in houses.PRESETS] == [
        ("kazanlak", "KZL"),
        ("kran", "KRN"),
        ("razhena", "RZH"),
        ("gorno-cherkovishte", "GCH"),
    ]


@pytest.mark.parametrize(
    ("code", "name", "settlement"),
    [
        ("kazanlak", "Къща на семейството – Казанлък", "гр. Казанлък"),
        ("kran", "Къща на семейството – Крън", "гр. Крън"),
        ("razhena", "Къща на семейството – Ръжена", "с. Ръжена"),
        ("gorno-cherkovishte", "Къща на семейството – Горно Черковище", "с. Горно Черковище"),
    ],
)
def test_preset_names_read_in_bulgarian(code, name, settlement):
    preset = houses.preset(code)
    assert preset is not None
    assert (_(preset.name), _(preset.settlement)) == (name, settlement)


def test_unknown_preset_is_none():
    assert houses.preset("sofia") is None


def test_family_and_toy_codes():
    assert houses.family_code("KRN", 42) == "KRN-0042"
    assert houses.toy_code("KRN", 107) == "KRN-T-0107"
    assert houses.family_code("KZL", 1) == "KZL-0001"
    assert houses.family_code("RZH", 12345) == "RZH-12345"  # grows past four digits


def test_code_number_reads_back_the_running_number():
    assert houses.code_number(houses.family_code("KRN", 42)) == 42
    assert houses.code_number(houses.toy_code("GCH", 107)) == 107
    assert houses.code_number("KRN-T-") == 0
    assert houses.code_number("garbage") == 0


@pytest.mark.parametrize(
    ("code", "prefix"),
    [("pavel-banya", "PAV"), ("maglizh", "MAG"), ("ab", "ABX"), ("7-8", "HSE"), ("Shipka", "SHI")],
)
def test_default_prefix_of_a_custom_house(code, prefix):
    assert houses.default_prefix(code) == prefix
    assert houses.is_valid_prefix(houses.default_prefix(code))


@pytest.mark.parametrize("code", ["kran", "gorno-cherkovishte", "maglizh2", "ab"])
def test_valid_house_codes(code):
    assert houses.is_valid_code(code)


@pytest.mark.parametrize(
    "code", ["", "k", "Kran", "крън", "2kran", "-kran", "kran gorno", "kran\n", "a" * 32]
)
def test_invalid_house_codes(code):
    assert not houses.is_valid_code(code)


@pytest.mark.parametrize("prefix", ["KR", "KRN", "GCHK"])
def test_valid_prefixes(prefix):
    assert houses.is_valid_prefix(prefix)


@pytest.mark.parametrize("prefix", ["", "K", "krn", "KRNXX", "КРН", "KR1", "KRN\n", "KR N"])
def test_invalid_prefixes(prefix):
    assert not houses.is_valid_prefix(prefix)
