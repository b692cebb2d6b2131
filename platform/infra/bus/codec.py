"""Integration events on the wire: CloudEvents 1.0 in structured JSON mode."""

import json
from datetime import datetime
from typing import Any
from uuid import UUID

from kernel.integration_event import IntegrationEvent
from kernel.rfc3339 import rfc3339


def encode(event: IntegrationEvent) -> bytes:
    document: dict[str, Any] = {
        "specversion": "1.0",
        "id": str(event.id),
        "source": event.source,
        "type": event.type,
        "subject": event.subject,
        "time": rfc3339(event.time),
        "datacontenttype": "application/json",
        "dataversion": event.data_version,
        "correlationid": event.correlation_id,
        "data": event.data,
    }
    return json.dumps(document, separators=(",", ":")).encode()


def decode(raw: bytes) -> IntegrationEvent:
    """Parse an event; raises ValueError (or KeyError/TypeError) for anything malformed."""
    document = json.loads(raw)
    return IntegrationEvent(
        id=UUID(document["id"]),
        source=document["source"],
        type=document["type"],
        subject=document["subject"],
        time=datetime.fromisoformat(document["time"]),
        data_version=int(document.get("dataversion", 1)),
        correlation_id=document.get("correlationid"),
        data=dict(document["data"]),
    )
