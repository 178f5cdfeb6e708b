"""`make serve` never runs several workers on a per-process cache (deploy/gunicorn.conf.py)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "gunicorn.conf.py"


def read_config(**env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "WEB_CONCURRENCY"}}
    return subprocess.run(
        [sys.executable, str(CONFIG)],
        env={**environ, **env},
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.mark.parametrize("cache", [None, "locmem://"])
def test_several_workers_on_a_per_process_cache_are_refused_naming_cache_url(cache):
    env = {"WEB_CONCURRENCY": "3"} | ({"CACHE_URL": cache} if cache else {})
    result = read_config(**env)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Configuration error: CACHE_URL is a per-process cache but WEB_CONCURRENCY is 3; "
        "set CACHE_URL to redis://… or file:///a/shared/directory, or WEB_CONCURRENCY=1."
    ]


@pytest.mark.parametrize(
    "env",
    [
        {"WEB_CONCURRENCY": "1"},
        {"WEB_CONCURRENCY": "3", "CACHE_URL": "redis://127.0.0.1:6379/0"},
        {"WEB_CONCURRENCY": "3", "CACHE_URL": "file:///tmp/hp-pages"},
    ],
)
def test_one_worker_or_a_shared_cache_is_accepted(env):
    assert read_config(**env).returncode == 0


def test_make_serve_gives_its_workers_a_shared_file_cache_by_default():
    makefile = (ROOT / "Makefile").read_text()
    serve = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "CACHE_URL=$${CACHE_URL:-file://$(CURDIR)/.cache/pages}" in serve
