"""ASGI entry point, for servers that speak ASGI (the site itself is served by gunicorn over WSGI)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helseplattform.settings")

application = get_asgi_application()
