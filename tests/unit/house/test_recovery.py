"""The recovery key: printed once for the safe, typed back forgivingly, and it opens the file
on a new machine (an empty key store)."""

from __future__ import annotations

import io
import subprocess

import pytest
from PIL import Image
from pypdf import PdfReader

from bgfuture_desk.cli import main
from bgfuture_desk.db import cipher
from bgfuture_desk.errors import UserError
from bgfuture_desk.services.house import recovery
from tests.conftest import ADMIN_PASSWORD


def test_the_key_is_written_in_thirteen_groups_and_read_back_forgivingly():
    key = cipher.new_key().key
    text = recovery.recovery_text(key)
    groups = text.split("-")
    assert len(groups) == 13 and all(len(g) == 4 for g in groups[:-1])
    assert set(text) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567-")
    typed = "  " + text.lower().replace("-", " ").replace("o", "0") + "\n"
    assert recovery.parse_recovery(typed) == key
    assert recovery.parse_recovery(text.replace("-", "")) == key


@pytest.mark.parametrize("text", ["", "ABCD-EFGH", "Ж" * 52, "A" * 53])
def test_what_is_not_a_recovery_key_is_told_in_bulgarian(text):
    with pytest.raises(UserError, match="не е ключ за възстановяване"):
        recovery.parse_recovery(text)


@pytest.fixture
def sheet(house_db, admin):
    made = recovery.recovery_sheet(house_db, admin)
    house_db.dispose()
    return made


def test_the_recovery_key_unlocks_the_file_on_a_new_machine(
    sheet, db_path, tmp_path, go_to_new_machine, capsys
):
    key_file = tmp_path / "ключ.txt"
    key_file.write_text(sheet.text.lower().replace("-", " ") + "\n", encoding="utf-8")
    go_to_new_machine()
    assert main(["list", "families", "--db", str(db_path)]) == 2
    capsys.readouterr()
    assert main(["unlock", "--db", str(db_path), "--recovery-file", str(key_file)]) == 0
    out = capsys.readouterr().out
    assert "отключен" in out and "само този потребител" in out  # the key file store is used
    assert main(["list", "families", "--db", str(db_path)]) == 0


def test_a_recovery_key_of_another_house_is_refused_and_stored_nowhere(
    sheet, db_path, tmp_path, go_to_new_machine, capsys
):
    key_file = tmp_path / "other.txt"
    key_file.write_text(recovery.recovery_text(cipher.new_key().key), encoding="utf-8")
    folder = go_to_new_machine()
    assert main(["unlock", "--db", str(db_path), "--recovery-file", str(key_file)]) == 2
    err = capsys.readouterr().err
    assert "не отваря" in err and "Traceback" not in err
    assert list(folder.iterdir()) == []


def test_the_administrator_prints_the_sheet_with_the_groups_and_a_qr_code(
    house_db, db_path, tmp_path, capsys
):
    key = cipher.key_for(db_path)
    house_db.dispose()
    password = tmp_path / "p.txt"
    password.write_text(ADMIN_PASSWORD + "\n", encoding="utf-8")
    out = tmp_path / "recovery.pdf"
    assert main(["recovery-key", "--db", str(db_path), "--out", str(out), "--user", "admin",
                 "--password-file", str(password)]) == 0
    assert "сейфа" in capsys.readouterr().out
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(
        out.read_bytes())).pages).split())
    groups = recovery.recovery_text(key.key).split("-")
    assert "Ключ за възстановяване на файла на къщата" in text
    assert all(group in text for group in groups)
    zxingcpp = pytest.importorskip("zxingcpp")
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(out), str(tmp_path / "p")], check=True)
    page = next(tmp_path.glob("p*.png"))
    codes = {r.text for r in zxingcpp.read_barcodes(Image.open(page))}
    assert codes == {recovery.recovery_text(key.key)}


def test_a_wrong_administrator_password_prints_nothing(house_db, db_path, tmp_path, capsys):
    house_db.dispose()
    password = tmp_path / "p.txt"
    password.write_text("wrong-password\n", encoding="utf-8")
    out = tmp_path / "recovery.pdf"
    assert main(["recovery-key", "--db", str(db_path), "--out", str(out), "--user", "admin",
                 "--password-file", str(password)]) == 2
    assert not out.exists()
