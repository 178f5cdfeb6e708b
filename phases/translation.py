"""Translated fields (nb, nn, en; empty Nynorsk or English falls back to Bokmål).

Organisation names are not translated: "Trondheim kommune" is its name in every
language. Slugs are not translated either, so a link works on every language's site.
"""

from modeltranslation.translator import TranslationOptions, register

from phases.guidance.models import GlossaryTerm, RolePage
from phases.models import DateEntry, Milestone, Phase


@register(Phase)
class PhaseTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")
    # The Bokmål title is required; the other languages fall back to it.
    required_languages = {"nb": ("title",)}


@register(Milestone)
class MilestoneTranslationOptions(TranslationOptions):
    fields = ("title", "description", "impact_period", "impact_unaffected", "impact_contact")
    required_languages = {"nb": ("title",)}


@register(DateEntry)
class DateEntryTranslationOptions(TranslationOptions):
    fields = ("reason",)


@register(RolePage)
class RolePageTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = {"nb": ("title",)}


@register(GlossaryTerm)
class GlossaryTermTranslationOptions(TranslationOptions):
    fields = ("term", "other_forms", "definition")
    required_languages = {"nb": ("term", "definition")}
