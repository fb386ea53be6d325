"""Imports point inwards: the logic runs without Qt, the screens never talk SQL."""

from __future__ import annotations

import ast
import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import bgfuture_desk

PACKAGE = Path(bgfuture_desk.__file__).resolve().parent


def _modules(*packages: str) -> list[str]:
    names = []
    for package in packages:
        names.append(f"bgfuture_desk.{package}")
        path = [str(PACKAGE / package)]
        names += [m.name for m in pkgutil.walk_packages(path, f"bgfuture_desk.{package}.")]
    # Alembic's scripts run only inside Alembic (they read its context at import time).
    return [n for n in names if ".migrations" not in n]


def _imported_by(modules: list[str]) -> set[str]:
    """Top-level packages in sys.modules after importing ``modules`` in a fresh interpreter."""
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=PACKAGE.parent,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout))


def test_services_domain_db_and_documents_run_without_qt():
    modules = _modules("services", "domain", "db", "documents")
    assert "bgfuture_desk.services.users.service" in modules
    assert "bgfuture_desk.db.models.registry" in modules
    loaded = _imported_by(modules)
    assert "sqlalchemy" in loaded  # the import really happened
    assert "PySide6" not in loaded
    assert "shiboken6" not in loaded


def test_domain_is_pure_python():
    loaded = _imported_by(_modules("domain"))
    assert not loaded & {"PySide6", "sqlalchemy", "alembic", "reportlab"}


_IMPORT = re.compile(r"^\s*(?:from|import)\s+([\w.]+)", re.MULTILINE)


def _ui_imports() -> dict[str, set[str]]:
    return {
        str(path.relative_to(PACKAGE)): set(_IMPORT.findall(path.read_text(encoding="utf-8")))
        for path in (PACKAGE / "ui").rglob("*.py")
    }


def test_no_screen_imports_sqlalchemy():
    offenders = {
        path: sorted(m for m in found if m.split(".")[0] == "sqlalchemy")
        for path, found in _ui_imports().items()
    }
    assert not {p: m for p, m in offenders.items() if m}


def test_no_screen_imports_the_database_layer():
    offenders = {
        path: sorted(m for m in found if m.startswith("bgfuture_desk.db"))
        for path, found in _ui_imports().items()
    }
    assert not {p: m for p, m in offenders.items() if m}


# One rule for each fact about people and months: a second definition is how the day's child
# count and the family panel came to disagree about the same person.
ONE_DEFINITION = {
    "is_child": "bgfuture_desk/domain/people.py",
    "is_child_on": "bgfuture_desk/domain/people.py",
    "age_years": "bgfuture_desk/domain/people.py",
    "age_on": "bgfuture_desk/domain/people.py",
    "age_months": "bgfuture_desk/domain/people.py",
    "_months_old": "bgfuture_desk/domain/people.py",
    "parse_month": "bgfuture_desk/services/exchange/export.py",  # refuses a month not yet begun
}
_DEFINITION = re.compile(r"^\s*def\s+(\w+)\s*\(", re.MULTILINE)
_MONTH_PATTERN = re.compile(r"re\.compile\(r?[\"']\(\\d\{4\}\)-")


def test_the_rules_about_people_and_months_are_defined_once():
    where: dict[str, list[str]] = {}
    month_parsers = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        relative = str(path.relative_to(PACKAGE.parent))
        for name in _DEFINITION.findall(text):
            if name in ONE_DEFINITION:
                where.setdefault(name, []).append(relative)
        if _MONTH_PATTERN.search(text):
            month_parsers.append(relative)
    for name, home in ONE_DEFINITION.items():
        assert where.get(name, [home]) == [home], (name, where.get(name))
    assert month_parsers == ["bgfuture_desk/domain/months.py"]


# The computer's clock is read in one place; what a person does is timed by ``db.clock``.
# Left outside it: stamps of when a file or a log line was written (never a rule's "today"),
# the benchmarks, and the printouts' footer date (to be given by the services).
_SYSTEM_CLOCK = re.compile(r"\b(?:date\.today|datetime\.now|datetime\.utcnow)\(")
SYSTEM_CLOCK_READERS = [
    "bgfuture_desk/db/base.py",  # the rows' created/changed stamps (UTC)
    "bgfuture_desk/db/migrate.py",  # the name of the copy taken before an upgrade
    "bgfuture_desk/documents/page.py",
    "bgfuture_desk/documents/subject_access.py",
    "bgfuture_desk/domain/clock.py",
    "bgfuture_desk/errorlog.py",  # when a line of the error log was written
    "bgfuture_desk/services/house/backup.py",  # when a backup was taken (its file name)
]


def test_the_system_clock_is_read_in_one_place():
    readers = sorted(
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if "bench" not in path.parts and _SYSTEM_CLOCK.search(path.read_text(encoding="utf-8"))
    )
    assert readers == SYSTEM_CLOCK_READERS


def test_no_service_keeps_a_clock_of_its_own():
    """Tests fix the time by giving the database a ``FixedClock``, so no module may offer a
    ``today()`` or ``now()`` of its own for them to replace."""
    own = re.compile(r"^def (?:today|now|utcnow)\(", re.M)
    found = [
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if own.search(path.read_text(encoding="utf-8"))
    ]
    assert found == ["bgfuture_desk/db/base.py"]


# Outside a feature package only what every feature shares: the unit of work.
SHARED_SERVICE_MODULES = {"__init__.py", "unit.py"}


def test_every_service_sits_in_a_feature_package():
    services = PACKAGE / "services"
    loose = sorted(
        p.name for p in services.glob("*.py") if p.name not in SHARED_SERVICE_MODULES
    )
    assert loose == []
    features = sorted(p.name for p in services.iterdir() if (p / "__init__.py").exists())
    assert features == [
        "audit", "consents", "demo", "exchange", "families", "groups", "house",
        "printouts", "referrals", "reports", "toys", "users", "visits",
    ]  # fmt: skip


def test_the_benchmarks_live_in_their_own_package():
    assert sorted(p.name for p in PACKAGE.glob("bench*")) == ["bench"]
    assert (PACKAGE / "bench" / "__init__.py").exists()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _import_graph() -> dict[str, set[str]]:
    """Every ``bgfuture_desk`` import of every module, type-checking and local ones too."""
    files = {
        _module_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts
    }
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = name.split(".")
                    anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                    base = ".".join(anchor + ([base] if base else []))
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    targets.add(sub if sub in files else base)
        graph[name] = {t for t in targets if t in files and t != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_the_import_graph_finds_a_planted_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_no_module_imports_itself_back():
    """Signals go up, method calls go down: a panel never imports its page."""
    graph = _import_graph()
    assert "bgfuture_desk.ui.reception.page" in graph
    cycles = [[m.removeprefix("bgfuture_desk.") for m in c] for c in _cycles(graph)]
    assert cycles == [], "import cycles:\n" + "\n".join(
        " <-> ".join(c) for c in cycles
    )
