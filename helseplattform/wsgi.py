"""WSGI entry point for gunicorn (see deploy/gunicorn.conf.py).

Django is wrapped in ``CachedPageApplication``, which answers repeat requests for
cached public pages from this process's copies before Django runs (see
``helseplattform/caching.py``).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helseplattform.settings")

django_application = get_wsgi_application()

from helseplattform.caching import CachedPageApplication  # noqa: E402 - needs settings loaded
from helseplattform.requests import Request  # noqa: E402 - needs settings loaded

# Built even when Django cannot parse its Content-Type, so the answer is a 400, not a bare 500.
django_application.request_class = Request
application = CachedPageApplication(django_application)
