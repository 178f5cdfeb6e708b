"""Link the first use of each glossary term in a sanitised HTML text to its entry.

Works on the text between the tags only: a tag (with its attributes) is copied as
it is, and text inside a link or a heading is never linked. Each term is linked
once, at its first use; the terms already linked earlier on the same page are
passed in, so a page of several texts links each term once in all.

A form written in lower case is found in any case («Superbrukere» at the start
of a sentence); one with a capital only as written («Epic», not «epic»). The
common endings of Norwegian and English nouns are recognised, a compound word
is not:

>>> terms = [Term("superbruker", ("superbruker",)), Term("epic", ("Epic",))]
>>> linked = link_first_uses(
...     "<h2>Superbruker</h2><p>Epic lærer opp superbrukere og superbrukerne.</p>",
...     terms,
...     href=lambda slug: f"/ordliste/#{slug}",
... )
>>> linked.html
'<h2>Superbruker</h2><p><a href="/ordliste/#epic" class="term-link">Epic</a> lærer opp \
<a href="/ordliste/#superbruker" class="term-link">superbrukere</a> og superbrukerne.</p>'
>>> sorted(linked.slugs)
['epic', 'superbruker']

Expects the output of ``phases.richtext.sanitise`` (well-formed, attributes in double
quotes, ``<`` escaped in text). Pure Python, no Django imports.
"""

from __future__ import annotations

import html as html_module
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

__all__ = ["ENDINGS", "Linked", "Term", "link_first_uses"]

# A tag: "<", then anything but ">" outside quoted attribute values, then ">".
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")
_TAG_NAME = re.compile(r"^<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)")

# Text inside these is never linked: a link in a link is invalid, and a heading
# names its section rather than using the word.
NEVER_INSIDE = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "dfn", "abbr", "code"})

# Endings of the inflected forms of a noun: superbruker-e/-en/-ne, fastlege-n/-r, helseforetak-et/-ene,
# (nn) pasientportal-ar/-ane, (en) go-live-s, and the genitive -s.
ENDINGS = (
    "e",
    "en",
    "er",
    "ene",
    "et",
    "n",
    "ne",
    "r",
    "a",
    "ar",
    "ane",
    "s",
    "es",
    "ns",
    "ens",
    "ets",
)


@dataclass(frozen=True)
class Term:
    """A glossary entry as the linker sees it: its anchor and the forms written in the text."""

    slug: str
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Linked:
    """The text with its links, and the slugs of every term linked on the page so far."""

    html: str
    slugs: frozenset[str]


def _pattern(form: str) -> str:
    """Return the regular expression of one form, with its endings, as a whole word."""
    escaped = re.escape(html_module.escape(form, quote=False))
    endings = "|".join(sorted(ENDINGS, key=len, reverse=True))
    body = f"{escaped}(?:{endings})?"
    # A lower-case form matches in any case; a capitalised one only as written.
    if form == form.lower():
        body = f"(?i:{body})"
    # Whole words: no letter, digit or hyphen (a compound's joint) on either side, and
    # never the name of a character reference ("&amp;", "&#233;").
    return rf"(?<![\w&#-]){body}(?![\w-])"


def _matcher(terms: Iterable[Term]) -> tuple[re.Pattern | None, list[str]]:
    slugs, alternatives = [], []
    forms = [(form, term.slug) for term in terms for form in term.forms if form.strip()]
    # The longest form first: «pasientportal» before «portal».
    for index, (form, slug) in enumerate(sorted(forms, key=lambda pair: -len(pair[0]))):
        alternatives.append(f"(?P<t{index}>{_pattern(form)})")
        slugs.append(slug)
    if not alternatives:
        return None, slugs
    return re.compile("|".join(alternatives)), slugs


def link_first_uses(
    html: str,
    terms: Sequence[Term],
    *,
    href: Callable[[str], str],
    already_linked: frozenset[str] = frozenset(),
) -> Linked:
    """Return the HTML with the first use of each term not in ``already_linked`` made a link."""
    linked = set(already_linked)
    matcher, slugs = _matcher(term for term in terms if term.slug not in linked)
    if matcher is None or not html:
        return Linked(html or "", frozenset(linked))

    def link_in(text: str) -> str:
        def replace(match: re.Match) -> str:
            slug = slugs[int(match.lastgroup[1:])]
            if slug in linked:
                return match.group(0)
            linked.add(slug)
            address = html_module.escape(href(slug), quote=True)
            return f'<a href="{address}" class="term-link">{match.group(0)}</a>'

        return matcher.sub(replace, text)

    parts = []
    open_excluded = []  # the names of the open elements whose text is never linked
    position = 0
    for tag in _TAG.finditer(html):
        text = html[position : tag.start()]
        parts.append(link_in(text) if text and not open_excluded else text)
        parts.append(tag.group(0))
        position = tag.end()
        name = _TAG_NAME.match(tag.group(0))
        if name is None:
            continue
        closing, tag_name = name.group(1) == "/", name.group(2).lower()
        if tag_name not in NEVER_INSIDE:
            continue
        if closing:
            if tag_name in open_excluded:
                # Close the innermost element of that name (and anything left open in it).
                del open_excluded[len(open_excluded) - 1 - open_excluded[::-1].index(tag_name) :]
        elif not tag.group(0).endswith("/>"):
            open_excluded.append(tag_name)
    tail = html[position:]
    parts.append(link_in(tail) if tail and not open_excluded else tail)
    return Linked("".join(parts), frozenset(linked))
