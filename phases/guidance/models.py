"""The role pages («Hva betyr det for meg?») and the glossary terms.

Both are public content like the phases: published by ``publish_at``, translated
(``phases/translation.py``), with history, and every save bumps the content
version (``Publishable``), so a change reaches every cached page within a second.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from phases.models import Publishable, PublishableQuerySet
from phases.plaintext import reject_markup


class RolePage(Publishable):
    """What Helseplattformen means for one group of people, and where they get help."""

    slug = models.SlugField(
        _("adresse"),
        max_length=100,
        unique=True,
        help_text=_(
            "Delen av nettadressen som navngir siden, for eksempel «parorende». "
            "Sidene om virksomhetene lenker til de fem rollene med disse adressene: "
            "ikke endre dem."
        ),
    )
    title = models.CharField(
        _("tittel"),
        max_length=200,
        validators=[reject_markup],
        help_text=_("For eksempel «Pårørende»."),
    )
    summary = models.TextField(
        _("sammendrag"),
        blank=True,
        validators=[reject_markup],
        help_text=_("Én eller to setninger. Vises i oversikten og i søkeresultater."),
    )
    body = models.TextField(
        _("tekst"),
        blank=True,
        help_text=_(
            "Avsnitt, mellomtitler, lenker, lister og utheving. Annen formatering fjernes når "
            "teksten vises. Skriv bare det kildene sier; lenk til virksomhetens side i stedet "
            "for å gjenta datoer."
        ),
    )
    position = models.PositiveSmallIntegerField(
        _("rekkefølge"), default=0, help_text=_("Sidene vises i stigende rekkefølge.")
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("rolleside")
        verbose_name_plural = _("rollesider («Hva betyr det for meg?»)")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("phases:role", kwargs={"slug": self.slug})


class GlossaryTerm(Publishable):
    """One word of the ordliste, with the forms it is recognised by in the texts."""

    slug = models.SlugField(
        _("adresse"),
        max_length=100,
        unique=True,
        help_text=_("Ankeret i ordlisten, for eksempel «superbruker» for /ordliste/#superbruker."),
    )
    term = models.CharField(
        _("ord"),
        max_length=100,
        validators=[reject_markup],
        help_text=_("Ordet slik det står i ordlisten, for eksempel «superbruker»."),
    )
    other_forms = models.TextField(
        _("andre former"),
        blank=True,
        validators=[reject_markup],
        help_text=_(
            "Andre ord i tekstene som skal lenke hit, ett per linje, for eksempel «go-live». "
            "Vanlige bøyninger (superbrukere, superbrukerne) kjennes igjen uten at du skriver "
            "dem. Skriv med liten forbokstav, så kjennes ordet igjen også først i en setning."
        ),
    )
    definition = models.TextField(
        _("forklaring"),
        validators=[reject_markup],
        help_text=_("Én til tre setninger i klarspråk. Bare alminnelig kjent betydning."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("ord i ordlisten")
        verbose_name_plural = _("ordliste")

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return f"{reverse('phases:glossary')}#{self.slug}"

    @property
    def forms(self) -> tuple[str, ...]:
        """Return the term and its other forms (in the active language), blank lines left out."""
        lines = [self.term, *self.other_forms.splitlines()]
        return tuple(line.strip() for line in lines if line.strip())
