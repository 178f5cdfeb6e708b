"""Log formatting for production, and the redaction that keeps personal data out of logs.

``JsonFormatter`` (LOG_FORMAT=json) writes one JSON object per line on stdout.
Only the record's own message and a few safe fields are written: request
objects, POST data and client addresses never are.

A URL can carry personal data all the same: a fødselsnummer typed into the
address bar, an e-mail address in a query string. Django's request warnings
("Not Found: /tilbakemelding/24128510180/") and gunicorn's access and error
logs print the path, so both go through ``redact``: every run of digits becomes
``[n]`` and anything that looks like an e-mail address ``[e-post]``, and the
query string is never written at all. Django's log lines are redacted by the
two formatters (``TextFormatter``, ``JsonFormatter``: every line, whichever
logger wrote it, so a new log call cannot forget); gunicorn's by
``GunicornLogger``, its ``logger_class`` (deploy/gunicorn.conf.py).

>>> redact("Not Found: /tilbakemelding/24128510180/")
'Not Found: /tilbakemelding/[n]/'
>>> loggable_path("/sok/kari.nordmann@example.no/?tlf=91234567")
'/sok/[e-post]/'
"""

import json
import logging
import re
from datetime import UTC, datetime

from gunicorn.glogging import Logger as BaseGunicornLogger

SAFE_EXTRA_FIELDS = ("status_code", "method", "path", "duration_ms")

# Anything with an @ between two runs of address characters; percent-encoded too (%40).
EMAIL_LIKE = re.compile(r"[^\s/?&=#@'\"<>:;,]+(?:@|%40)[^\s/?&=#@'\"<>:;,]+", re.IGNORECASE)
DIGIT_RUN = re.compile(r"\d+")
# In a traceback, keep the line numbers ("line 42"): they are code, not data.
DIGIT_RUN_NOT_LINE_NUMBER = re.compile(r"(?<!line )(?<!\d)\d+")


def redact(text: str, *, digits: re.Pattern = DIGIT_RUN) -> str:
    """Replace what could identify a person (e-mail-like strings, digit runs) in a log text."""
    return digits.sub("[n]", EMAIL_LIKE.sub("[e-post]", text))


def loggable_path(path: str | None) -> str:
    """Return the path without its query string, redacted."""
    return redact((path or "").split("?", 1)[0])


class TextFormatter(logging.Formatter):
    """The plain-text format (LOG_FORMAT=text), with the message and traceback redacted."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = redact(record.message)
        return super().formatMessage(record)

    def formatException(self, ei) -> str:
        return redact(super().formatException(ei), digits=DIGIT_RUN_NOT_LINE_NUMBER)


class JsonFormatter(logging.Formatter):
    """Format a log record as a single line of JSON, the message and traceback redacted."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        for field in SAFE_EXTRA_FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if "path" in entry:
            entry["path"] = loggable_path(str(entry["path"]))
        if record.exc_info:
            text = self.formatException(record.exc_info)
            entry["exception"] = redact(text, digits=DIGIT_RUN_NOT_LINE_NUMBER)
        return json.dumps(entry, ensure_ascii=False, default=str)


class GunicornLogger(BaseGunicornLogger):
    """gunicorn's logger with the path redacted in the access log and request data in the error log.

    The access log format names its fields (deploy/gunicorn.conf.py); whatever it
    names, the request line, query string, address, user agent and referrer are
    blanked here too. Error-log messages ("Error handling request /path?query",
    "Invalid request from ip=…") are redacted; gunicorn's own start-up lines
    (info) carry no request data and keep their numbers (pids, ports).
    """

    BLANKED_ATOMS = ("r", "q", "h", "a", "f", "u")

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = loggable_path(atoms.get("U"))
        for name in self.BLANKED_ATOMS:
            atoms[name] = "-"
        return atoms

    def _redacted(self, msg, args) -> str:
        try:
            text = str(msg) % args if args else str(msg)
        except (TypeError, ValueError):
            text = f"{msg} {args}"
        return redact(text)

    def critical(self, msg, *args, **kwargs):
        super().critical(self._redacted(msg, args), **kwargs)

    def error(self, msg, *args, **kwargs):
        super().error(self._redacted(msg, args), **kwargs)

    def warning(self, msg, *args, **kwargs):
        super().warning(self._redacted(msg, args), **kwargs)

    def debug(self, msg, *args, **kwargs):
        super().debug(self._redacted(msg, args), **kwargs)

    def exception(self, msg, *args, **kwargs):
        # The traceback's last line quotes the exception, which may quote the request.
        super().error(self._redacted(msg, args), **kwargs)
