"""WSGI entry point for gunicorn (see deploy/gunicorn.conf.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helseplattform.settings")

application = get_wsgi_application()

from helseplattform.requests import Request  # noqa: E402 - needs settings loaded

# Built even when Django cannot parse its Content-Type, so the answer is a 400, not a bare 500.
application.request_class = Request
