"""Load the real content once per run, then put it back after each test's flush in milliseconds.

Every browser test runs against pytest-django's ``live_server``, which makes it a
transactional test: the server thread must see committed rows, so the database is
emptied after each test instead of rolled back. Running ``load_content`` again for
every test would parse and save the whole rollout (with its history) each time.
Instead the rows that the first ``load_content`` created are kept in memory and
inserted again with one ``bulk_create`` per model, in one transaction: Django
declares foreign keys deferrable on SQLite and PostgreSQL, so the order of the
models does not matter. Sequences are moved past the restored keys afterwards
(PostgreSQL), so rows a test creates get fresh ids.
"""

from collections.abc import Callable

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction


def _content_models():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


class ContentSnapshot:
    """The rows a loader created, ready to be inserted again into an emptied database."""

    def __init__(self, rows: dict) -> None:
        self.rows = rows

    @classmethod
    def record(cls, load: Callable[[], None]) -> "ContentSnapshot":
        """Run ``load`` and return a snapshot of every row it created."""
        before = {
            model: set(model._base_manager.values_list("pk", flat=True))
            for model in _content_models()
        }
        load()
        rows = {}
        for model in _content_models():
            created = [
                obj for obj in model._base_manager.order_by("pk") if obj.pk not in before[model]
            ]
            if created:
                rows[model] = created
        return cls(rows)

    def restore(self) -> None:
        """Insert the recorded rows again (into a database the test framework has emptied)."""
        with transaction.atomic():
            for model, objects in self.rows.items():
                model._base_manager.bulk_create(objects)
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), list(self.rows)):
                    cursor.execute(statement)
