"""The project package as an app: it owns two small tables of the serving core.

``ContentVersion`` (what is current, written with every content change) and
``Counter`` (login lock-out and rate-limit counters), see ``helseplattform.models``.
"""

from django.apps import AppConfig


class HelseplattformConfig(AppConfig):
    name = "helseplattform"
    verbose_name = "Helseplattformen"
    default_auto_field = "django.db.models.BigAutoField"
