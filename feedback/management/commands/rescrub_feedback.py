"""Apply the current scrubber to the comments already stored.

When the scrubber learns to recognise more (a new phone format, names without
a cue word, addresses without "bor i"), old comments were stored with the older
version. This command runs every stored comment through the scrubber and saves
the changed ones through ``Feedback.save()``, so the newer rules apply to old
feedback too. Run it once after deploying a scrubber change, e.g.
``docker compose exec web python manage.py rescrub_feedback``; ``--dry-run``
shows how many comments would change without writing anything.

It only ever removes: scrubbing is idempotent, so a comment the current rules
find nothing in is left exactly as stored, and running it twice changes nothing
the second time. (A text an older scrubber over-redacted, such as "Hilsen [navn
fjernet]" for "Hilsen en pårørende", cannot be given back: the original was
never stored.)
"""

from collections import Counter

from django.core.management.base import BaseCommand
from django.db import transaction

from feedback.models import Feedback


class Command(BaseCommand):
    help = (
        "Run the current scrubber over every stored feedback comment and save the ones "
        "where it removes something. Prints how many changed, by type."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would change, but save nothing.",
        )

    def handle(self, *args, dry_run: bool = False, **options):
        checked = 0
        changed = 0
        removed: Counter[str] = Counter()
        with transaction.atomic():
            # One by one through save(): the scrubber runs in save(), never around it.
            feedback = Feedback.objects.exclude(comment="").order_by("pk")
            for item in feedback.select_for_update().iterator(chunk_size=500):
                checked += 1
                result = item.apply_scrubber()
                if not result.changed:
                    continue
                changed += 1
                removed.update(result.counts)
                if not dry_run:
                    item.save(update_fields=["comment", "removed"])
        details = ", ".join(f"{kind}: {count}" for kind, count in sorted(removed.items()))
        verb = "would change" if dry_run else "changed"
        line = f"{changed} of {checked} comments {verb}"
        self.stdout.write(f"{line} ({details})." if details else f"{line}.")
