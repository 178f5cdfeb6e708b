"""Log formatting for production: one JSON object per line on stdout.

Turned on with LOG_FORMAT=json. Only the record's own message and a few safe
fields are written: request objects, POST data and client addresses never are,
so nothing personal can reach a log aggregator through this formatter.
"""

import json
import logging
from datetime import UTC, datetime

SAFE_EXTRA_FIELDS = ("status_code", "method", "path", "duration_ms")


class JsonFormatter(logging.Formatter):
    """Format a log record as a single line of JSON."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in SAFE_EXTRA_FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
