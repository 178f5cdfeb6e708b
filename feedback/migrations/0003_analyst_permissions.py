"""Give the editors' groups what the analysts' workspace needs.

- Analyse: triage (status and tags), tags and themes (their own words), the spike
  alerts, their own API keys, and reading the «Du sa – vi gjorde» notes.
- Kommunikasjon: triage too (they read the same answers), and writing the
  «Du sa – vi gjorde» notes, which are public.

Permissions are created first, as in ``phases/migrations/0002_editor_groups.py``.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADDED = {
    "Analyse": [
        "triage_feedback",
        *(f"{action}_{model}" for model in ("tag", "theme") for action in ("add", "change", "view", "delete")),
        "view_spikealert",
        "add_analysttoken",
        "view_analysttoken",
        "view_improvementnote",
    ],
    "Kommunikasjon": [
        "triage_feedback",
        "view_tag",
        "view_theme",
        "view_spikealert",
        *(f"{action}_improvementnote" for action in ("add", "change", "view", "delete")),
    ],
}


def add_permissions(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ADDED.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="feedback", codename__in=codenames)
        )


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ADDED.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="feedback", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0002_triage_themes_alerts_tokens_notes"),
        ("phases", "0002_editor_groups"),
    ]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
