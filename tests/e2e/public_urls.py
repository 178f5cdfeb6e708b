"""The public addresses the browser tests visit: a contract, written out literally.

Bokmål has no prefix, Nynorsk lives under ``/nn/`` and English under ``/en/``.
"""

from dataclasses import dataclass

LANGUAGES = ["nb", "nn", "en"]
PREFIXES = {"nb": "", "nn": "/nn", "en": "/en"}


@dataclass(frozen=True)
class PublicPage:
    name: str
    path: str
    status: int = 200

    def url(self, language: str) -> str:
        return localized(self.path, language)


PAGES = [
    PublicPage("timeline", "/"),
    PublicPage("organisations", "/virksomheter/"),
    PublicPage("map", "/virksomheter/kart/"),
    PublicPage("changes", "/endringer/"),
    PublicPage("accessibility", "/tilgjengelighet/"),
    PublicPage("about", "/om/"),
    PublicPage("privacy", "/personvern/"),
    PublicPage("roles", "/hva-betyr-det-for-meg/"),
    PublicPage("role", "/hva-betyr-det-for-meg/innbygger-og-pasient/"),
    PublicPage("glossary", "/ordliste/"),
    PublicPage("not-found", "/denne-siden-finnes-ikke/", status=404),
]


def localized(path: str, language: str) -> str:
    """Return the Bokmål path ``path`` as it is addressed in ``language``."""
    return PREFIXES[language] + path


def unlocalized(path: str) -> tuple[str, str]:
    """Return the language and Bokmål path of a site path (``/nn/endringer/`` → nn, /endringer/)."""
    for language, prefix in PREFIXES.items():
        if prefix and (path == prefix + "/" or path.startswith(prefix + "/")):
            return language, path[len(prefix) :]
    return "nb", path
