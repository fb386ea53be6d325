"""Transliteration by the 2009 law, and a search key that finds a name however it is typed."""

from __future__ import annotations

import pytest

from bgfuture_desk.domain.names import search_key, transliterate


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Мария", "Maria"),  # final "ия" is "ia"
        ("Марияна", "Mariyana"),  # inside a word "ия" stays "iya"
        ("Щерев", "Shterev"),
        ("Жечева", "Zhecheva"),
        ("Цветанка", "Tsvetanka"),
        ("Юлиян", "Yuliyan"),
        ("Ъглен", "Aglen"),
        ("Горно Черковище", "Gorno Cherkovishte"),
        ("Казанлък", "Kazanlak"),
        ("Ръжена", "Razhena"),
        ("Крън", "Kran"),
        ("София", "Sofia"),
        ("Йордан Хаджиев", "Yordan Hadzhiev"),
    ],
)
def test_transliterate_follows_the_law(cyrillic, latin):
    assert transliterate(cyrillic) == latin


def test_transliterate_keeps_punctuation_and_latin():
    assert transliterate("Мария-Магдалена, ул. „Розова долина“ № 6") == (
        "Maria-Magdalena, ul. „Rozova dolina“ № 6"
    )
    assert transliterate("Ivan") == "Ivan"


@pytest.mark.parametrize(
    "spellings",
    [
        ["Иванова", "иванова", "ИВАНОВА", "Ivanova", "ivanova", "IVANOVA", "Ivanowa"],
        ["Мария", "мария", "Maria", "Mariya", "Mariq", "Mariia", "Marija"],
        ["Чавдар", "4avdar", "Chavdar", "chavdar", "Cavdar"],
        ["Шишков", "6i6kov", "Shishkov"],
        ["Щерев", "6terev", "Shterev", "Sterev"],
        ["Жечева", "Zhecheva", "Je4eva", "Zecheva"],
        ["Цветанка", "Tsvetanka", "Cvetanka", "Tswetanka"],
        ["Юлиян", "Yuliyan", "Iulian", "Julian", "Yulian"],
        ["Марияна", "Mariyana", "Mariana", "Mariqna"],
    ],
)
def test_search_key_makes_spellings_of_one_name_equal(spellings):
    keys = {spelling: search_key(spelling) for spelling in spellings}
    assert len(set(keys.values())) == 1, keys


def test_search_key_keeps_different_names_apart():
    names = ["Иванов", "Петров", "Иванова", "Мария", "Марин", "Чавдар", "Шишков", "Стоянов"]
    assert len({search_key(n) for n in names}) == len(names)


def test_search_key_of_a_full_name_has_one_folded_word_per_name():
    assert search_key("Мария", None, "Иванова") == search_key("Maria Ivanowa")
    assert search_key("Мария Иванова").split() == [search_key("Мария"), search_key("Иванова")]


def test_search_key_ignores_punctuation_and_empty_parts():
    assert search_key("  Иванова-Петрова ", "", None) == search_key("ivanova petrova")
    assert search_key("", None, "—") == ""


def test_search_key_keeps_digits_of_codes():
    assert search_key("KRN-0042") == "krn 0042"
