"""Startup as an operator sees it: a bad or missing setting stops it with one clear line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "CACHE_URL"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run_check(DEBUG="0")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Configuration error: SECRET_KEY is not set.")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"DEBUG": "1", "DATABASE_URL": "nonsense"}, "DATABASE_URL"),
        ({"DEBUG": "1", "CACHE_URL": "memcache://x"}, "CACHE_URL"),
        ({"DEBUG": "1", "FEEDBACK_RETENTION_DAYS": "a year"}, "FEEDBACK_RETENTION_DAYS"),
        ({"DEBUG": "1", "LOG_FORMAT": "xml"}, "LOG_FORMAT"),
    ],
)
def test_it_names_the_variable_that_is_malformed(env, variable):
    result = run_check(**env)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert f"Configuration error: {variable}" in result.stderr


def test_it_starts_with_debug_off_when_a_secret_key_is_given():
    result = run_check(DEBUG="0", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
