"""Give a person a staff account in one of the editors' groups, from the command line.

The groups come from a migration (``phases/migrations/0002_editor_groups.py``):
"Kommunikasjon" edits the content, "Analyse" reads feedback. Creating the
account here, rather than in the admin, means nobody needs the user admin
(which the groups deliberately cannot reach) to bring a colleague in.

The password is asked for (twice, not echoed) or read from an environment
variable named with ``--password-from-env``; it is checked against the password
validators and never printed. Running the command again for an existing user
sets the password again and adds the group.
"""

import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

GROUPS = ("Kommunikasjon", "Analyse")


class Command(BaseCommand):
    help = (
        "Create (or update) a staff user in the group Kommunikasjon or Analyse. "
        "The password is prompted for, or read from the variable named by --password-from-env."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--group", required=True, choices=GROUPS)
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="Read the password from this environment variable instead of prompting.",
        )

    def handle(self, *args, username, group, email, password_from_env, **options):
        try:
            group_obj = Group.objects.get(name=group)
        except Group.DoesNotExist as error:
            raise CommandError(
                f"The group {group!r} does not exist: run `manage.py migrate` first."
            ) from error
        User = get_user_model()
        user = User.objects.filter(username=username).first() or User(username=username)
        if email:
            user.email = email
        password = self.read_password(password_from_env)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("The password was refused: " + " ".join(error.messages)) from error

        created = user.pk is None
        with transaction.atomic():
            user.is_staff = True
            user.is_active = True
            user.set_password(password)
            user.save()
            user.groups.add(group_obj)
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} staff user {username!r} in the group {group}.")

    def read_password(self, variable):
        if variable:
            password = os.environ.get(variable)
            if not password:
                raise CommandError(f"The environment variable {variable} is not set or empty.")
            return password
        if not sys.stdin.isatty():
            raise CommandError("No terminal to ask for the password: use --password-from-env VAR.")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords did not match.")
        return password
