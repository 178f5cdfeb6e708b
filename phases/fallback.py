"""Which language a translated field is actually shown in.

django-modeltranslation shows the Bokmål text when a Nynorsk or English one is
missing. The page is then partly in another language than its ``<html lang>``,
and a screen reader would read Bokmål with English pronunciation unless the
element says ``lang="nb"``. ``shown_language`` answers which language that is.

>>> shown_language({"nb": "Forberedelsesfase", "nn": "", "en": "Preparation"}, "nn")
'nb'
>>> shown_language({"nb": "Forberedelsesfase", "nn": "Førebuingsfase"}, "nn")
'nn'

Pure Python; the template tag ``{% lang_attr %}`` wraps it.
"""

from collections.abc import Mapping, Sequence

__all__ = ["shown_language"]


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def shown_language(
    values: Mapping[str, object], requested: str, fallbacks: Sequence[str] = ("nb",)
) -> str:
    """Return the language whose value is shown when ``requested`` is asked for.

    ``values`` maps language codes to the stored text. When neither the requested
    language nor any fallback has text, the requested language is returned: an
    empty element needs no ``lang`` of its own.
    """
    for code in (requested, *fallbacks):
        if not _is_empty(values.get(code)):
            return code
    return requested
