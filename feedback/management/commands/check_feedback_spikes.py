"""Look for pages whose answers depart from their own baseline, and alert the Analyse group.

Run it every 15 minutes (cron, a Kubernetes CronJob or a systemd timer); an
alert is raised and mailed once per page, kind and day however often it runs.
The rule is in ``feedback/analysis/spikes.py``.
"""

from django.core.management.base import BaseCommand

from feedback.analysis import spikes


class Command(BaseCommand):
    help = (
        "Raise spike alerts for feedback (once per page, kind and day) and mail the Analyse group."
    )

    def handle(self, *args, **options):
        raised = spikes.check()
        for alert in raised:
            self.stdout.write(f"{alert.get_kind_display()}: {alert.summary}")
        self.stdout.write(f"{len(raised)} new alert(s).")
