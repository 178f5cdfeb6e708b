"""The project package never reaches into the apps: no import of them, and no name of them.

``helseplattform/`` is the frame (settings, URLs, serving, probes); the apps
register what it needs to know (``helseplattform.content.register_public_content``
from ``PhasesConfig.ready()``). Only ``settings.py`` and ``urls.py`` may name the
apps, since wiring them in is their job. Docstrings and comments may mention them.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "helseplattform"
APPS = ("phases", "feedback")
ALLOWED = {"settings.py", "urls.py"}
MODULES = sorted(
    p for p in PACKAGE.rglob("*.py") if p.name not in ALLOWED and "migrations" not in p.parts
)


def names_an_app(text: str) -> bool:
    return any(text == app or text.startswith((f"{app}.", f"{app}:")) for app in APPS)


def app_references(path: Path) -> list[str]:
    """Return each import of an app and each string naming one, docstrings left out."""
    tree = ast.parse(path.read_text())
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if names_an_app(alias.name)]
        elif isinstance(node, ast.ImportFrom) and node.module and names_an_app(node.module):
            found.append(node.module)
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and any(names_an_app(word.strip("\"'()")) for word in node.value.split())
        ):
            found.append(node.value)
    return found


def test_the_check_finds_an_import_and_a_string_naming_an_app(tmp_path):
    module = tmp_path / "example.py"
    module.write_text(
        '"""The phases app is mentioned here, which is fine."""\n'
        "import phases.models\n"
        "from feedback import protection\n"
        'SOURCES = [("phases.Phase", "publish_at")]\n'
    )
    assert app_references(module) == ["phases.models", "feedback", "phases.Phase"]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_of_the_project_package_names_an_app(path):
    assert app_references(path) == []
