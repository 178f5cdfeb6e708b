"""How much of the content exists in each language.

Bokmål is required; Nynorsk and English fall back to Bokmål when empty. An
object "lacks" a language when one of its translated fields has Bokmål text
and no text in that language. The admin shows this per object (a column and a
filter) and for the whole site (``published_coverage``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from modeltranslation.translator import translator

from helseplattform.languages import translated_languages
from phases.models import DateEntry, Milestone, Phase

# Editors write in the site's default language (Bokmål); the others are translations of it.
SOURCE_LANGUAGE = settings.LANGUAGE_CODE
# The content a visitor reads: phase texts, milestone texts, reasons in the date history.
TRANSLATED_MODELS = (Phase, Milestone, DateEntry)


def translated_fields(model) -> tuple[str, ...]:
    return tuple(sorted(translator.get_options_for_model(model).fields))


def _empty(name: str) -> Q:
    return Q(**{f"{name}__isnull": True}) | Q(**{name: ""})


def lacks_language(model, language: str) -> Q:
    """Return a filter for the objects with Bokmål text in a field that has none in ``language``."""
    condition = Q(pk__in=[])
    for field in translated_fields(model):
        condition |= ~_empty(f"{field}_{SOURCE_LANGUAGE}") & _empty(f"{field}_{language}")
    return condition


def missing_languages(obj) -> list[str]:
    """Return the translated languages the object lacks, read from its fields."""
    fields = translated_fields(type(obj))
    return [
        language
        for language in translated_languages()
        if any(
            getattr(obj, f"{field}_{SOURCE_LANGUAGE}") and not getattr(obj, f"{field}_{language}")
            for field in fields
        )
    ]


@dataclass(frozen=True)
class Coverage:
    language: str
    complete: int
    total: int


def published_coverage(*, at, language: str = "nn") -> Coverage:
    """Count the published texts, and those that exist in ``language`` (one query per model)."""
    complete = total = 0
    for model in TRANSLATED_MODELS:
        has_text = Q(pk__in=[])
        for field in translated_fields(model):
            has_text |= ~_empty(f"{field}_{SOURCE_LANGUAGE}")
        counts = (
            model.objects.published(at=at)
            .filter(has_text)
            .aggregate(
                total=Count("pk"), lacking=Count("pk", filter=lacks_language(model, language))
            )
        )
        total += counts["total"]
        complete += counts["total"] - counts["lacking"]
    return Coverage(language=language, complete=complete, total=total)
