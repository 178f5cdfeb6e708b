"""The feedback app's translated fields (django-modeltranslation): nb, nn and en columns."""

from modeltranslation.translator import TranslationOptions, register

from feedback.models import ImprovementNote


@register(ImprovementNote)
class ImprovementNoteTranslation(TranslationOptions):
    fields = ("title", "body")
