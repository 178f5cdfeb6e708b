"""Run the alert worker: announce new major date changes and send the alert e-mails.

Runs as its own process (the ``worker`` service in compose, a Deployment in
Kubernetes). The queue is the database's ``Delivery`` table, so a restarted
worker goes on where the last one stopped, and each message is sent once
(``phases/alerts/worker.py`` says how). SIGTERM finishes the message in hand.
"""

import signal
import time

from django.core.management.base import BaseCommand

from phases.alerts import worker


class Command(BaseCommand):
    help = "Send the alert e-mails (confirmations and date changes) from the database's outbox."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One pass, then stop.")
        parser.add_argument(
            "--interval", type=float, default=5.0, help="Seconds between passes (default 5)."
        )

    def handle(self, *args, once=False, interval=5.0, **options):
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while True:
            attempted = worker.run_pass(stopping=lambda: stopping)
            if attempted:
                self.stdout.write(f"{attempted} message(s) attempted.")
            if once or stopping:
                return
            deadline = time.monotonic() + interval
            while not stopping and time.monotonic() < deadline:
                time.sleep(0.1)
