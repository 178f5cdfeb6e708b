"""Themes in the comments: keywords matched by their stem, and suggestions for new themes.

A theme is a list of keywords ("logge inn", "innlogging", "BankID"). A comment has
the theme when one keyword's stemmed words occur in it, in order and next to each
other. The Snowball Norwegian stemmer strips Bokmål and Nynorsk endings alike, so
"timen", "timer", "timane" and "timar" all stem to "tim":

    >>> has_keyword(stemmed_words("Fikk ikke flytta timane mine"), stemmed_words("time"))
    True

Suggestions rank the stems of the recent comments by TF-IDF against all comments
in the period: what is said often now, and not in every comment anyway. Words no
theme should be built on (function words, "Helseplattformen", the scrubber's
placeholders) are left out.
"""

from __future__ import annotations

import datetime
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
PLACEHOLDER = re.compile(r"\[[^\]]*fjernet\]")

# Function words of Bokmål, Nynorsk and English, and the site's own name: never a theme.
STOPWORDS = frozenset(
    [
        "og",
        "i",
        "jeg",
        "det",
        "at",
        "en",
        "et",
        "den",
        "til",
        "er",
        "som",
        "på",
        "de",
        "med",
        "han",
        "av",
        "ikke",
        "ikkje",
        "der",
        "så",
        "var",
        "meg",
        "seg",
        "men",
        "ett",
        "har",
        "om",
        "vi",
        "min",
        "mitt",
        "ha",
        "hadde",
        "hun",
        "nå",
        "over",
        "da",
        "ved",
        "fra",
        "du",
        "ut",
        "sin",
        "dem",
        "oss",
        "opp",
        "man",
        "kan",
        "hans",
        "hvor",
        "eller",
        "hva",
        "skal",
        "selv",
        "sjøl",
        "her",
        "alle",
        "vil",
        "bli",
        "ble",
        "blitt",
        "kunne",
        "inn",
        "når",
        "være",
        "kom",
        "noen",
        "noe",
        "ville",
        "dere",
        "som",
        "deres",
        "kun",
        "ja",
        "etter",
        "ned",
        "skulle",
        "denne",
        "for",
        "deg",
        "si",
        "sine",
        "sitt",
        "mot",
        "å",
        "meget",
        "hvorfor",
        "dette",
        "disse",
        "uten",
        "hvordan",
        "ingen",
        "din",
        "ditt",
        "blir",
        "samme",
        "hvilken",
        "hvilke",
        "sånn",
        "inni",
        "mellom",
        "vår",
        "hver",
        "hvem",
        "vors",
        "hvis",
        "både",
        "bare",
        "enn",
        "fordi",
        "før",
        "mange",
        "også",
        "slik",
        "vært",
        "båe",
        "begge",
        "siden",
        "dykk",
        "dykkar",
        "dei",
        "deira",
        "deires",
        "deim",
        "di",
        "då",
        "eg",
        "ein",
        "eit",
        "eitt",
        "elles",
        "honom",
        "hjå",
        "ho",
        "hoe",
        "henne",
        "hennar",
        "hennes",
        "hoss",
        "hossen",
        "ingi",
        "inkje",
        "korleis",
        "korso",
        "kva",
        "kvar",
        "kvarhelst",
        "kven",
        "kvi",
        "kvifor",
        "me",
        "medan",
        "mi",
        "mine",
        "mykje",
        "no",
        "nokon",
        "noka",
        "nokor",
        "noko",
        "nokre",
        "sia",
        "sidan",
        "so",
        "somt",
        "somme",
        "um",
        "upp",
        "vere",
        "vore",
        "verte",
        "vort",
        "varte",
        "vart",
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "is",
        "it",
        "that",
        "this",
        "for",
        "on",
        "with",
        "was",
        "were",
        "be",
        "are",
        "not",
        "no",
        "yes",
        "my",
        "me",
        "i",
        "you",
        "we",
        "they",
        "he",
        "she",
        "at",
        "as",
        "by",
        "from",
        "have",
        "has",
        "had",
        "do",
        "does",
        "did",
        "but",
        "so",
        "if",
        "can",
        "will",
        "would",
        "could",
        "should",
        "there",
        "their",
        "them",
        "what",
        "when",
        "where",
        "who",
        "why",
        "how",
        "all",
        "any",
        "more",
        "most",
        "very",
        "just",
        "about",
        "also",
        "than",
        "then",
        "too",
        "veldig",
        "litt",
        "mye",
        "får",
        "fikk",
        "få",
        "gikk",
        "går",
        "gjøre",
        "gjort",
        "gjorde",
        "må",
        "måtte",
        "helseplattformen",
        "helseplattforma",
        "helseplattform",
        "side",
        "sida",
        "siden",
        "nettsiden",
        "takk",
        "hei",
    ]
)


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("norwegian")


def words(text: str) -> list[str]:
    """Return the words of a text in lower case, without the scrubber's placeholders."""
    return [word.lower() for word in WORD.findall(PLACEHOLDER.sub(" ", text))]


def stemmed_words(text: str) -> tuple[str, ...]:
    """Return the stems of the words of a text, in order."""
    stemmer = _stemmer()
    return tuple(stemmer.stemWord(word) for word in words(text))


def has_keyword(comment: Sequence[str], keyword: Sequence[str]) -> bool:
    """Return True when the stemmed keyword occurs in the stemmed comment, words next to each other."""
    if not keyword:
        return False
    size = len(keyword)
    return any(
        tuple(comment[index : index + size]) == tuple(keyword)
        for index in range(len(comment) - size + 1)
    )


@dataclass(frozen=True)
class ThemeRule:
    """A theme's name and its keywords, stemmed once."""

    name: str
    keywords: tuple[tuple[str, ...], ...]

    @classmethod
    def from_keywords(cls, name: str, keywords: Iterable[str]) -> ThemeRule:
        stemmed = tuple(stem for stem in (stemmed_words(k) for k in keywords) if stem)
        return cls(name=name, keywords=stemmed)

    def matches(self, comment: Sequence[str]) -> bool:
        return any(has_keyword(comment, keyword) for keyword in self.keywords)


def themes_of(comment: str, rules: Iterable[ThemeRule]) -> list[str]:
    """Return the names of the themes the comment has."""
    stems = stemmed_words(comment)
    return [rule.name for rule in rules if rule.matches(stems)]


@dataclass(frozen=True)
class ThemeCount:
    """How many comments had a theme: in all, per page and per week (Monday)."""

    name: str
    total: int
    per_page: dict[str, int]
    per_week: dict[datetime.date, int]


def count_themes(
    comments: Iterable[tuple[str, datetime.date, str]], rules: Sequence[ThemeRule]
) -> list[ThemeCount]:
    """Return each theme's counts over (page, week, comment) triples, most frequent first."""
    per_page: dict[str, Counter[str]] = {rule.name: Counter() for rule in rules}
    per_week: dict[str, Counter[datetime.date]] = {rule.name: Counter() for rule in rules}
    for page, week, comment in comments:
        stems = stemmed_words(comment)
        for rule in rules:
            if rule.matches(stems):
                per_page[rule.name][page] += 1
                per_week[rule.name][week] += 1
    counts = [
        ThemeCount(
            name=rule.name,
            total=sum(per_page[rule.name].values()),
            per_page=dict(per_page[rule.name].most_common()),
            per_week=dict(sorted(per_week[rule.name].items())),
        )
        for rule in rules
    ]
    return sorted(counts, key=lambda count: (-count.total, count.name))


@dataclass(frozen=True)
class Suggestion:
    """A stem that may deserve a theme, with the word form seen most often and its count."""

    stem: str
    word: str
    comments: int
    score: float


def suggest_themes(
    recent: Iterable[str],
    everything: Iterable[str],
    *,
    known: Iterable[ThemeRule] = (),
    minimum_comments: int = 3,
    limit: int = 10,
) -> list[Suggestion]:
    """Return stems frequent in the ``recent`` comments, ranked by TF-IDF against ``everything``.

    A stem is suggested only when at least ``minimum_comments`` recent comments use
    it (fewer could point to one person), it is not a function word and no known
    theme has it as a keyword already.
    """
    covered = {stem for rule in known for keyword in rule.keywords for stem in keyword}
    stemmer = _stemmer()
    document_frequency: Counter[str] = Counter()
    documents = 0
    for comment in everything:
        documents += 1
        document_frequency.update({stemmer.stemWord(w) for w in words(comment)})
    term_frequency: Counter[str] = Counter()
    in_comments: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for comment in recent:
        comment_words = [w for w in words(comment) if len(w) >= 3 and w not in STOPWORDS]
        stems = [stemmer.stemWord(w) for w in comment_words]
        if not stems:
            continue
        for word, stem in zip(comment_words, stems, strict=True):
            forms.setdefault(stem, Counter())[word] += 1
        counts = Counter(stems)
        for stem, count in counts.items():
            term_frequency[stem] += count / len(stems)
            in_comments[stem] += 1
    suggestions = []
    for stem, frequency in term_frequency.items():
        if in_comments[stem] < minimum_comments or stem in covered or stem in STOPWORDS:
            continue
        idf = math.log((1 + max(documents, 1)) / (1 + document_frequency.get(stem, 0))) + 1
        word = forms[stem].most_common(1)[0][0]
        suggestions.append(
            Suggestion(stem=stem, word=word, comments=in_comments[stem], score=frequency * idf)
        )
    suggestions.sort(key=lambda s: (-s.score, s.stem))
    return suggestions[:limit]
