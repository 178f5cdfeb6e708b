"""Plain-text fields stay plain: titles, names, summaries, descriptions and reasons refuse markup.

Only the phase text (``Phase.body``) is rich text, sanitised by ``phases/richtext.py``.
Everything else is shown as text on the site and served as text by the API, where a
site that embeds it might not escape it: a ``<script>`` or an ``<img onerror=…>`` in
a title would run there. So markup is refused when an editor saves, with a message
that says what to write instead. A lone "<" (``< 5 %``) is text and allowed.

>>> contains_markup("Trondheim kommune tar i bruk Helseplattformen")
False
>>> contains_markup("Mindre enn < 5 % gjenstår")
False
>>> contains_markup("Fase <b>2</b>")
True
>>> contains_markup("&lt;script&gt;")
True
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The start of a tag, an end tag, a comment or a declaration; or a character reference.
MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#x[0-9a-fA-F]+);")


def contains_markup(text: str) -> bool:
    """Return True when ``text`` holds an HTML tag, comment or character reference."""
    return bool(MARKUP.search(text or ""))


def reject_markup(value: str) -> None:
    """Refuse a plain-text value that contains markup (a model field validator)."""
    if contains_markup(value):
        raise ValidationError(
            _(
                "Feltet er ren tekst og kan ikke inneholde HTML-kode som <b> eller <script>. "
                "Fjern koden og skriv teksten slik den skal vises."
            ),
            code="markup",
        )
