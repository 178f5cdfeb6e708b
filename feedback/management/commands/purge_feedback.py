"""Delete feedback older than the retention period (storage limitation under the GDPR).

The feedback is only useful for a while, and keeping it longer than needed is
not allowed. Run this daily in production (see README); the period is the
setting FEEDBACK_RETENTION_DAYS (365 days unless set), ``--days`` overrides it
for one run, and ``--dry-run`` counts without deleting.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from feedback.models import Feedback


class Command(BaseCommand):
    help = "Delete feedback older than FEEDBACK_RETENTION_DAYS days (365 unless set)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Delete feedback older than this many days instead of FEEDBACK_RETENTION_DAYS.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be deleted, but delete nothing.",
        )

    def handle(self, *args, days: int | None = None, dry_run: bool = False, **options):
        days = settings.FEEDBACK_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError(f"--days must be at least 1, not {days}.")
        now = timezone.now()
        with transaction.atomic():
            old = Feedback.objects.older_than(days=days, now=now)
            count = old.count()
            if not dry_run:
                old.delete()
        cutoff = timezone.localtime(now - datetime.timedelta(days=days))
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {count} feedback entries older than {days} days "
            f"(given before {cutoff:%Y-%m-%d %H:%M})."
        )
