"""Create a local demo account "redaktor" in the group Kommunikasjon (DEBUG only).

So that anyone who runs ``make run`` can try the editorial admin at once, without
creating a user. The password is new on every run and printed: acceptable for a
site on one's own machine, never for a real one, which is why the command
refuses to run with DEBUG off. Real accounts are made with ``create_editor``.
"""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

USERNAME = "redaktor"
GROUP = "Kommunikasjon"


class Command(BaseCommand):
    help = "DEBUG only: create or update the local demo editor 'redaktor' and print how to log in."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "create_demo_editor runs only with DEBUG=1: it prints a password, so it is "
                "for a local copy of the site. Use create_editor for real accounts."
            )
        try:
            group = Group.objects.get(name=GROUP)
        except Group.DoesNotExist as error:
            raise CommandError("Run `manage.py migrate` first: the group is missing.") from error
        password = secrets.token_urlsafe(12)
        User = get_user_model()
        with transaction.atomic():
            user, created = User.objects.get_or_create(username=USERNAME)
            user.is_staff = True
            user.is_active = True
            user.is_superuser = False
            user.set_password(password)
            user.save()
            user.groups.set([group])
        port = os.environ.get("PORT", "8000")
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} the local demo editor (group {GROUP}).")
        self.stdout.write(
            f"Log in at http://127.0.0.1:{port}/{settings.ADMIN_PATH} "
            f"as {USERNAME} with the password {password} (this machine only)."
        )
