"""Decide whether the browser tests can run here, and what to do when they cannot.

Locally, a machine without Chromium or axe-core skips the browser tests with one
line that says how to enable them. In continuous integration (the ``CI``
environment variable set to a true value, as ``.ci/run`` and every common CI
service do) the same situation is a failure: a CI run that silently skips its
accessibility checks would report green on a site nobody tested.

Pure functions, no pytest or Playwright imports, so the rule is unit-tested in
``test_availability.py``:

    >>> decide(["Chromium (/usr/bin/chromium)"], ci="true").action
    'fail'
    >>> decide(["Chromium (/usr/bin/chromium)"], ci="").action
    'skip'
    >>> decide([], ci="true").action
    'run'
"""

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CHROMIUM = "/usr/bin/chromium"
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
HOW_TO_ENABLE = "apt-get install chromium && npm ci"

# The same words helseplattform.environment accepts as "no".
FALSE_WORDS = frozenset({"", "0", "false", "no", "off", "nei"})


@dataclass(frozen=True)
class Decision:
    action: str  # "run", "skip" or "fail"
    message: str = ""


def chromium_path(environ: Mapping[str, str] = os.environ) -> str:
    """Return the Chromium executable the tests drive (CHROMIUM_PATH overrides the default)."""
    return environ.get("CHROMIUM_PATH", "").strip() or DEFAULT_CHROMIUM


def is_ci(value: str | None) -> bool:
    """Return whether the value of the CI variable means "this is a CI run"."""
    return value is not None and value.strip().lower() not in FALSE_WORDS


def missing_requirements(
    *,
    chromium: str,
    axe_source: Path,
    has_playwright: bool,
    is_executable: Callable[[str], bool] = lambda path: os.access(path, os.X_OK),
) -> list[str]:
    """Return what the browser tests need and cannot find, in words for the reader."""
    missing = []
    if not has_playwright:
        missing.append("the Python package playwright (pip install -e '.[dev]')")
    if not is_executable(chromium):
        missing.append(f"Chromium at {chromium}")
    if not axe_source.is_file():
        shown = axe_source.relative_to(ROOT) if axe_source.is_relative_to(ROOT) else axe_source
        missing.append(f"axe-core at {shown}")
    return missing


def decide(missing: list[str], *, ci: str | None) -> Decision:
    """Return whether to run, skip or fail the browser tests, with the one line to show."""
    if not missing:
        return Decision("run")
    what = ", ".join(missing)
    if is_ci(ci):
        return Decision(
            "fail",
            f"Browser tests cannot run in CI: missing {what}. "
            f"CI must install them ({HOW_TO_ENABLE}); they are never skipped there.",
        )
    return Decision(
        "skip",
        f"Browser tests skipped: missing {what}. To enable them: {HOW_TO_ENABLE}",
    )
