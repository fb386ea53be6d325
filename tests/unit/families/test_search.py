"""The reception search: what the assistant types (or scans) and what comes up first."""

from __future__ import annotations

import datetime as dt

import pytest

from bgfuture_desk.bench.search import run_search_benchmark
from bgfuture_desk.db.models import Family, Person, utcnow
from bgfuture_desk.domain.egn import make_egn
from bgfuture_desk.domain.search import Term, parse_query, within_one_edit
from bgfuture_desk.services.demo import generate_demo
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.search import SearchIndex, SharedSearch, search_people
from bgfuture_desk.services.families.service import FamilyInput, PersonInput
from bgfuture_desk.services.unit import Actor

TODAY = dt.date.today()


def years_ago(years: int, days: int = 20) -> dt.date:
    """A birthday that makes someone ``years`` old today (safe on 29 February)."""
    return dt.date(TODAY.year - years, TODAY.month, min(TODAY.day, 28)) - dt.timedelta(days=days)


def months_ago(months: int) -> dt.date:
    """A birthday that makes a baby ``months`` old today."""
    year, month = divmod(TODAY.year * 12 + TODAY.month - 1 - months, 12)
    return dt.date(year, month + 1, min(TODAY.day, 28)) - dt.timedelta(days=3)


EGN_MARIA = make_egn(years_ago(30), 17, "female")


def add_family(db, code, members, *, phone="", phone2="", archived=False, settlement="гр. Крън"):
    """A family with its members, written as plain records: (first, middle, last, extra)."""
    with db.unit(Actor.system(), "test") as uow:
        house_id = uow.house().id
        family = Family(
            house_id=house_id,
            code=code,
            settlement=settlement,
            phone=phone,
            phone2=phone2,
            archived_at=utcnow() if archived else None,
        )
        uow.session.add(family)
        uow.session.flush()
        people = []
        for first, middle, last, extra in members:
            person = Person(
                house_id=house_id,
                family_id=family.id,
                role=extra.get("role", "mother"),
                first_name=first,
                middle_name=middle,
                last_name=last,
                birth_date=extra.get("born"),
                egn=extra.get("egn"),
                phone=extra.get("phone", ""),
            )
            uow.session.add(person)
            people.append(person)
        uow.commit()
        return family.id, [p.id for p in people]


@pytest.fixture
def house(house_db):
    """Four families of Kran with names chosen to tell the matching rules apart."""
    ids = {}
    ids["ivanovi"], ids["ivanovi_people"] = add_family(
        house_db,
        "KRN-0042",
        [
            ("Мария", "Петрова", "Иванова", {"egn": EGN_MARIA, "phone": "0888123456"}),
            ("Иван", "Георгиев", "Иванов", {"role": "father"}),
            ("Даниел", "Иванов", "Иванов", {"role": "child", "born": years_ago(4)}),
        ],
        phone="0888123456",
        phone2="0431 6 23 45",
    )
    ids["petrovi"], ids["petrovi_people"] = add_family(
        house_db,
        "KRN-0043",
        [
            ("Мария", "Иванова", "Петрова", {"phone": "0899 765 432"}),
            ("Чавдар", "Стоянов", "Петров", {"role": "father"}),
            ("Жечка", "Чавдарова", "Петрова", {"role": "child", "born": months_ago(5)}),
        ],
    )
    ids["marinovi"], _people = add_family(
        house_db,
        "KRN-0044",
        [("Мариана", "Шишкова", "Маринова", {}), ("Цветан", "Щерев", "Маринов", {})],
        phone="0877 550 084",
    )
    ids["archived"], ids["archived_people"] = add_family(
        house_db,
        "KRN-0007",
        [("Мария", "Асенова", "Иванова", {})],
        archived=True,
    )
    return ids


def names(hits):
    return [h.name for h in hits]


def person_names(hits):
    return [h.name for h in hits if h.kind == "person"]


# --- names: DOMAIN.md's table -----------------------------------------------------------


@pytest.mark.parametrize("typed", ["иванова", "ИВАНОВА", "Ivanova", "ivanova", "Ivanowa"])
def test_ivanova_is_found_however_it_is_typed(house_db, house, typed):
    found = person_names(SearchIndex.build(house_db).search(typed))
    assert found[0] == "Мария Петрова Иванова"
    assert found[-1] == "Мария Асенова Иванова"  # the archived family's, last


@pytest.mark.parametrize("typed", ["Maria", "Mariya", "Mariq", "Marija", "мария", "МАРИЯ"])
def test_maria_is_found_in_official_and_informal_latin(house_db, house, typed):
    found = person_names(SearchIndex.build(house_db).search(typed))
    assert found[:2] == ["Мария Петрова Иванова", "Мария Иванова Петрова"]
    assert found[-1] == "Мария Асенова Иванова"  # the archived family's, last


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("4avdar", "Чавдар Стоянов Петров"),
        ("Chavdar", "Чавдар Стоянов Петров"),
        ("Je4ka", "Жечка Чавдарова Петрова"),
        ("Zhechka", "Жечка Чавдарова Петрова"),
        ("Cvetan", "Цветан Щерев Маринов"),
        ("Tswetan", "Цветан Щерев Маринов"),
        ("6terev", "Цветан Щерев Маринов"),
        ("Shishkova", "Мариана Шишкова Маринова"),
        ("6i6kova", "Мариана Шишкова Маринова"),
    ],
)
def test_informal_latin_finds_the_cyrillic_name(house_db, house, typed, expected):
    assert person_names(SearchIndex.build(house_db).search(typed))[0] == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Ивнова", "Мария Петрова Иванова"),  # a letter left out
        ("Иавнова", "Мария Петрова Иванова"),  # two letters swapped
        ("Ivanoba", "Мария Петрова Иванова"),  # a wrong letter
        ("Petrva", "Мария Иванова Петрова"),
        ("Маркиана", "Мариана Шишкова Маринова"),  # one letter too many
        ("Ивнов", "Иван Георгиев Иванов"),  # a typo while the word is still being typed
    ],
)
def test_one_typo_is_forgiven_in_words_of_five_letters_or_more(house_db, house, typed, expected):
    assert expected in person_names(SearchIndex.build(house_db).search(typed))


def test_short_words_must_be_typed_right(house_db, house):
    index = SearchIndex.build(house_db)
    assert index.search("Мрия") == []  # four letters: no typo allowed
    assert index.search("Ивнва") == []  # two letters left out


def test_the_beginning_of_any_name_part_is_enough(house_db, house):
    index = SearchIndex.build(house_db)
    assert person_names(index.search("Шиш")) == ["Мариана Шишкова Маринова"]
    assert person_names(index.search("чавд"))[0] == "Чавдар Стоянов Петров"
    assert "Жечка Чавдарова Петрова" in person_names(index.search("чавд"))


def test_more_words_narrow_the_list_in_any_order(house_db, house):
    index = SearchIndex.build(house_db)
    # the family name first, then the father's name; the archived family's Мария last
    assert names(index.search("Мария Ив")) == [
        "Мария Петрова Иванова",
        "Мария Иванова Петрова",
        "Мария Асенова Иванова",
    ]
    assert names(index.search("ivanova maria")) == names(index.search("Мария Ив"))
    assert names(index.search("Мария Петр")) == ["Мария Иванова Петрова", "Мария Петрова Иванова"]
    # in the order Bulgarians write a name, the father's name comes second
    assert names(index.search("Мария Петрова Ив")) == [
        "Мария Петрова Иванова",
        "Мария Иванова Петрова",
    ]


def test_two_words_need_two_different_name_parts(house_db, house):
    index = SearchIndex.build(house_db)
    # "мария" alone would fit Мария Иванова twice; Мариана Маринова has two such names
    assert person_names(index.search("мария мар")) == ["Мариана Шишкова Маринова"]
    assert person_names(index.search("мари мар")) == ["Мариана Шишкова Маринова"]


def test_a_word_that_matches_nothing_does_not_empty_the_list(house_db, house):
    hits = SearchIndex.build(house_db).search("Чавдар Хаджиев")
    assert person_names(hits)[0] == "Чавдар Стоянов Петров"


# --- ordering ---------------------------------------------------------------------------


def test_exact_names_come_before_beginnings_and_people_before_families(house_db, house):
    hits = SearchIndex.build(house_db).search("Иван")
    assert hits[0].name == "Иван Георгиев Иванов"  # the first name itself
    assert hits == sorted(hits, key=lambda h: (not h.archived, h.score), reverse=True)
    kinds = [h.kind for h in hits if not h.archived]
    assert kinds.index("family") > max(i for i, k in enumerate(kinds) if k == "person")
    assert "KRN-0042 · Иванови, гр. Крън" in names(hits)


def test_the_family_name_finds_the_family(house_db, house):
    hits = SearchIndex.build(house_db).search("Иванови")
    assert hits[0].kind == "family" and hits[0].name == "KRN-0042 · Иванови, гр. Крън"


def test_an_archived_family_comes_after_the_live_ones(house_db, house):
    hits = SearchIndex.build(house_db).search("Мария Иванова")
    assert names(hits) == [
        "Мария Петрова Иванова",
        "Мария Иванова Петрова",
        "Мария Асенова Иванова",
    ]
    assert [h.archived for h in hits] == [False, False, True]
    assert hits[2].family_code == "KRN-0007"
    assert hits[2].detail == "майка · архивирано семейство"


# --- phones, ЕГН, codes -----------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["0888123456", "0888 123 456", "+359 888 123 456", "00359888123456", "888123456", "3456",
     "123456", "0888 12"],
)  # fmt: skip
def test_a_phone_in_any_format_or_its_last_digits(house_db, house, typed):
    hits = SearchIndex.build(house_db).search(typed)
    assert hits[0].kind == "family" and hits[0].family_code == "KRN-0042"
    assert hits[1].name == "Мария Петрова Иванова"  # her own phone
    # the rest of the family follows
    assert {h.name for h in hits[2:]} == {"Иван Георгиев Иванов", "Даниел Иванов Иванов"}


def test_a_landline_and_digits_that_start_with_zeros(house_db, house):
    index = SearchIndex.build(house_db)
    assert index.search("0431 62345")[0].family_code == "KRN-0042"
    assert index.search("62345")[0].family_code == "KRN-0042"
    assert index.search("0084")[0].family_code == "KRN-0044"  # end of 0877 550 084
    assert person_names(index.search("765 432")) == ["Мария Иванова Петрова"]


def test_too_few_digits_are_not_a_phone(house_db, house):
    assert SearchIndex.build(house_db).search("456") == []


def test_the_egn_finds_the_person(house_db, house):
    hits = SearchIndex.build(house_db).search(EGN_MARIA)
    assert hits[0].kind == "person" and hits[0].name == "Мария Петрова Иванова"
    assert hits[0].family_code == "KRN-0042"


@pytest.mark.parametrize(
    "typed", ["KRN-0042", "krn-0042", "KRN0042", "krn42", "KRN 0042", "  KRN-0042 ", "КРН-0042"]
)
def test_a_family_code_scanned_or_typed(house_db, house, typed):
    hits = SearchIndex.build(house_db).search(typed)
    assert hits[0].kind == "family" and hits[0].family_code == "KRN-0042"
    assert hits[0].id == hits[0].family_id == house["ivanovi"]
    assert hits[0].name == "KRN-0042 · Иванови, гр. Крън"
    assert hits[0].detail == "3 члена · 0888 123 456 · 0431 6 23 45"
    assert {h.family_code for h in hits} == {"KRN-0042"}  # then its members
    assert len(hits) == 4


def test_the_exact_code_comes_first_even_when_archived(house_db, house):
    index = SearchIndex.build(house_db)
    assert [h.name[:8] for h in index.search("KRN-004")] == ["KRN-0042", "KRN-0043", "KRN-0044"]
    hits = index.search("KRN-007")  # KRN-0007 exactly, although the family is archived
    assert hits[0].kind == "family" and hits[0].family_code == "KRN-0007" and hits[0].archived
    assert index.search("0042")[0].family_code == "KRN-0042"  # the number alone


def test_a_merged_family_leads_to_the_family_it_joined(house_db, house):
    with house_db.unit(Actor.system(), "test") as uow:
        merged = uow.session.get(Family, house["marinovi"])
        merged.merged_into_id = house["ivanovi"]
        merged.archived_at = utcnow()
        for person in merged.members:
            person.family_id = house["ivanovi"]
        uow.commit()
    index = SearchIndex.build(house_db)
    for typed in ("KRN-0044", "0877 550 084"):
        hits = index.search(typed)
        assert hits[0].kind == "family" and hits[0].family_code == "KRN-0042", typed
        assert "KRN-0044" not in {h.family_code for h in hits}
    assert index.search("Мариана")[0].family_code == "KRN-0042"


# --- what a hit says --------------------------------------------------------------------


def test_a_person_hit_says_role_age_and_phone(house_db, house):
    index = SearchIndex.build(house_db)
    (child,) = index.search("Даниел")
    assert child.detail == "дете, 4 г."
    assert child.family_id == house["ivanovi"] and child.family_code == "KRN-0042"
    assert index.search("Мария Петрова Иванова")[0].detail == "майка · 0888 123 456"
    assert index.search("Жечка")[0].detail == "дете, 5 мес."


# --- keeping up with changes ------------------------------------------------------------


def test_refresh_family_picks_up_a_rename_a_new_member_and_a_move(house_db, house):
    index = SearchIndex.build(house_db)
    maria, ivan, _daniel = house["ivanovi_people"]
    with house_db.unit(Actor.system(), "test") as uow:
        uow.session.get(Person, maria).first_name = "Марийка"
        uow.session.get(Person, ivan).family_id = house["petrovi"]  # moved out
        uow.session.add(
            Person(
                house_id=uow.house().id,
                family_id=house["ivanovi"],
                role="child",
                first_name="Симона",
                last_name="Иванова",
            )
        )
        uow.commit()
    assert person_names(index.search("Симона")) == []  # not yet refreshed

    index.refresh_family(house_db, house["ivanovi"])

    assert "Мария Петрова Иванова" not in person_names(index.search("Мария Петрова"))
    assert person_names(index.search("Марийка"))[0] == "Марийка Петрова Иванова"
    assert index.search("Симона")[0].family_code == "KRN-0042"
    assert index.search("Иван Георгиев")[0].family_code == "KRN-0043"
    assert index.search("KRN-0042")[0].detail.startswith("3 члена")
    assert index.search("KRN-0043")[0].detail.startswith("4 члена")


def test_refresh_family_after_archiving_and_deleting(house_db, house):
    index = SearchIndex.build(house_db)
    _maria, ivan, _daniel = house["ivanovi_people"]
    with house_db.unit(Actor.system(), "test") as uow:
        uow.session.get(Family, house["ivanovi"]).archived_at = utcnow()
        uow.tombstone(uow.session.get(Person, ivan))
        uow.commit()

    index.refresh_family(house_db, house["ivanovi"])

    assert "Иван Георгиев Иванов" not in person_names(index.search("Иван Георгиев"))
    daniel = index.search("Даниел")[0]
    assert daniel.archived and daniel.detail.endswith("архивирано семейство")
    assert index.search("KRN-0042")[0].archived


def test_refresh_family_after_a_merge_and_for_a_new_family(house_db, house):
    index = SearchIndex.build(house_db)
    with house_db.unit(Actor.system(), "test") as uow:
        merged = uow.session.get(Family, house["marinovi"])
        merged.merged_into_id, merged.archived_at = house["petrovi"], utcnow()
        for person in merged.members:
            person.family_id = house["petrovi"]
        uow.commit()
    new_id, _people = add_family(house_db, "KRN-0045", [("Ясмина", "Ангелова", "Колева", {})])

    index.refresh_family(house_db, house["petrovi"])
    index.refresh_family(house_db, new_id)

    hits = index.search("KRN-0044")
    assert hits[0].family_code == "KRN-0043" and hits[0].detail.startswith("5 члена")
    assert index.search("Цветан")[0].family_code == "KRN-0043"
    assert index.search("Ясмина")[0].family_code == "KRN-0045"
    assert index.search("krn45")[0].name == "KRN-0045 · Колеви, гр. Крън"


# --- size -------------------------------------------------------------------------------


def test_one_letter_in_a_big_house_gives_at_most_the_limit(house_db):
    generate_demo(house_db, families=40, seed=1)
    index = SearchIndex.build(house_db)
    for letter in ("м", "a", "4", "0"):
        hits = index.search(letter, limit=12)
        assert len(hits) <= 12
    assert len(index.search("м", limit=12)) == 12
    assert index.search("", limit=12) == [] and index.search("   ") == []


def test_search_people_is_the_same_search_in_one_call(house_db, house):
    assert search_people(house_db, "Мария", limit=3) == SearchIndex.build(house_db).search(
        "Мария", limit=3
    )


def test_the_benchmark_types_every_query_and_finds_something():
    result = run_search_benchmark(n_people=400, queries=40)
    assert result["people"] == 400 and result["queries"] == 40
    assert result["keystrokes"] > result["queries"]
    assert result["queries_without_hits"] == 0
    assert set(result) >= {"build_ms", "p50_ms", "p95_ms", "max_ms"}


# --- the rules underneath ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("ivanova", "ivanova", True),
        ("ivnova", "ivanova", True),
        ("ivaonva", "ivanova", True),
        ("ivanoba", "ivanova", True),
        ("iavnova", "ivanova", True),
        ("ivanovaa", "ivanova", True),
        ("ivnaovb", "ivanova", False),
        ("ivanov", "ivanovi", True),
        ("petrova", "petkova", True),
        ("petrova", "petkovi", False),
    ],
)
def test_one_edit(a, b, near):
    assert within_one_edit(a, b) is near
    assert within_one_edit(b, a) is near


def test_a_query_is_read_as_names_digits_or_a_code():
    prefixes = {"krn": "KRN"}
    assert parse_query("Мария Ivanowa", prefixes) == [
        Term("name", "maria"),
        Term("name", "ivanova"),
    ]
    assert parse_query("+359 888 123 456", prefixes) == [
        Term("digits", "0888123456", raw="359888123456", international=True)
    ]
    assert parse_query("krn 42", prefixes) == [Term("code", prefix="KRN", raw="42")]
    assert parse_query("abc42", prefixes)[0].kind == "name"  # not a house prefix
    assert parse_query(" ", prefixes) == []


def test_the_exchange_benchmark_exports_and_consolidates_every_record():
    from bgfuture_desk.bench.exchange import run_exchange_benchmark

    result = run_exchange_benchmark(n_people=200, n_visits=1000, houses=2, audit=True)
    per_house = sum(result["records_per_house"].values())
    assert result["records_imported"] >= 2 * per_house  # and the houses and their set-up
    assert result["records_unchanged_again"] == result["records_imported"]
    assert result["records_per_house"]["audit_events"] > 1000
    assert result["export_s"] > 0 and result["consolidate_s"] > 0


def test_the_shared_index_notices_a_family_it_was_not_told_about(house_db, admin):
    shared = SharedSearch(house_db)
    assert shared.index().search("Шишманова") == []
    families.create_family(
        house_db,
        admin,
        FamilyInput(settlement="с. Ръжена"),
        [PersonInput("mother", "Нели", "Петрова", "Шишманова", birth_date=dt.date(1990, 2, 3))],
    )
    built = shared.index()
    assert built.search("Шишманова") == []  # nobody told it yet

    shared.check()  # a screen is shown

    names = [h.name for h in shared.index().search("Шишманова")]
    assert "Нели Петрова Шишманова" in names
    assert shared.index() is not built


def test_a_family_saved_through_the_shared_index_does_not_rebuild_it(house_db, admin):
    shared = SharedSearch(house_db)
    built = shared.index()
    family = families.create_family(
        house_db,
        admin,
        FamilyInput(settlement="с. Ръжена"),
        [PersonInput("mother", "Нели", "Петрова", "Шишманова", birth_date=dt.date(1990, 2, 3))],
    )
    shared.refresh_family(family.id)
    shared.check()

    assert shared.index() is built
    assert "Нели Петрова Шишманова" in [h.name for h in built.search("Шишманова")]


def test_the_shared_index_is_built_in_the_background_and_waited_for(house_db, admin):
    families.create_family(
        house_db,
        admin,
        FamilyInput(settlement="с. Ръжена"),
        [PersonInput("mother", "Нели", "Петрова", "Шишманова", birth_date=dt.date(1990, 2, 3))],
    )
    shared = SharedSearch(house_db)
    shared.start()
    shared.start()  # a second start while building changes nothing
    names = [h.name for h in shared.index().search("Шишманова")]  # waits for the thread
    assert names == ["Нели Петрова Шишманова", "KRN-0001 · Шишманови, с. Ръжена"]
    assert shared.built
    built = shared.index()
    shared.start()  # already built: nothing is built again
    assert shared.index() is built
