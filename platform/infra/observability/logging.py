"""Structured logs: one JSON object per line on stdout, each with the current correlation id.

Log collectors read stdout and parse JSON, so no process writes log files or free text; and
with the correlation id in every line, one search finds everything a user's action caused,
in every context and process it touched.
"""

import logging
import sys
from typing import TextIO

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

from infra.observability.correlation import current_correlation_id

_HANDLER_NAME = "json-stdout"
_SERVER_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")
# Uvicorn adds a copy of some messages with terminal colour codes; JSON has no use for it.
_LEFT_OUT = (*RESERVED_ATTRS, "color_message")


class CorrelationIdFilter(logging.Filter):
    """Stamps each record with the correlation id of the request or event being handled."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.correlation_id = current_correlation_id()
        return True


def configure_logging(level: str, stream: TextIO | None = None) -> None:
    """Send every log record, the server's too, as JSON to `stream` (stdout by default).

    Calling it again replaces the handler it installed before and leaves other handlers
    alone, so it is safe at start-up and in tests.
    """
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.set_name(_HANDLER_NAME)
    handler.addFilter(CorrelationIdFilter())
    handler.setFormatter(
        JsonFormatter(
            "{levelname}{name}{message}{correlation_id}",
            style="{",
            rename_fields={"levelname": "level", "name": "logger"},
            timestamp=True,
            reserved_attrs=_LEFT_OUT,
        )
    )
    root = logging.getLogger()
    for previous in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(previous)
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in _SERVER_LOGGERS:
        server_logger = logging.getLogger(name)
        server_logger.handlers.clear()
        server_logger.propagate = True
