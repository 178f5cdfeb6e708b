"""The rule that decides whether browser tests run, skip (locally) or fail (in CI)."""

from pathlib import Path

import pytest

from tests.e2e.availability import AXE_SOURCE, chromium_path, decide, is_ci, missing_requirements


def test_it_runs_when_nothing_is_missing_in_ci_or_locally():
    assert decide([], ci="true").action == "run"
    assert decide([], ci=None).action == "run"


def test_it_skips_locally_with_one_line_saying_how_to_enable_the_tests():
    decision = decide(["Chromium at /usr/bin/chromium"], ci=None)

    assert decision.action == "skip"
    assert "\n" not in decision.message
    assert "Chromium at /usr/bin/chromium" in decision.message
    assert "apt-get install chromium" in decision.message
    assert "npm ci" in decision.message


def test_it_fails_in_ci_instead_of_skipping():
    decision = decide(["axe-core at node_modules/axe-core/axe.min.js"], ci="true")

    assert decision.action == "fail"
    assert "axe-core" in decision.message
    assert "never skipped" in decision.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, False),
        ("", False),
        ("0", False),
        ("false", False),
        ("False", False),
        ("no", False),
        ("true", True),
        ("1", True),
        ("yes", True),
        ("anything-else", True),
    ],
)
def test_it_reads_the_ci_variable_like_ci_services_set_it(value, expected):
    assert is_ci(value) is expected


def test_it_names_every_missing_requirement():
    missing = missing_requirements(
        chromium="/nowhere/chromium",
        axe_source=AXE_SOURCE.parent / "not-there.js",
        has_playwright=False,
        is_executable=lambda path: False,
    )

    assert len(missing) == 3
    assert any("playwright" in item for item in missing)
    assert any("/nowhere/chromium" in item for item in missing)
    assert any("axe-core" in item for item in missing)


def test_it_finds_nothing_missing_when_everything_is_there():
    axe = Path(__file__)  # any existing file stands in for axe.min.js
    missing = missing_requirements(
        chromium="/usr/bin/chromium",
        axe_source=axe,
        has_playwright=True,
        is_executable=lambda path: True,
    )

    assert missing == []


def test_chromium_path_can_be_overridden_by_the_environment():
    assert chromium_path({}) == "/usr/bin/chromium"
    assert chromium_path({"CHROMIUM_PATH": "/opt/chromium/chrome"}) == "/opt/chromium/chrome"
