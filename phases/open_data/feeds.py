"""Atom feeds of date changes: the whole site's (``/endringer/feed/``), one organisation's
(``/virksomheter/<slug>/feed/``) and one phase's (``/fase/<slug>/feed/``), in each language.

For journalists, and anyone who wants to be told when a date that concerns them
moves. The entries are the change log's (``DateEntry.objects.published(at=…).changes()``)
that an editor marked major (``is_major``: a go-live moved, cancelled or done),
newest decision first; a wording correction is not announced. One or two queries,
whatever the amount of content. Every page announces the site's feed in its
``<head>``; organisation and phase pages announce their own as well.

Entry ids are tag URIs built from the entry's primary key and the language
(``tag:helseplattformen-tidslinje,2019:endring/nb/42``): history entries are
added and never replaced (``load_content`` updates them in place), so an id
never changes, and the Bokmål and English texts of one change are two entries.
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from helseplattform.local_time import local_midnight
from phases.models import DateEntry, Milestone, Organisation, Phase
from phases.richtext import web_url

# Feed readers fetch the whole document on every poll: the newest changes are what they need.
FEED_LENGTH = 50
ID_AUTHORITY = "helseplattformen-tidslinje,2019"


def entry_id(entry: DateEntry, language: str) -> str:
    """Return the stable Atom id of an entry in a language."""
    return f"tag:{ID_AUTHORITY}:endring/{language}/{entry.pk}"


class ChangesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request):
        # The "object" of this feed is the moment it is built: what is public then.
        return timezone.now()

    def title(self):
        return f"{_('Endringslogg')} – {_('Helseplattformen i Midt-Norge')}"

    def subtitle(self):
        return _(
            "Hver gang en dato i planen er endret, og hver gang en kilde har meldt at noe "
            "faktisk skjedde. Nyeste først, med begrunnelse og kilde. Gamle datoer blir aldri "
            "overskrevet."
        )

    def author_name(self):
        return _("Helseplattformen i Midt-Norge")

    def link(self):
        return reverse("phases:changes")

    def feed_url(self):
        return reverse("phases:changes_feed")

    def items(self, at):
        return self.announced(DateEntry.objects.published(at=at))

    @staticmethod
    def announced(entries):
        """Return the major changes among ``entries``, newest first, at most ``FEED_LENGTH``."""
        return (
            entries.changes()
            .filter(is_major=True)
            .select_related("phase", "milestone__phase")[:FEED_LENGTH]
        )

    def item_title(self, entry):
        language = get_language()
        if entry.kind == DateEntry.Kind.UNSETTLED:
            what = _("den planlagte datoen gjelder ikke lenger, og ny dato er ikke bestemt")
        else:
            what = entry.period.format(language)
        return f"{entry.owner.title}: {entry.get_kind_display()}: {what}"

    def item_description(self, entry):
        parts = []
        if entry.reason:
            parts.append(format_html("<p>{}</p>", entry.reason))
        url = web_url(entry.source_url)
        if url:
            parts.append(
                format_html(
                    '<p>{}: <a href="{}">{}</a></p>',
                    _("Kilde"),
                    url,
                    entry.source_title or url,
                )
            )
        return format_html_join("", "{}", ((part,) for part in parts))

    def item_link(self, entry):
        if entry.milestone_id:
            milestone = entry.milestone
            return f"{reverse('phases:phase', args=[milestone.phase.slug])}#{milestone.slug}"
        return f"{reverse('phases:phase', args=[entry.phase.slug])}#datoer"

    def item_guid(self, entry):
        return entry_id(entry, get_language())

    def item_pubdate(self, entry):
        return local_midnight(entry.decided_on) if entry.decided_on else None

    def item_updateddate(self, entry):
        # Atom requires <updated>: without a decision date, when the owner was published here.
        if entry.decided_on:
            return local_midnight(entry.decided_on)
        return entry.owner.publish_at


class OrganisationChangesFeed(ChangesFeed):
    """The major date changes of one organisation's go-lives: «følg denne virksomheten»."""

    def get_object(self, request, slug):
        at = timezone.now()
        return at, get_object_or_404(Organisation.objects.published(at=at), slug=slug)

    def title(self, obj):
        _at, organisation = obj
        return f"{organisation.name} – {_('Helseplattformen i Midt-Norge')}"

    def subtitle(self, obj):
        _at, organisation = obj
        return _("Når datoen for å ta i bruk Helseplattformen endres for %(name)s.") % {
            "name": organisation.name
        }

    def link(self, obj):
        return reverse("phases:organisation", args=[obj[1].slug])

    def feed_url(self, obj):
        return reverse("phases:organisation_feed", args=[obj[1].slug])

    def items(self, obj):
        at, organisation = obj
        milestones = Milestone.objects.published(at=at).filter(organisations=organisation)
        return self.announced(DateEntry.objects.published(at=at).filter(milestone__in=milestones))


class PhaseChangesFeed(ChangesFeed):
    """The major date changes of one phase and its milestones."""

    def get_object(self, request, slug):
        at = timezone.now()
        return at, get_object_or_404(Phase.objects.published(at=at), slug=slug)

    def title(self, obj):
        return f"{obj[1].title} – {_('Helseplattformen i Midt-Norge')}"

    def subtitle(self, obj):
        return _("Når en dato i fasen «%(title)s» endres.") % {"title": obj[1].title}

    def link(self, obj):
        return reverse("phases:phase", args=[obj[1].slug])

    def feed_url(self, obj):
        return reverse("phases:phase_feed", args=[obj[1].slug])

    def items(self, obj):
        at, phase = obj
        return self.announced(
            DateEntry.objects.published(at=at).filter(Q(phase=phase) | Q(milestone__phase=phase))
        )
