"""The labelled corpus of visitor comments that scores the scrubber (``bench/scrubber.py``).

Two files in one format: ``tuning.txt`` (the rules were developed against it) and
``held_out.txt`` (written before the rules changed, never used to tune them).
Each comment starts with a line ``=== nb`` (or ``nn``, ``en``); the lines after it,
up to the next such line, are the comment. Personal data is marked where it
occurs, ``{navn:Kari Nordmann}``, with one of the kinds in ``KINDS``; text that
looks like personal data but is not (place and organisation names, dates, case
and organisation numbers) is marked ``{ikke:Levanger sykehus}`` and must come
back unchanged. Lines starting with ``#`` before the first comment are notes.

No identity or account number is written out: ``#`` stands for a digit that the
loader fills in so that the check digits are right (``{fnr:120358 #####}``), the
same synthetic numbers on every run.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from stdnum.no import kontonr

from feedback.scrubber.numbers import is_identity_number

HERE = Path(__file__).resolve().parent

# Corpus kind -> what the bench calls it.
KINDS = {
    "navn": "names",
    "adresse": "addresses",
    "fnr": "identity numbers",
    "telefon": "phone numbers",
    "epost": "e-mail addresses",
    "konto": "account numbers",
    "kort": "card numbers",
}
_MARK_RE = re.compile(r"\{(?P<kind>[a-z]+):(?P<text>[^{}]+)\}")
_HEADER_RE = re.compile(r"^=== (nb|nn|en)$", re.MULTILINE)


@dataclass(frozen=True)
class Comment:
    """One labelled comment: its text, language, personal data and hard negatives."""

    text: str
    language: str
    personal: tuple[tuple[str, str], ...]  # (kind, text as written)
    negatives: tuple[str, ...]
    source: str  # "file:line", to find a miss quickly

    @property
    def is_pii_free(self) -> bool:
        return not self.personal


def _fill(pattern: str, valid) -> str:
    """Replace each ``#`` by a digit so that ``valid(digits)`` holds, the same way every run."""
    holes = pattern.count("#")
    if not holes:
        return pattern
    start = int(hashlib.sha256(pattern.encode()).hexdigest(), 16) % 10**holes
    for step in range(10**holes):
        digits = f"{(start + step) % 10**holes:0{holes}d}"
        candidate = pattern.replace("#", "{}").format(*digits)
        if valid(re.sub(r"\D", "", candidate)):
            return candidate
    raise ValueError(f"no valid number for {pattern!r}")


_FILLERS = {"fnr": is_identity_number, "konto": kontonr.is_valid}


def _parse(block: str, language: str, source: str) -> Comment:
    personal: list[tuple[str, str]] = []
    negatives: list[str] = []

    def expand(match: re.Match[str]) -> str:
        kind, text = match.group("kind"), match.group("text")
        if kind in _FILLERS:
            text = _fill(text, _FILLERS[kind])
        if kind == "ikke":
            negatives.append(text)
        elif kind in KINDS:
            personal.append((kind, text))
        else:
            raise ValueError(f"{source}: unknown kind {kind!r}")
        return text

    text = _MARK_RE.sub(expand, block)
    if "{" in text or "}" in text:
        raise ValueError(f"{source}: unbalanced mark")
    return Comment(text, language, tuple(personal), tuple(negatives), source)


def load(name: str) -> list[Comment]:
    """Return the comments of ``tuning`` or ``held_out``."""
    path = HERE / f"{name}.txt"
    content = path.read_text(encoding="utf-8")
    headers = list(_HEADER_RE.finditer(content))
    comments = []
    for k, header in enumerate(headers):
        end = headers[k + 1].start() if k + 1 < len(headers) else len(content)
        block = content[header.end() + 1 : end]
        if block.endswith("\n"):
            block = block[:-1]
        line = content.count("\n", 0, header.start()) + 2  # the comment's first line
        comments.append(_parse(block, header.group(1), f"{path.name}:{line}"))
    return comments


# ---------------------------------------------------------------------------
# Scoring (bench/scrubber.py prints it, test_scrubber_corpus.py holds it to the targets)
# ---------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"[^\W_]+")


def _tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN_RE.findall(text))


def leaked(comment: Comment, scrubbed: str, item: str, placeholders: Iterable[str]) -> bool:
    """Whether a word or digit group of ``item`` is left in ``scrubbed``.

    Left means: more often than it occurs in the comment outside its personal data
    ("Kari" in "Kari skrev til Kari Nordmann" ...), with the placeholders taken out.
    A half-removed name ("[navn fjernet] Nordmann") has leaked.
    """
    placeholder_re = re.compile("|".join(re.escape(p) for p in placeholders))
    left = _tokens(placeholder_re.sub(" ", scrubbed))
    outside = comment.text
    for _kind, text in comment.personal:
        outside = outside.replace(text, " ", 1)
    elsewhere = _tokens(outside)
    return any(left[token] > elsewhere[token] for token in _tokens(item))


@dataclass
class Score:
    """What the scrubber found, kept and changed in a list of comments."""

    found: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    pii_free: int = 0
    unchanged: int = 0
    negatives: int = 0
    kept: int = 0
    misses: list[str] = field(default_factory=list)

    def recall(self, label: str) -> float:
        return self.found[label] / self.total[label] if self.total[label] else 1.0

    @property
    def unchanged_share(self) -> float:
        return self.unchanged / self.pii_free if self.pii_free else 1.0

    @property
    def kept_share(self) -> float:
        return self.kept / self.negatives if self.negatives else 1.0


def score(
    comments: list[Comment], scrub: Callable[[str], str], placeholders: Iterable[str]
) -> Score:
    """Run ``scrub`` over the comments and count what it found, kept and changed."""
    placeholders = tuple(placeholders)
    result = Score()
    for comment in comments:
        scrubbed = scrub(comment.text)
        for kind, text in comment.personal:
            result.total[KINDS[kind]] += 1
            if leaked(comment, scrubbed, text, placeholders):
                result.misses.append(f"missed {kind:7} {comment.source}: {scrubbed!r}")
            else:
                result.found[KINDS[kind]] += 1
        if comment.is_pii_free:
            result.pii_free += 1
            if scrubbed == comment.text:
                result.unchanged += 1
            else:
                result.misses.append(f"changed         {comment.source}: {scrubbed!r}")
        for negative in comment.negatives:
            result.negatives += 1
            if scrubbed.count(negative) >= comment.text.count(negative):
                result.kept += 1
            else:
                result.misses.append(f"lost {negative!r} {comment.source}: {scrubbed!r}")
    return result
