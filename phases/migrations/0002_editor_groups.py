"""Create the editors' groups "Kommunikasjon" and "Analyse" with their permissions.

Django creates permissions after migrations (post_migrate), so on a fresh
database they do not exist yet when this runs: ``create_permissions`` is called
for the apps first. Running it again only brings the groups back to this list.

- Kommunikasjon: add, change, view and delete content (phases, milestones,
  organisations, the date history) and view its history; view feedback and its
  statistics. Deleting published content is refused in the admin
  (``has_delete_permission``): only drafts can be deleted. No user admin, no
  deleting feedback.
- Analyse: view feedback and its statistics, nothing else.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_MODELS = ("phase", "milestone", "organisation", "dateentry")
HISTORY_MODELS = tuple(f"historical{model}" for model in CONTENT_MODELS)

GROUPS = {
    "Kommunikasjon": [
        *(
            ("phases", f"{action}_{model}")
            for model in CONTENT_MODELS
            for action in ("add", "change", "view", "delete")
        ),
        *(("phases", f"view_{model}") for model in HISTORY_MODELS),
        ("feedback", "view_feedback"),
    ],
    "Analyse": [("feedback", "view_feedback")],
}


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in wanted
        ]
        group.permissions.set(permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("phases", "0001_initial"),
        ("feedback", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
