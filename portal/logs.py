"""Structured (JSON) logs that never carry personal data.

``RedactFilter`` rewrites every record before any handler formats it:

- anything after ``/book/`` (slot ids, references, cancellation tokens) and any
  query string of the checker (``/measures/check/?…``, the reader's answers) or
  of the booking pages becomes ``<redacted>``;
- the message is rendered once (``%`` args applied) and redacted, so values in
  the args cannot slip through;
- ``record.request`` (Django attaches it on django.request records) is replaced
  by its method and redacted path: a request body or a cookie is never logged.

``JsonFormatter`` writes one JSON object a line. ``GunicornLogger`` applies the
same redaction to gunicorn's access log (it logs the URL itself).
"""

import json
import logging
import re
from datetime import UTC, datetime

_LANG = r"(?:/[a-z]{2}(?:-[a-z]+)?)?"
_PATTERNS = [
    # Booking URLs: everything after /book/ (with or without a language prefix).
    (re.compile(rf"({_LANG}/book/)[^\s\"']*"), r"\1<redacted>"),
    # The checker's answers, and any other query string on its path.
    (re.compile(rf"({_LANG}/measures/check/)\?[^\s\"']*"), r"\1?<redacted>"),
]
REDACTED = "<redacted>"
URL_ENVIRON_ATOMS = {"{raw_uri}e", "{query_string}e", "{request_uri}e"}


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            message = str(record.msg)
        record.msg, record.args = redact(message), ()
        request = getattr(record, "request", None)
        if request is not None and not isinstance(request, str):
            path = getattr(request, "path", "")
            record.request = f"{getattr(request, 'method', '')} {redact(path)}"
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in ("request", "status_code"):
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value if isinstance(value, int) else str(value)
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def logging_config(level: str = "INFO") -> dict:
    """The production LOGGING: JSON to stderr, redacted, for every logger."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact": {"()": "portal.logs.RedactFilter"}},
        "formatters": {"json": {"()": "portal.logs.JsonFormatter"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["redact"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "INFO"},
            "django_tasks": {"level": "WARNING"},
        },
    }


try:
    from gunicorn.glogging import Logger as _GunicornLogger
except ImportError:  # gunicorn is only needed where it serves
    _GunicornLogger = None

if _GunicornLogger is not None:

    class GunicornLogger(_GunicornLogger):
        """gunicorn's logger with the URL atoms of the access log redacted."""

        def atoms(self, resp, req, environ, request_time):
            atoms = super().atoms(resp, req, environ, request_time)
            path = redact(atoms.get("U", ""))
            query = atoms.get("q", "")
            if REDACTED in path or path.rstrip("/").endswith("/measures/check"):
                query = REDACTED if query else ""
            atoms["U"], atoms["q"] = path, query
            atoms["r"] = f"{atoms.get('m', '')} {path}{'?' + query if query else ''}"
            # Environ atoms ({path_info}e, {raw_uri}e, {query_string}e ...) repeat the URL.
            for name in [n for n in atoms if n.startswith("{") and n.endswith("}e")]:
                atoms[name] = "" if name in URL_ENVIRON_ATOMS else redact(str(atoms[name]))
            return atoms
