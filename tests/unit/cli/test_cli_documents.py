"""The documents' command-line contract: list consents/referrals, print consent/referral/access."""

from __future__ import annotations

import json
import re

import pytest
from pypdf import PdfReader

from bgfuture_desk.cli import main

CYRILLIC = re.compile("[А-Яа-я]")


@pytest.fixture(scope="module")
def demo_house(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli-documents") / "kran.sqlite"
    assert main(["init", "--db", str(db), "--house", "kran"]) == 0
    assert main(["demo", "--db", str(db), "--families", "25", "--seed", "4"]) == 0
    return str(db)


def json_lines(capsys, *argv: str) -> list[dict]:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def _text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def test_list_referrals_has_the_contract_keys(capsys, demo_house):
    rows = json_lines(capsys, "list", "referrals", "--db", demo_house, "--json")
    keys = {"id", "person_id", "family_code", "institution", "issued_on", "status"}
    assert rows and keys <= rows[0].keys()
    assert {r["status"] for r in rows} == {"issued", "visited", "no_show", "closed"}
    assert all(re.fullmatch(r"KRN-N-\d{4}-\d{4}", r["number"]) for r in rows)
    assert all(re.fullmatch(r"KRN-\d{4}", r["family_code"]) for r in rows)


def test_list_referrals_without_json_is_readable(capsys, demo_house):
    capsys.readouterr()
    assert main(["list", "referrals", "--db", demo_house]) == 0
    out = capsys.readouterr().out
    assert "KRN-N-" in out and "записа" in out.splitlines()[-1]


def test_list_consents_has_the_contract_keys(capsys, demo_house):
    pytest.importorskip("bgfuture_desk.services.consents.service")
    rows = json_lines(capsys, "list", "consents", "--db", demo_house, "--json")
    keys = {"id", "person_id", "kind", "version", "given_on", "withdrawn_on"}
    assert rows and keys <= rows[0].keys()
    assert {r["kind"] for r in rows} <= {"personal_data", "photo"}
    assert any(r["withdrawn_on"] for r in rows)


def test_print_referral_writes_the_one_page_slip(capsys, demo_house, tmp_path):
    rows = json_lines(capsys, "list", "referrals", "--db", demo_house, "--json")
    out = tmp_path / "slip.pdf"
    argv = ["print", "referral", "--db", demo_house, "--id", rows[0]["id"], "--out", str(out)]
    assert main(argv) == 0
    assert len(PdfReader(out).pages) == 1
    text = _text(out)
    assert f"НАПРАВЛЕНИЕ № {rows[0]['number']}" in text and "ОБРАТНА ИНФОРМАЦИЯ" in text
    assert rows[0]["institution"] in text


def test_print_access_writes_the_report(capsys, demo_house, tmp_path):
    people = json_lines(capsys, "list", "people", "--db", demo_house, "--json")
    person = people[0]
    out = tmp_path / "access.pdf"
    argv = ["print", "access", "--db", demo_house, "--id", person["id"], "--out", str(out)]
    assert main(argv) == 0
    text = _text(out)
    assert "СПРАВКА ЗА ЛИЧНИТЕ ДАННИ" in text
    assert person["first_name"] in text and person["last_name"] in text


def test_print_consent_writes_the_forms(capsys, demo_house, tmp_path):
    pytest.importorskip("bgfuture_desk.services.consents.printout")
    out = tmp_path / "consent.pdf"
    argv = ["print", "consent", "--db", demo_house, "--id", "krn-1", "--out", str(out)]
    assert main(argv) == 0
    assert "КЗЛД" in _text(out)


@pytest.mark.parametrize(
    ("doc", "ids"),
    [
        ("referral", []),
        ("referral", ["not-an-id"]),
        ("referral", ["00000000-0000-0000-0000-000000000000"]),
        ("referral", ["a", "b"]),
        ("access", []),
        ("access", ["KRN-0001"]),
        ("access", ["00000000-0000-0000-0000-000000000000"]),
        ("consent", []),
        ("consent", ["KRN-9999"]),
    ],
)
def test_bad_input_is_one_bulgarian_sentence_exit_2_and_no_file(
    capsys, demo_house, tmp_path, doc, ids
):
    if doc == "consent" and ids:
        pytest.importorskip("bgfuture_desk.services.consents.printout")
    out = tmp_path / "x.pdf"
    argv = ["print", doc, "--db", demo_house, "--out", str(out)]
    for key in ids:
        argv += ["--id", key]
    capsys.readouterr()
    assert main(argv) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert CYRILLIC.search(err) and "Traceback" not in err
    assert len(err.splitlines()) == 1
    assert not out.exists()


def test_help_names_the_new_documents_and_kinds(capsys):
    with pytest.raises(SystemExit):
        main(["print", "--help"])
    assert "referral" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["list", "--help"])
    assert "consents" in capsys.readouterr().out
