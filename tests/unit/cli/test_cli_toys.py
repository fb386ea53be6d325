"""The toy library's command-line contract (list toys/loans, print labels/receipt/overdue), and
the demo's toy library seen through the services' rules."""

from __future__ import annotations

import json
import subprocess

import pytest
from PIL import Image
from pypdf import PdfReader

from bgfuture_desk.cli import main
from bgfuture_desk.domain.calendar import is_working_day
from bgfuture_desk.services.house.database import open_database
from bgfuture_desk.services.toys import service as toys


@pytest.fixture(scope="module")
def demo_house(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli-toys") / "kran.sqlite"
    assert main(["init", "--db", str(db), "--house", "kran"]) == 0
    assert main(["demo", "--db", str(db), "--families", "30", "--seed", "5"]) == 0
    return str(db)


def json_lines(capsys, *argv: str) -> list[dict]:
    assert main(list(argv)) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def _text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def test_list_toys_has_the_contract_keys(capsys, demo_house):
    rows = json_lines(capsys, "list", "toys", "--db", demo_house, "--json")
    assert len(rows) >= 30
    keys = {"id", "inventory_code", "name", "status", "age_min_months", "age_max_months", "pieces"}
    assert keys <= rows[0].keys()
    assert rows[0]["inventory_code"] == "KRN-T-0001"
    assert {r["status"] for r in rows} <= {
        "available",
        "lent",
        "reserved",
        "in_repair",
        "lost",
        "retired",
    }


def test_list_loans_has_the_contract_keys(capsys, demo_house):
    rows = json_lines(capsys, "list", "loans", "--db", demo_house, "--json")
    keys = {"id", "toy_code", "family_code", "lent_on", "due_on", "returned_on", "overdue"}
    assert rows and keys <= rows[0].keys()
    assert any(r["overdue"] for r in rows) and any(r["returned_on"] for r in rows)
    assert all(not r["overdue"] for r in rows if r["returned_on"])


def test_list_toys_without_json_is_readable(capsys, demo_house):
    assert main(["list", "toys", "--db", demo_house]) == 0
    out = capsys.readouterr().out
    assert "KRN-T-0001" in out and out.rstrip().endswith("записа")


def test_print_labels_of_chosen_toys_reads_back(capsys, demo_house, tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    out = tmp_path / "labels.pdf"
    argv = [
        "print",
        "labels",
        "--db",
        demo_house,
        "--id",
        "krn-t-3",
        "--id",
        "KRN-T-0011",
        "--layout",
        "3x7",
        "--out",
        str(out),
    ]
    assert main(argv) == 0
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(out), str(tmp_path / "p")], check=True)
    page = next(tmp_path.glob("p*.png"))
    assert {r.text for r in zxingcpp.read_barcodes(Image.open(page))} == {
        "KRN-T-0003",
        "KRN-T-0011",
    }


def test_print_labels_without_id_prints_the_whole_catalogue(capsys, demo_house, tmp_path):
    out = tmp_path / "all.pdf"
    assert main(["print", "labels", "--db", demo_house, "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith("Записано:")
    text = _text(out)
    rows = json_lines(capsys, "list", "toys", "--db", demo_house, "--json")
    assert any(r["status"] in ("lost", "retired") for r in rows)  # they are printed too
    assert all(r["inventory_code"] in text for r in rows)
    assert len(PdfReader(out).pages) == -(-len(rows) // 24)


def test_print_labels_with_a_wrong_layout_or_code_writes_nothing(capsys, demo_house, tmp_path):
    out = tmp_path / "labels.pdf"
    assert main(["print", "labels", "--db", demo_house, "--layout", "9x9", "--out", str(out)]) == 2
    assert "колони x редове" in capsys.readouterr().err
    assert (
        main(["print", "labels", "--db", demo_house, "--id", "KRN-T-0999", "--out", str(out)]) == 2
    )
    assert "Няма играчка с код KRN-T-0999." in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_print_receipt_of_a_loan(capsys, demo_house, tmp_path):
    loans = json_lines(capsys, "list", "loans", "--db", demo_house, "--json")
    loan = loans[-1]
    out = tmp_path / "receipt.pdf"
    assert (
        main(["print", "receipt", "--db", demo_house, "--id", loan["id"], "--out", str(out)]) == 0
    )
    text = _text(out)
    assert "Разписка за заети играчки" in text
    assert loan["toy_code"] in text and loan["family_code"] in text
    y, m, d = loan["due_on"].split("-")
    assert f"Срок за връщане: {d}.{m}.{y}" in text


def test_print_receipt_needs_one_loan_id(capsys, demo_house, tmp_path):
    out = tmp_path / "receipt.pdf"
    assert main(["print", "receipt", "--db", demo_house, "--out", str(out)]) == 2
    assert "Посочете точно едно заемане с --id" in capsys.readouterr().err
    assert (
        main(["print", "receipt", "--db", demo_house, "--id", "KRN-T-0001", "--out", str(out)]) == 2
    )
    assert "Няма заемане с идентификатор KRN-T-0001." in capsys.readouterr().err
    assert not out.exists()


def test_print_overdue_lists_the_overdue_families(capsys, demo_house, tmp_path):
    out = tmp_path / "overdue.pdf"
    assert main(["print", "overdue", "--db", demo_house, "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith("Записано:")
    text = _text(out)
    loans = json_lines(capsys, "list", "loans", "--db", demo_house, "--json")
    late = [r for r in loans if r["overdue"]]
    assert late and all(r["toy_code"] in text and r["family_code"] in text for r in late)


def test_the_demo_library_keeps_the_services_rules(demo_house):
    db = open_database(demo_house).db
    try:
        catalogue = toys.list_toys(db)
        for toy in catalogue:
            assert (toy.status == "lent") == (toy.open_loan_id is not None), toy.inventory_code
            if toy.status == "reserved":
                assert toy.reserved_for_family_code, toy.inventory_code
            assert 1 <= toy.pieces <= 500 and toy.age_min_months <= toy.age_max_months
        history = [loan for toy in catalogue for loan in toys.toy_history(db, toy.id)]
        assert all(is_working_day(loan.due_on) for loan in history)
        assert all(0 <= loan.pieces_missing <= loan.pieces_out for loan in history)
        overdue = toys.overdue_loans(db)
        assert overdue
        days = [loan.days_overdue for loan in overdue]
        assert days == sorted(days, reverse=True)
        assert all(loan.phone for loan in overdue)
        lent = next(t for t in catalogue if t.status == "lent")
        assert toys.open_loan_for_toy(db, lent.inventory_code).id == lent.open_loan_id
    finally:
        db.dispose()
