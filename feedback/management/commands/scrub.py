"""Scrub texts given on stdin: a JSON list of strings in, the scrubbed list out.

For staff who want to see what the scrubber removes before trusting it, and for
tooling (the benchmarks, checks of new scrubber versions against old comments):

    echo '["Ring meg på 912 34 567"]' | python manage.py scrub
    ["Ring meg på [telefonnummer fjernet]"]
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from feedback.scrubber import scrub


class Command(BaseCommand):
    help = (
        "Read a JSON list of strings on stdin and write the list with personal data "
        "removed to stdout, in the same order."
    )
    # call_command(..., stdin=io.StringIO(...)) in tests and tools.
    stealth_options = ("stdin",)

    def handle(self, *args, **options):
        stdin = options.get("stdin") or sys.stdin
        try:
            texts = json.load(stdin)
        except json.JSONDecodeError as error:
            raise CommandError(
                f"stdin is not valid JSON ({error.msg}, line {error.lineno} column {error.colno}); "
                'expected a list of strings such as ["Ring 912 34 567"].'
            ) from None
        if not isinstance(texts, list) or not all(isinstance(text, str) for text in texts):
            raise CommandError('Expected a JSON list of strings, such as ["Ring 912 34 567"].')
        self.stdout.write(json.dumps([scrub(text) for text in texts], ensure_ascii=False))
