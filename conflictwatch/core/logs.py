"""Structured logs for pipeline events: one JSON object per line, so an operator can filter
by event name, article id or task id without parsing prose.

Code logs as usual and names the event with `extra=event("article.ingested", article_id=7)`;
the JSON formatter writes the message and those fields. The plain formatter (demo, tests)
appends the fields as key=value, so the same call reads well on a terminal.
"""

import datetime as dt
import json
import logging
from typing import Any

# Every LogRecord attribute Python sets itself; anything else on a record came from `extra`.
_RECORD_ATTRS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}
EVENT_FIELD = "event"


def event(name: str, **fields: Any) -> dict[str, Any]:
    """The `extra=` for a pipeline event: its name and its ids and figures."""
    return {EVENT_FIELD: name, **fields}


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in vars(record).items() if k not in _RECORD_ATTRS}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        body: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **_fields(record),
        }
        if record.exc_info:
            body["exc"] = self.formatException(record.exc_info)
        # default=str: ids and dates logged as they are never make the log line fail.
        return json.dumps(body, ensure_ascii=False, default=str)


class PlainFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        if not hasattr(record, EVENT_FIELD):  # Django's own extras (request objects) stay out
            return line
        extra = " ".join(f"{k}={v}" for k, v in _fields(record).items())
        return f"{line} [{extra}]" if extra else line
