"""The site's languages, and links to the current page in each of them.

``settings.LANGUAGES`` is the one list of the site's languages (Bokmål first, the
default); ``site_languages`` and ``translated_languages`` read it for the code that
loops over them (content columns, the API, the admin's translation coverage).

The links are used by the language switcher and the ``hreflang`` alternates in ``base.html``.
Bokmål lives at ``/``, Nynorsk at ``/nn/`` and English at ``/en/``; Django's
``translate_url`` maps the current path between them, and the query string
(for example the organisation filters) is kept so the visitor stays where they were.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, get_language_from_path


def site_languages() -> list[str]:
    """Return the codes of the site's languages, the default (Bokmål) first."""
    return [code for code, _name in settings.LANGUAGES]


def translated_languages() -> list[str]:
    """Return the codes of the languages the content is translated into: all but the default."""
    return [code for code in site_languages() if code != settings.LANGUAGE_CODE]


# Each language is named in itself, so a reader finds their own language whatever page they are on.
NATIVE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    absolute_url: str
    is_current: bool


def path_in_language(path: str, code: str) -> str:
    """Return ``path`` with its language prefix swapped for ``code``'s.

    For addresses no URL pattern matches (a 404 page), where ``translate_url``
    can only give the path back unchanged: the reader still lands on the same
    address in the other language, and gets the 404 page in that language.
    """
    current = get_language_from_path(path)
    rest = path.removeprefix(f"/{current}") if current else path
    return rest if code == settings.LANGUAGE_CODE else f"/{code}{rest}"


def links_for(request: HttpRequest, current: str) -> list[LanguageLink]:
    """Return the address of the requested page in every site language."""
    query = request.GET.urlencode()
    suffix = f"?{query}" if query else ""
    links = []
    for code in site_languages():
        url = translate_url(request.path, code)
        if url == request.path and code != current:
            url = path_in_language(request.path, code)
        url += suffix
        links.append(
            LanguageLink(
                code=code,
                name=NATIVE_NAMES.get(code, code),
                url=url,
                absolute_url=request.build_absolute_uri(url),
                is_current=code == current,
            )
        )
    return links


def language_links(request: HttpRequest) -> dict[str, list[LanguageLink]]:
    """Context processor: ``language_links`` for the page being rendered."""
    return {"language_links": links_for(request, get_language())}
