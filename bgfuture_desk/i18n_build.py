"""Developer tool for the catalogues: ``python -m bgfuture_desk.i18n_build compile|check``.

``compile`` turns every ``.po`` into its ``.mo``; ``check`` lists source strings that have
no Bulgarian translation and compiled catalogues that are stale (also used by the tests).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from bgfuture_desk.i18n import CATALOGUE_DIR

PACKAGE_DIR = Path(__file__).resolve().parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def source_messages() -> dict[str, str]:
    """Every string marked for translation in the package, with where it was found."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _ctx in extract_from_dir(
        PACKAGE_DIR, keywords=KEYWORDS, comment_tags=()
    ):
        ids = message if isinstance(message, tuple) else (message,)
        for msgid in ids:
            if msgid:
                found.setdefault(msgid, f"{filename}:{lineno}")
    return found


def read_catalogue(po: Path):
    with open(po, "rb") as fh:
        return read_po(fh, locale="bg")


def translated() -> dict[str, str]:
    """msgid → Bulgarian text over all .po files (fuzzy and empty entries left out)."""
    out: dict[str, str] = {}
    for po in sorted(CATALOGUE_DIR.glob("*.po")):
        for msg in read_catalogue(po):
            if not msg.id or msg.fuzzy:
                continue
            ids = msg.id if isinstance(msg.id, tuple) else (msg.id,)
            strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
            if all(strings):
                for msgid in ids:
                    out[msgid] = strings[0]
    return out


def missing() -> dict[str, str]:
    have = translated()
    return {m: where for m, where in source_messages().items() if m not in have}


def compiled_bytes(po: Path) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, read_catalogue(po))
    return buf.getvalue()


def _key(value: str | tuple[str, ...] | list[str] | None) -> str | tuple[str, ...] | None:
    """Plural entries come back as lists from .mo and tuples from .po; compare them alike."""
    return value if isinstance(value, str) or value is None else tuple(value)


def stale() -> list[str]:
    """.po files whose .mo is missing or holds other texts than the .po."""
    out = []
    for po in sorted(CATALOGUE_DIR.glob("*.po")):
        mo = po.with_suffix(".mo")
        if not mo.exists():
            out.append(po.name)
            continue
        with open(mo, "rb") as fh:
            have = {_key(m.id): _key(m.string) for m in read_mo(fh) if m.id}
        want = {_key(m.id): _key(m.string) for m in read_catalogue(po) if m.id and not m.fuzzy}
        if have != want:
            out.append(po.name)
    return out


def compile_all() -> None:
    """Compile the catalogues whose texts changed; the others keep their bytes, so that a
    compile run by two people at once does not make two different binary files."""
    for name in stale():
        po = CATALOGUE_DIR / name
        po.with_suffix(".mo").write_bytes(compiled_bytes(po))


def main(argv: list[str]) -> int:
    if argv[:1] == ["compile"]:
        compile_all()
        return 0
    if argv[:1] == ["check"]:
        gaps, old = missing(), stale()
        for msgid, where in sorted(gaps.items(), key=lambda kv: kv[1]):
            print(f"untranslated: {where}: {msgid!r}")
        for name in old:
            print(f"stale: {name} (run: python -m bgfuture_desk.i18n_build compile)")
        return 1 if gaps or old else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
