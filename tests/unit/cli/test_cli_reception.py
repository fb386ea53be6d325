"""The reception's command-line contract: find, list visits, print card."""

from __future__ import annotations

import json
import subprocess

import pytest
from PIL import Image

from bgfuture_desk.cli import main


@pytest.fixture(scope="module")
def demo_house(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "kran.sqlite"
    assert main(["init", "--db", str(db), "--house", "kran"]) == 0
    assert main(["demo", "--db", str(db), "--families", "25", "--seed", "3"]) == 0
    return str(db)


def json_lines(capsys, *argv: str) -> list[dict]:
    assert main(list(argv)) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_find_by_lower_case_and_latin_name_best_first(capsys, demo_house):
    person = json_lines(capsys, "list", "people", "--db", demo_house, "--json")[0]
    full = f"{person['first_name']} {person['last_name']}"
    for query in (full.lower(), full.upper()):
        hits = json_lines(capsys, "find", "--db", demo_house, query, "--json")
        assert hits[0]["id"] == person["id"], (query, hits[:3])
        assert {"kind", "id", "family_code", "name"} <= hits[0].keys()
        assert hits[0]["kind"] == "person" and hits[0]["family_code"] == person["family_code"]


def test_find_by_family_code_as_scanned(capsys, demo_house):
    hits = json_lines(capsys, "find", "--db", demo_house, "KRN-0007", "--json")
    assert hits[0]["kind"] == "family" and hits[0]["family_code"] == "KRN-0007"


def test_list_visits_has_the_contract_keys(capsys, demo_house):
    visits = json_lines(capsys, "list", "visits", "--db", demo_house, "--json")
    assert visits
    keys = {"id", "family_code", "people", "purposes", "checked_in_at", "checked_out_at"}
    assert keys <= visits[0].keys()
    registered = [v for v in visits if v["family_code"]]
    assert registered and all(isinstance(v["people"], list) and v["people"] for v in registered)
    assert all(v["purposes"] for v in visits)


def test_print_card_barcode_reads_back(capsys, demo_house, tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    out = tmp_path / "card.pdf"
    assert main(["print", "card", "--db", demo_house, "--id", "krn-0004", "--out", str(out)]) == 0
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(out), str(tmp_path / "p")], check=True)
    page = next(tmp_path.glob("p*.png"))
    codes = {r.text for r in zxingcpp.read_barcodes(Image.open(page))}
    assert codes == {"KRN-0004"}


def test_print_card_of_an_unknown_family_writes_nothing(capsys, demo_house, tmp_path):
    out = tmp_path / "card.pdf"
    status = main(["print", "card", "--db", demo_house, "--id", "KRN-9999", "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 2 and "KRN-9999" in err and err.startswith("Грешка:")
    assert not out.exists() and not list(tmp_path.iterdir())


def test_print_card_without_id_prints_every_family(capsys, demo_house, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "all.pdf"
    assert main(["print", "card", "--db", demo_house, "--out", str(out)]) == 0
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert len(PdfReader(out).pages) == 3  # 25 families, ten cards a page
    assert all(f"KRN-{n:04d}" in text for n in range(1, 26))


def test_print_never_writes_over_what_is_not_an_ordinary_file(capsys, demo_house, tmp_path):
    import os

    folder = tmp_path / "a-folder.pdf"
    folder.mkdir()
    pipe = tmp_path / "pipe.pdf"
    os.mkfifo(pipe)
    target = tmp_path / "target.pdf"
    target.write_bytes(b"kept")
    link = tmp_path / "link.pdf"
    link.symlink_to(target)
    for out in (folder, pipe, link):
        status = main(["print", "card", "--db", demo_house, "--id", "krn-0004", "--out", str(out)])
        err = capsys.readouterr().err
        assert status == 2 and "не е обикновен файл" in err, out
    assert folder.is_dir() and pipe.exists() and link.is_symlink()
    assert target.read_bytes() == b"kept"
    # an ordinary file is replaced whole, and nothing is left beside it
    status = main(["print", "card", "--db", demo_house, "--id", "krn-0004", "--out", str(target)])
    assert status == 0 and target.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["a-folder.pdf", "pipe.pdf", "target.pdf", "link.pdf"]
    )
