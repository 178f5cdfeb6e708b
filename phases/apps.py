from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class PhasesConfig(AppConfig):
    name = "phases"
    verbose_name = _("Tidslinje")

    def ready(self):
        # Norwegian order on SQLite: the same collation name as PostgreSQL's ICU one
        # (see phases/collation.py and the migration 0009_norwegian_collation).
        connection_created.connect(register_norwegian_collation)

        # History is registered here, not with HistoricalRecords() on the models:
        # modeltranslation adds the title_nb/_nn/_en columns in its own ready(),
        # which runs first (it is first in INSTALLED_APPS). A historical model
        # built from the class body would miss them, and the history of a
        # Nynorsk text would be lost. tests/phases/test_history.py guards this.
        import simple_history

        from helseplattform.content import register_public_content
        from phases.models import DateEntry, GlossaryTerm, Milestone, Organisation, Phase, RolePage

        # What the public pages show, and which fields schedule it (helseplattform.content
        # derives the scheduled moments from these columns; no cron writes them).
        for model in (Phase, Milestone, Organisation, RolePage, GlossaryTerm):
            register_public_content(model, scheduled_fields=("publish_at", "unpublish_at"))
        register_public_content(DateEntry)

        for model in (Phase, Organisation, DateEntry, RolePage, GlossaryTerm):
            simple_history.register(model, app=self.label)
        # Which organisations a milestone concerns is part of its history too: each
        # version keeps its list (HistoricalMilestone_organisations), compared and restored.
        simple_history.register(Milestone, app=self.label, m2m_fields=["organisations"])


def register_norwegian_collation(sender, connection, **kwargs):
    """Teach a new SQLite connection the collation that sorts names the Norwegian way."""
    if connection.vendor == "sqlite":
        from phases.collation import NORWEGIAN, compare

        connection.connection.create_collation(NORWEGIAN, compare)
