"""Bad input tried by a machine (Hypothesis): every parser and validator of what is typed at
the desk, and the export reader, answer any text or bytes with a result or a Bulgarian
message, never a crash."""

from __future__ import annotations

import datetime as dt
import io
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bgfuture_desk.domain.egn import EgnError, make_egn, parse_egn
from bgfuture_desk.domain.months import Month, MonthError
from bgfuture_desk.domain.names import search_key, transliterate
from bgfuture_desk.domain.phones import format_phone, normalise_phone
from bgfuture_desk.domain.text import text_problem
from bgfuture_desk.errors import UserError
from bgfuture_desk.services.exchange import export_file
from bgfuture_desk.services.families.queries import canonical_family_code

CYRILLIC = re.compile(r"[а-яА-Я]")
TODAY = dt.date(2026, 12, 7)
# anything a keyboard, a scanner or a pasted document can give, lone surrogates included
ANY_TEXT = st.text(st.characters(codec=None), max_size=60)
TYPED = st.text(alphabet="0123456789 +-()/.абвгдеКРНkrnABC\t", max_size=30)
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def bulgarian(message: str) -> bool:
    return bool(CYRILLIC.search(message))


@FAST
@given(st.one_of(ANY_TEXT, TYPED, st.from_regex(r"[0-9]{10}", fullmatch=True)))
def test_an_egn_is_read_or_refused_in_bulgarian(text):
    try:
        info = parse_egn(text, TODAY)
    except EgnError as err:
        assert bulgarian(str(err))
    else:
        assert info.birth_date <= TODAY and info.sex in ("male", "female")


@FAST
@given(st.dates(dt.date(1900, 1, 1), TODAY), st.integers(0, 999), st.sampled_from(["m", "f"]))
def test_every_egn_made_for_a_birth_date_reads_back(born, serial, sex):
    sex = "male" if sex == "m" else "female"
    egn = make_egn(born, serial, sex)
    info = parse_egn(egn, TODAY)
    assert info.birth_date == born


@FAST
@given(st.one_of(ANY_TEXT, TYPED))
def test_a_phone_is_read_or_refused_in_bulgarian_and_reading_it_again_changes_nothing(text):
    try:
        number = normalise_phone(text)
    except ValueError as err:
        assert bulgarian(str(err))
        return
    assert normalise_phone(number) == number
    if number:
        assert normalise_phone(format_phone(number)) == number


@FAST
@given(st.one_of(ANY_TEXT, st.from_regex(r"[0-9]{4}-[0-9]{1,2}", fullmatch=True)))
def test_a_month_is_read_or_refused_in_bulgarian(text):
    try:
        month = Month.parse(text)
    except MonthError as err:
        assert bulgarian(str(err))
    else:
        assert Month.parse(str(month)) == month and 1 <= month.month <= 12


@FAST
@given(ANY_TEXT)
def test_a_family_code_is_recognised_or_not_never_a_crash(text):
    code = canonical_family_code(text)
    assert code is None or re.fullmatch(r"[A-Z]{2,4}-\d{4,6}", code)


@FAST
@given(st.text(st.characters(codec=None), max_size=5000))
def test_text_is_storable_or_refused_in_bulgarian(text):
    problem = text_problem(text)
    if problem is None:
        text.encode("utf-8")  # what SQLite will be given
    else:
        assert bulgarian(problem)


@FAST
@given(st.text(alphabet="абвгдежзийклмнопрстуфхцчшщъьюяАБВГДЕИКМНПРСТ -", max_size=40))
def test_a_cyrillic_name_and_its_official_latin_spelling_share_their_search_key(name):
    assert search_key(name) == search_key(transliterate(name))


# ---- the export reader ------------------------------------------------------------------

PASS = "тайна-парола-1"
CHEAP = export_file.KdfParams(1, 64, 1)


def _pack(data: bytes) -> bytes:
    out = io.BytesIO()
    export_file.pack(
        out, io.BytesIO(data), lambda sha, size: {"sha": sha, "size": size}, PASS,
        label=export_file.ExportLabel("kran", "2025-01"), kdf=CHEAP,
    )  # fmt: skip
    return out.getvalue()


GOOD = _pack(b"SQLite format 3\x00" + bytes(range(256)) * 40)


def _read(blob: bytes) -> None:
    export_file.unpack(io.BytesIO(blob), io.BytesIO(), PASS, "f.bgfx")


@FAST
@given(st.binary(max_size=2000))
def test_random_bytes_are_refused_as_not_an_export(blob):
    try:
        _read(blob)
    except UserError as err:
        assert bulgarian(err.message)


@FAST
@given(st.integers(0, len(GOOD) - 1))
def test_a_truncated_export_is_refused(cut):
    try:
        _read(GOOD[:cut])
    except UserError as err:
        assert bulgarian(err.message)
    else:
        raise AssertionError(f"a file cut at {cut} of {len(GOOD)} bytes was read")


@FAST
@given(st.integers(0, len(GOOD) - 1), st.integers(1, 255))
def test_an_altered_byte_anywhere_is_refused(where, flip):
    altered = bytearray(GOOD)
    altered[where] ^= flip
    try:
        _read(bytes(altered))
    except UserError as err:
        assert bulgarian(err.message)
    else:
        raise AssertionError(f"byte {where} altered and still read")
