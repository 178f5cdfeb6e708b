"""Dependencies run one way: the apps use the project package, never the other way round.

``helseplattform/`` may name the apps only as strings Django resolves (the URLconf's
``include("phases.urls")``, ``INSTALLED_APPS``), never import them; inside the phases
app the rooms import only what their docstrings allow. Read with ``ast``, so an import
inside a function counts too.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    """Return every module a Python file imports, at any depth, as dotted names."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def violations(package: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for module in sorted(imported_modules(path)):
            if any(module == name or module.startswith(f"{name}.") for name in forbidden):
                found.append(f"{path.relative_to(ROOT)} imports {module}")
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        # (helseplattform/ imports no app either: tests/helseplattform/test_boundaries.py,
        # which also catches an app named in a string.)
        # The open data and the editorial admin sit beside the public pages, not on them.
        ("phases/open_data", ("phases.views", "phases.urls")),
        ("phases/editorial", ("phases.views", "phases.urls", "phases.open_data")),
        # Guidance uses the domain and the shared freshness helper, not the machines' side.
        ("phases/guidance", ("phases.urls", "phases.open_data", "phases.alerts")),
        # The two apps are independent of each other.
        ("feedback", ("phases",)),
        ("phases", ("feedback",)),
    ],
)
def test_no_module_imports_what_its_room_may_not_use(package, forbidden):
    assert violations(package, forbidden) == []


def test_the_check_finds_an_import_inside_a_function(tmp_path):
    module = tmp_path / "late.py"
    module.write_text("def view():\n    from phases import views\n    return views\n")
    assert "phases.views" in imported_modules(module)
