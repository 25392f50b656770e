"""JSON log lines (``LOG_FORMAT=json``): one object per line for a log shipper, with the request
ID that the error pages show (``core.request_ids``). Chinese text stays readable (UTF-8)."""

from __future__ import annotations

import datetime as dt
import json
import logging

# LogRecord attributes that are not "extra" fields passed by the caller
_STANDARD = set(vars(logging.makeLogRecord({}))) | {
    "message",
    "asctime",
    "request_id",
    "request",
}


class JsonFormatter(logging.Formatter):
    """``{"time", "level", "logger", "request_id", "message"[, "exception"], …extra}``."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)  # django.request's records carry it
        if request is not None:
            entry["request_id"] = getattr(request, "request_id", None) or entry["request_id"]
            entry["method"] = getattr(request, "method", "")
            entry["path"] = getattr(request, "path", "")
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool) else str(value)
        return json.dumps(entry, ensure_ascii=False)
