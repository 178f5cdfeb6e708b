"""Send raw requests through the site's real WSGI application (``helseplattform.wsgi``).

Django's test client builds its own request object, so it cannot send what only the
WSGI handler sees: a ``Content-Type`` that Django fails to parse while building the
request. These helpers call the same application gunicorn serves, in this process,
on the test database.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass, field

from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import translation


@dataclass
class Answer:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def __getitem__(self, name: str) -> str:
        return self.headers[name.lower()]

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.headers.get(name.lower(), default)


def call(
    method: str,
    path: str,
    *,
    body: bytes = b"",
    query: str = "",
    headers: dict[str, str] | None = None,
    content_length: str | None = None,
) -> Answer:
    """Send one request through the WSGI application and return its answer."""
    from helseplattform.wsgi import application

    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
        "CONTENT_LENGTH": str(len(body)) if content_length is None else content_length,
    }
    for name, value in (headers or {}).items():
        key = name.upper().replace("-", "_")
        if key in {"CONTENT_TYPE", "CONTENT_LENGTH"}:
            environ[key] = value
        else:
            environ[f"HTTP_{key}"] = value
    started: dict = {}

    def start_response(status, response_headers, exc_info=None):
        started["status"] = int(status.split()[0])
        started["headers"] = {name.lower(): value for name, value in response_headers}

    # As Django's test client does: keep the test's database connection (and its
    # transaction) open across the request instead of closing it at the end.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    # The language the request activates (LocaleMiddleware) is the test's no longer after.
    language = translation.get_language()
    try:
        chunks = application(environ, start_response)
        try:
            content = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        translation.activate(language) if language else translation.deactivate_all()
    return Answer(started["status"], started["headers"], content)
