"""deploy/nginx.conf loads in nginx, as the benchmark renders it (nginx -t)."""

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NGINX_CONF = ROOT / "deploy" / "nginx.conf"


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_run", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def nginx():
    path = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is not installed; .ci/run installs nginx-light")
        pytest.skip("nginx is not installed (apt-get install nginx-light); CI runs this test")
    return path


def test_the_proxy_config_passes_nginx_t(nginx, tmp_path):
    bench = load_bench()
    conf = bench.render_nginx_conf(
        NGINX_CONF.read_text(),
        upstream="127.0.0.1:1",
        listen="127.0.0.1:1",
        cache_dir=tmp_path / "cache",
        extra_http=bench.temp_paths(tmp_path),
    )
    path = tmp_path / "nginx.conf"
    path.write_text(conf)
    result = subprocess.run(
        [
            nginx,
            "-t",
            "-p",
            str(tmp_path),
            "-c",
            str(path),
            "-e",
            "stderr",
            "-g",
            f"pid {tmp_path / 'nginx.pid'};",
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_the_rendered_copy_differs_only_in_upstream_listen_and_cache_dir(tmp_path):
    bench = load_bench()
    original = NGINX_CONF.read_text()
    conf = bench.render_nginx_conf(
        original, upstream="127.0.0.1:9", listen="127.0.0.1:8", cache_dir=tmp_path
    )
    changed = [line for line in conf.splitlines() if line not in original.splitlines()]
    assert len(changed) == 3, changed


@pytest.mark.parametrize(
    "directive",
    [
        "proxy_cache_revalidate on;",
        "proxy_cache_lock on;",
        "proxy_cache_use_stale error timeout updating http_500 http_502 http_503 http_504;",
        "proxy_cache_background_update on;",
        "proxy_cache_bypass $private_request;",
        "proxy_no_cache $private_request;",
        "proxy_set_header X-Forwarded-Proto $forwarded_proto;",
    ],
)
def test_the_proxy_config_caches_as_the_app_says_and_serves_stale(directive):
    assert directive in NGINX_CONF.read_text()


def test_the_proxy_access_log_has_no_address_or_query_string():
    text = NGINX_CONF.read_text()
    log_format = text[
        text.index("log_format privacy") : text.index(";", text.index("log_format privacy"))
    ]
    for variable in (
        "$remote_addr",
        "$request ",
        "$request_uri",
        "$args",
        "$query_string",
        "$http_",
        "$binary_remote_addr",
    ):
        assert variable not in log_format
    assert "access_log /dev/stdout privacy" in text


def test_the_proxy_keys_pages_on_the_parameters_they_read_only():
    # The request's own query string ($args, $request_uri) would let ?fnr=… or random
    # strings make new entries; the key is built from named parameters instead.
    conf = NGINX_CONF.read_text()
    key = next(line for line in conf.splitlines() if "proxy_cache_key" in line)
    assert "$request_uri" not in key
    assert "$args" not in key
    assert "$page_query" in key
    assert "$args" not in conf.split("map $uri $page_query")[1].split("}")[0]
