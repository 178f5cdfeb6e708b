"""E-mail addresses, plain (``ola@example.no``) and obfuscated (``ola (at) example dot no``).

``find_emails`` appends ``(start, end, kind)`` spans to a list.
"""

from __future__ import annotations

import re

from feedback.scrubber.kinds import Kind

# ---------------------------------------------------------------------------
# E-mail addresses, plain and obfuscated
# ---------------------------------------------------------------------------

_H = "[ \t]"
_OPEN = r"[(\[{<]"
_CLOSE = r"[)\]}>]"
_AT_WORDS = r"(?:at|a|@|snabel-?a|krøll-?alfa|alfakrøll)"
_DOT_WORDS = r"(?:dot|punktum|prikk|punkt)"
# Possessive quantifiers (++): none of the separators that follow a local part
# or a label can be part of it, so giving characters back never helps, and
# forbidding it keeps the search linear on "aaaa...@aaaa...@".
_EMAIL_BODY = (
    r"(?P<local>[\w.+\-]++)"
    r"(?P<at>"
    rf"{_H}*@{_H}*"
    rf"|{_H}*{_OPEN}{_H}*(?i:{_AT_WORDS}){_H}*{_CLOSE}{_H}*"
    rf"|{_H}+(?i:snabel-?a|krøll-?alfa|alfakrøll){_H}+"
    rf"|{_H}+(?i:at){_H}+"
    r")"
    r"(?P<domain>[\w\-]++(?:"
    rf"(?:{_H}*\.{_H}*|{_H}*{_OPEN}{_H}*(?i:{_DOT_WORDS}){_H}*{_CLOSE}{_H}*"
    rf"|{_H}+(?i:{_DOT_WORDS}){_H}+)"
    r"[\w\-]++){1,5})"
)
# The local part starts where a run of local-part characters starts ...
_EMAIL_RE = re.compile(r"(?<![\w.+\-])" + _EMAIL_BODY)
# ... or right after an address just found, as it would after its placeholder.
_EMAIL_HERE_RE = re.compile(_EMAIL_BODY)
_DOMAIN_SPLIT_RE = re.compile(
    rf"{_H}*\.{_H}*|{_H}*{_OPEN}{_H}*(?i:{_DOT_WORDS}){_H}*{_CLOSE}{_H}*|{_H}+(?i:{_DOT_WORDS}){_H}+"
)
_TLDS = frozenset(
    [
        "no",
        "com",
        "net",
        "org",
        "se",
        "dk",
        "fi",
        "is",
        "uk",
        "de",
        "eu",
        "io",
        "info",
        "biz",
        "me",
        "nu",
        "fr",
        "es",
        "it",
        "nl",
        "pl",
        "ch",
        "at",
        "be",
        "us",
        "ca",
        "au",
        "edu",
        "gov",
        "int",
        "co",
        "app",
        "dev",
        "online",
        "email",
        "mail",
        "email",
        "ee",
        "lt",
        "lv",
        "ru",
        "ie",
        "pt",
        "gr",
        "cz",
        "sk",
        "hu",
        "tv",
        "cc",
    ]
)
_LEADING_LETTERS_RE = re.compile(r"[^\W\d_]*")
_STRICT_LOCAL_RE = re.compile(r"[._+\d]")


def _email_end(match: re.Match[str]) -> int | None:
    """Where the address in this candidate ends, or None if it is no address.

    The domain may run on into the next sentence ("kari@example.no. Konto"), so
    the longest acceptable prefix of its labels is taken.
    """
    at = match.group("at")
    bare_at = at.strip(" \t").lower() == "at"
    dots = list(_DOMAIN_SPLIT_RE.finditer(match.string, match.start("domain"), match.end("domain")))
    label_ends = [d.start() for d in dots] + [match.end("domain")]
    label_starts = [match.start("domain")] + [d.end() for d in dots]
    for k in range(len(dots), 0, -1):  # k separators, k + 1 labels
        # Only the letters the last label starts with count as its top-level
        # domain: "kari@example.no91234567" is an address with a phone number
        # glued to it, removed whole (otherwise removing the phone number first
        # would leave an address behind for a second pass to find).
        tld = _LEADING_LETTERS_RE.match(match.string, label_starts[k], label_ends[k]).group()
        seps = [d.group() for d in dots[:k]]
        if at == "@" and all(d == "." for d in seps):
            if len(tld) >= 2:
                return label_ends[k]
            continue
        if tld.lower() not in _TLDS:
            continue
        if any(d != "." and d.strip(" \t") == "." for d in seps) and not tld.islower():
            continue  # "Hei @ alle. No ..." is a greeting, not an address
        if bare_at and not (
            any(d.strip(" \t") != "." for d in seps)
            or _STRICT_LOCAL_RE.search(match.group("local"))
        ):
            continue  # Norwegian "at" means "that": "Jeg synes at vg.no ..."
        return label_ends[k]
    return None


# A local-part word and a spelled-out dot right before an address: "kari punktum " + "berg at ...".
_LOCAL_DOT_BEFORE_RE = re.compile(
    rf"(?<![\w.+\-])[\w+\-]+(?:{_H}+(?i:{_DOT_WORDS}){_H}+|{_H}*{_OPEN}{_H}*(?i:{_DOT_WORDS}){_H}*{_CLOSE}{_H}*)\Z"
)
_EMAIL_HINT_RE = re.compile(
    r"@|(?i:(?<![^\W\d_])(?:at|a|snabel-?a|krøll-?alfa|alfakrøll)(?![^\W\d_]))"
)


def find_emails(text: str, out: list[tuple[int, int, Kind]]) -> None:
    if "@" not in text and not _EMAIL_HINT_RE.search(text):
        return
    position = 0
    while match := _EMAIL_RE.search(text, position):
        end = _email_end(match)
        if end is None:
            # A rejected candidate ("me at ola.nordmann") must not hide an address
            # that starts inside it ("ola.nordmann@example.no"): look again from
            # the next character (the look-behind skips to the next token).
            position = match.start() + 1
            continue
        start = match.start()
        # "kari punktum berg krøllalfa gmail punktum com": the local part has dots too.
        while before := _LOCAL_DOT_BEFORE_RE.search(text, max(0, start - 40), start):
            start = before.start()
        out.append((start, end, Kind.EMAIL))
        # "a@b.no.c@d.no": once the first address is a placeholder, the second
        # starts right after it; find it now so a second pass finds nothing new.
        while (here := _EMAIL_HERE_RE.match(text, end)) and (
            (next_end := _email_end(here)) is not None
        ):
            out.append((end, next_end, Kind.EMAIL))
            end = next_end
        position = end
