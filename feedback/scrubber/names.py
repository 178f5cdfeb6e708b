"""Names of people, found by where the text puts them and by a gazetteer.

A word is taken for a name in one of two ways:

* **By position.** After a cue that says a name follows: a naming verb
  ("jeg heter", "eg heiter", "my name is", "navn:"), a sign-off ("hilsen",
  "mvh", "helsing", "regards", and "takk," with a comma), a title ("dr.") or a
  role or relation ("sykepleier Jon Berg", "Saksbehandleren, Marte Olsen, sa",
  "mor mi, Gudrun"); after a separator at the end of a line ("– Per", "/Ingrid");
  or alone on its line or as the last sentence ("Takk.\\nKari", "Bra. Henrik").
  The cue words are matched with one typo ("hilsn", "vennlig hlsen", "jeg hetter").
  In these positions a name that is also an ordinary word (Per, Liv, Tone, Sol)
  counts, and so does a capitalised word that is not a frequent word
  (``common_words.txt``); a role, relation or description ("Mvh fastlege",
  "Hilsen en pårørende", "Helsing ein sliten tilsett") does not.
* **By the gazetteer anywhere else.** A capitalised given name from
  ``given_names.txt`` that is not also an ordinary word ("Kari i resepsjonen"),
  or any given name followed by a capitalised surname ("Per Olsen ringte").

A name is one to four words (initials and hyphenated names included) and the
surname words that follow a given name; two names joined by "og"/"and" after a
sign-off are both taken. Never a name: a place or organisation word
(``places.txt``, "Helse", "kommune", anything ending in "-avdelingen"), a month,
a word right after "St."/"Sankt", or words followed by a street word or an
institution ("Olav Tryggvasons gate", "Erling Skakkes gate"). In a comment
written in capitals, only gazetteer names count as capitalised.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from feedback.scrubber.kinds import Kind
from feedback.scrubber.lexicon import (
    ALWAYS_NOT_NAMES,
    COMMON_WORDS,
    FUNCTION_WORDS,
    GIVEN_NAMES,
    INSTITUTION_ENDINGS,
    NAME_WORDS,
    NAMES,
    NAMING_VERBS,
    PLACES,
    POSSESSIVES,
    ROLE_ENDINGS,
    ROLES,
    SIGNOFF_WORDS,
    STREET_WORDS,
    SURNAMES,
    TITLES,
)

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SPACE_RE = re.compile(r"[ \t]{1,2}")
# Between a cue and the name: punctuation and up to two line breaks ("Mvh,\n\nKari").
_CUE_GAP_RE = re.compile(r"[ \t]*[,:;.!\-–—]*[ \t]*(?:\r?\n[ \t]*){0,2}")
_ROLE_GAP_RE = re.compile(r"[ \t]*[,(:]?[ \t]*")
_END_OF_LINE_RE = re.compile(r"[ \t.,!?:;)…\-]*(?:\r?\n|$)")
_MVH_RE = re.compile(r"(?i)m\.?[ \t]?v\.?[ \t]?h\.?")
_SEPARATOR_RE = re.compile(r"(?:^|(?<=[\s.!?]))(?:--|[-–—~/])[ \t]*(?:\r?\n[ \t]*)?(?=[^\W\d_])")
_LAST_SENTENCE_RE = re.compile(r"(?:^|[.!?…]+[ \t]+|\n)[ \t]*(?=[^\s])")

# How much a position says about the words after it, strongest first.
TITLE, NAMING, SIGNOFF, ROLE, LINE, INTRO = range(6)


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    word: str
    lower: str


# A placeholder left by an earlier pass: its words ("navn", "fjernet") are no name.
_PLACEHOLDER_RE = re.compile(r"\[[^\[\]\n]{1,20} fjernet\]")


def _tokens(text: str) -> list[_Token]:
    inside = [m.span() for m in _PLACEHOLDER_RE.finditer(text)] if "fjernet]" in text else []
    tokens = []
    k = 0
    for m in _TOKEN_RE.finditer(text):
        while k < len(inside) and inside[k][1] <= m.start():
            k += 1
        if k < len(inside) and inside[k][0] <= m.start() < inside[k][1]:
            continue
        tokens.append(_Token(m.start(), m.end(), m.group(), m.group().lower()))
    return tokens


def _parts(lower: str) -> list[str]:
    return re.split(r"[-'’]", lower)


def _is_given(lower: str) -> bool:
    """A given name, or a hyphenated one made of names ("Anne-Lise", "Tor-Erik")."""
    if lower in GIVEN_NAMES:
        return True
    parts = _parts(lower)
    return len(parts) > 1 and all(p in NAMES for p in parts) and parts[0] in GIVEN_NAMES


def _is_name(lower: str) -> bool:
    if lower in NAMES:
        return True
    parts = _parts(lower)
    return len(parts) > 1 and all(p in NAMES for p in parts)


def _is_blocked(lower: str) -> bool:
    """A place, organisation, role, month or function word: never a name."""
    if lower in ALWAYS_NOT_NAMES or lower in PLACES:
        return True
    if lower in NAMES:
        return False
    if lower in FUNCTION_WORDS:
        return True
    return lower.endswith(INSTITUTION_ENDINGS) or lower.endswith(ROLE_ENDINGS)


def _is_ordinary(lower: str) -> bool:
    """A frequent word that is not (only) a name."""
    if lower in NAME_WORDS:
        return True
    return lower in COMMON_WORDS and not _is_name(lower)


class _Reader:
    """The tokens of one comment and the questions the rules ask about them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        letters = [c for c in text if c.isalpha()]
        # Written in capitals: capital letters say nothing about names.
        self.shouting = len(letters) >= 8 and sum(c.isupper() for c in letters) > 0.8 * len(letters)

    def capitalised(self, token: _Token) -> bool:
        if not token.word[0].isupper():
            return False
        if self.shouting or (token.word.isupper() and len(token.word) > 1):
            # "MVH OLA NORDMANN" but not "LEGEN MIN VET": a name that is not also a word.
            return _is_name(token.lower) and token.lower not in NAME_WORDS
        return True

    def initial(self, k: int) -> bool:
        """A single capital letter with a dot: "K." in "K. Nordmann"."""
        token = self.tokens[k]
        return (
            len(token.word) == 1
            and token.word.isupper()
            and self.text[token.end : token.end + 1] == "."
        )

    def joined(self, k: int) -> bool:
        """Whether token ``k`` follows token ``k - 1`` on the same line, as part of one name."""
        before, token = self.tokens[k - 1], self.tokens[k]
        gap = self.text[before.end : token.start]
        if self.initial(k - 1):
            return gap in (". ", ".", ".\t")
        return _SPACE_RE.fullmatch(gap) is not None

    def first_word(self, k: int, strength: int) -> bool:
        """Whether token ``k`` can start a name in a position of this strength."""
        token = self.tokens[k]
        lower = token.lower
        if _is_blocked(lower) or (len(token.word) < 2 and not self.initial(k)):
            return False
        if lower in SIGNOFF_WORDS or lower in NAMING_VERBS:  # "Hilsn Kari": the cue, not a name
            return False
        if self.initial(k):
            return k + 1 < len(self.tokens) and self.joined(k + 1)
        if not self.capitalised(token):
            if lower in FUNCTION_WORDS:  # "Hilsen meg", not Meg
                return False
            # Lower case: a gazetteer name right after a naming verb or a sign-off.
            if strength in (NAMING, SIGNOFF):
                return _is_given(lower) or not _is_ordinary(lower)
            return False
        if strength in (TITLE, NAMING):
            return True
        if _is_name(lower):
            return strength != INTRO or _is_given(lower)
        return not _is_ordinary(lower)

    def next_word(self, k: int, lowercase: bool) -> bool:
        """Whether token ``k`` continues the name before it (a middle name or surname)."""
        token = self.tokens[k]
        if not self.joined(k) or _is_blocked(token.lower):
            return False
        if self.initial(k):
            return True
        if lowercase:
            return not token.word[0].isupper() and (
                _is_name(token.lower) or not _is_ordinary(token.lower)
            )
        if self.shouting:  # "MVH OLA NORDMANN"
            return token.word.isupper() and len(token.word) > 1
        return self.capitalised(token) and len(token.word) > 1

    def run(self, k: int, strength: int) -> int | None:
        """The index after the last word of a name starting at token ``k``, if one does."""
        if k >= len(self.tokens):
            return None
        if not self.first_word(k, strength) and not self.two_word_name(k, strength):
            return None
        lowercase = not self.tokens[k].word[0].isupper()
        end = k + 1
        while end < len(self.tokens) and end - k < 4 and self.next_word(end, lowercase):
            end += 1
        if self.before_street_or_institution(end):
            return None
        if lowercase and strength == SIGNOFF:
            end = self.to_end_of_line(k, end)
            if end is None:
                return None
        return end

    def two_word_name(self, k: int, strength: int) -> bool:
        """ "lege Ståle Bjerkan": an ordinary word can start a name that a surname ends."""
        token = self.tokens[k]
        if strength not in (ROLE, SIGNOFF, LINE) or k + 1 >= len(self.tokens):
            return False
        if not self.capitalised(token) or _is_blocked(token.lower) or len(token.word) < 2:
            return False
        if token.lower in SIGNOFF_WORDS or token.lower in NAMING_VERBS:
            return False
        nxt = self.tokens[k + 1]
        return (
            self.next_word(k + 1, False)
            and (nxt.lower in SURNAMES or not _is_ordinary(nxt.lower))
            and nxt.lower not in NAME_WORDS
        )

    def to_end_of_line(self, k: int, end: int) -> int | None:
        """A lower-case name after a sign-off: up to four words that end the line.

        "mvh per", "helsing torunn", "hilsen kari nordmann", "mvh anne b"; not
        "hilsen sliten mor" (ordinary words) or "hilsen per brev".
        """
        first = self.tokens[k].lower
        certain = _is_given(first) and first not in NAME_WORDS
        if _END_OF_LINE_RE.match(self.text, self.tokens[end - 1].end):
            return end
        longer = end
        while longer < len(self.tokens) and longer - k < 4 and self.joined(longer):
            token = self.tokens[longer]
            if token.word[0].isupper() or _is_blocked(token.lower) or token.lower in FUNCTION_WORDS:
                break
            longer += 1
        words = [self.tokens[j].lower for j in range(end, longer)]
        if _END_OF_LINE_RE.match(self.text, self.tokens[longer - 1].end) and (
            certain or not any(_is_ordinary(w) and not _is_name(w) for w in words if len(w) > 1)
        ):
            return longer
        return end if certain else None

    def before_street_or_institution(self, end: int) -> bool:
        """ "Olav Tryggvasons gate", "Kari Nordmanns vei": a street, not a person."""
        if end >= len(self.tokens) or not self.joined(end):
            return False
        lower = self.tokens[end].lower
        return lower in STREET_WORDS or lower.endswith(INSTITUTION_ENDINGS)

    def opens_sentence(self, k: int) -> bool:
        if k == 0:
            return True
        before = self.text[self.tokens[k - 1].end : self.tokens[k].start]
        return any(c in before for c in '.!?:\n"«(-–—')

    def after_saint(self, k: int) -> bool:
        """ "St. Olav", "Sankt Hans": a hospital or a holiday, not a person."""
        if k == 0:
            return False
        before = self.tokens[k - 1]
        gap = self.text[before.end : self.tokens[k].start]
        return before.lower in ("st", "sankt", "sancta", "saint") and gap in (" ", ". ", ".")


def _cue(reader: _Reader, k: int) -> tuple[int, int] | None:
    """If token ``k`` ends a cue, the strength and the index where the name may start."""
    tokens, text = reader.tokens, reader.text
    token = tokens[k]
    lower = token.lower
    after = k + 1
    if after >= len(tokens):
        return None
    gap = text[token.end : tokens[after].start]
    if lower in TITLES:
        return (TITLE, after) if re.fullmatch(r"\.?[ \t]{1,2}", gap) else None
    if lower in NAMING_VERBS and len(gap.strip(" \t")) <= 1:
        return NAMING, after
    if lower in ("navn", "namn", "name", "fra", "from") and gap.strip(" \t") == ":":
        # "Navn: Kari", "Fra: Hilde Grønli" (a mail header pasted in)
        return NAMING, after
    if lower in ("er", "is") and k > 0 and gap.strip(" \t") in ("", ":"):
        # "mitt navn er", "my name is", "navnet mitt er"; not "nummeret mitt er"
        before = tokens[k - 1].lower
        if before in ("navn", "namn", "name") or (
            before == "mitt" and k > 1 and tokens[k - 2].lower in ("navnet", "namnet")
        ):
            return NAMING, after
    if lower == "name's":
        return NAMING, after
    if lower in SIGNOFF_WORDS or (lower in ("mvh", "vh", "m") and _MVH_RE.match(text, token.start)):
        if lower == "m":
            end = _MVH_RE.match(text, token.start).end()
            while after < len(tokens) and tokens[after].start < end:
                after += 1
            if after >= len(tokens):
                return None
        if tokens[after].lower in ("fra", "frå", "from") and after + 1 < len(tokens):
            # "Hilsen fra Hans og Grete": only a gazetteer name after "fra".
            nxt = tokens[after + 1]
            return (INTRO, after + 1) if _is_given(nxt.lower) else None
        if _CUE_GAP_RE.fullmatch(text, token.end, tokens[after].start):
            return SIGNOFF, after
        return None
    if lower in ("takk", "thanks", "you", "cheers", "best") and gap.strip(" \t") in (",", "!,"):
        if lower == "you" and (k == 0 or tokens[k - 1].lower != "thank"):
            return None
        return SIGNOFF, after
    if lower in ("takk", "thanks") and tokens[after].lower in ("til", "fra", "from", "to"):
        if after + 1 < len(tokens) and _is_given(tokens[after + 1].lower):
            return INTRO, after + 1
        return None
    if lower in ("i'm", "it's"):
        return INTRO, after
    if lower in ("er", "am", "is") and k > 0:
        # "Jeg er Haakon", "Dette er Jan fra Melhus", "I am Oksana", "This is Tom"
        if tokens[k - 1].lower in ("jeg", "eg", "dette", "i", "this"):
            return INTRO, after
        return None
    if lower in ROLES:
        # "sykepleier Jon Berg", "Legen min, dr. Aas", "mor mi, Gudrun", "Pappa (Leif ...)"
        if tokens[after].lower in POSSESSIVES and reader.joined(after):
            after += 1
            if after >= len(tokens):
                return None
        if _ROLE_GAP_RE.fullmatch(text, tokens[after - 1].end, tokens[after].start):
            return ROLE, after
    return None


def _add(reader: _Reader, start: int, end: int, out: list[tuple[int, int, Kind]]) -> None:
    out.append(
        (
            reader.tokens[start].start,
            reader.tokens[end - 1].end + _initial_dot(reader, end - 1),
            Kind.NAME,
        )
    )


def _initial_dot(reader: _Reader, k: int) -> int:
    return 1 if reader.initial(k) else 0


def _by_position(reader: _Reader, out: list[tuple[int, int, Kind]]) -> set[int]:
    """Names after cues; return the indexes of the tokens taken."""
    taken: set[int] = set()
    tokens = reader.tokens
    k = 0
    while k < len(tokens):
        cue = _cue(reader, k)
        if cue is None:
            k += 1
            continue
        strength, start = cue
        if strength == ROLE and start < len(tokens) and tokens[start].lower in TITLES:
            k = start  # "Legen min dr. Aas": let the title speak
            continue
        end = reader.run(start, strength)
        if end is None or reader.after_saint(start):
            k += 1
            continue
        _add(reader, start, end, out)
        taken.update(range(start, end))
        # "Hilsen Thea og Ola", "Mvh Kjersti og Rolf Arne Nilssen"
        if (
            strength in (SIGNOFF, INTRO)
            and end + 1 < len(tokens)
            and tokens[end].lower in ("og", "and", "&")
        ):
            second = reader.run(end + 1, SIGNOFF)
            if second is not None:
                _add(reader, end + 1, second, out)
                taken.update(range(end + 1, second))
                end = second
        k = end
    return taken


def _alone(reader: _Reader, out: list[tuple[int, int, Kind]], taken: set[int]) -> None:
    """Names after a closing separator, alone on a line, or as the last sentence."""
    text, tokens = reader.text, reader.tokens
    starts = {t.start: k for k, t in enumerate(tokens)}
    candidates: list[tuple[int, bool]] = []  # (token index, found after a separator)
    for match in _SEPARATOR_RE.finditer(text):
        if match.end() in starts:
            candidates.append((starts[match.end()], True))
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    last_line_start = text.rstrip().rfind("\n") + 1
    content_end = len(text.rstrip(" \t\r\n.,!?:;)…-"))
    for match in _LAST_SENTENCE_RE.finditer(text):
        if match.end() in starts:
            candidates.append((starts[match.end()], False))
    for k, after_separator in candidates:
        if k in taken or reader.after_saint(k):
            continue
        token = tokens[k]
        line_start = line_starts[bisect.bisect_right(line_starts, token.start) - 1]
        # Not at the start of its line: only the comment's last sentence counts.
        at_line_start = not text[line_start : token.start].strip(" \t")
        if not at_line_start and not after_separator and token.start < last_line_start:
            continue
        end = reader.run(k, LINE)
        if end is None or not _END_OF_LINE_RE.match(
            text, tokens[end - 1].end + _initial_dot(reader, end - 1)
        ):
            continue
        is_last = tokens[end - 1].end >= content_end
        given = _is_given(token.lower)
        if not after_separator and not (
            (given and (is_last or token.lower not in NAME_WORDS)) or end - k >= 2
        ):
            continue  # "Skjerpings!" alone is a word; "Vigdis Holm" or "Kari" is a name
        if after_separator and not (given or end - k >= 2 or not _is_ordinary(token.lower)):
            continue
        _add(reader, k, end, out)
        taken.update(range(k, end))


def _by_gazetteer(reader: _Reader, out: list[tuple[int, int, Kind]], taken: set[int]) -> None:
    """Capitalised given names anywhere ("Kari i resepsjonen", "Per Olsen ringte")."""
    tokens = reader.tokens
    k = 0
    while k < len(tokens):
        token = tokens[k]
        if (
            k in taken
            or not _is_given(token.lower)
            or not token.word[0].isupper()
            or not reader.capitalised(token)
            or reader.after_saint(k)
            or _is_blocked(token.lower)
        ):
            k += 1
            continue
        end = k + 1
        while (
            end < len(tokens) and end - k < 4 and end not in taken and reader.next_word(end, False)
        ):
            end += 1
        surname = end > k + 1 and any(
            tokens[j].lower in SURNAMES or not _is_ordinary(tokens[j].lower)
            for j in range(k + 1, end)
        )
        # "Per i dag", "Liv og helse": an ordinary word opening a sentence. Inside a
        # sentence, a capital letter says it is a name ("Eg snakka med Arve").
        ambiguous = token.lower in NAME_WORDS and not surname and reader.opens_sentence(k)
        if ambiguous or reader.before_street_or_institution(end):
            k += 1
            continue
        _add(reader, k, end, out)
        k = end


def find_names(text: str, out: list[tuple[int, int, Kind]]) -> None:
    """Append the spans of the names of people in ``text`` to ``out``."""
    reader = _Reader(text)
    if not reader.tokens:
        return
    taken = _by_position(reader, out)
    _alone(reader, out, taken)
    _by_gazetteer(reader, out, taken)
