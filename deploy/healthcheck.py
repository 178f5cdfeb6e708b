"""Ask this container's own server for a probe URL; exit 0 when it answers 200.

    python deploy/healthcheck.py            # /healthz: the process is alive (the image's HEALTHCHECK)
    python deploy/healthcheck.py /readyz    # it can serve: database and cache answer (compose)

The port is read from BIND (``0.0.0.0:8000`` in the image), the same variable
deploy/gunicorn.conf.py listens on, so a container started with another BIND
(host networking in CI) is still probed where it listens. Only the standard
library: the probe must not import Django, or a slow import would fail it.
"""

import os
import sys
import urllib.error
import urllib.request


def probe_url(path: str, bind: str) -> str:
    """Return the loopback URL of ``path`` on the port that ``bind`` names."""
    port = bind.rpartition(":")[2] or "8000"
    return f"http://127.0.0.1:{port}{path}"


def main(argv: list[str]) -> int:
    path = argv[1] if len(argv) > 1 else "/healthz"
    url = probe_url(path, os.environ.get("BIND", "0.0.0.0:8000"))
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback only
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as error:
        print(f"{url}: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
