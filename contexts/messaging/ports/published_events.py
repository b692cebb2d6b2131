from datetime import datetime
from typing import Protocol

from kernel.integration_event import IntegrationEvent


class PublishedEvents(Protocol):
    """The integration events messaging has stored for publication (its outbox), in order."""

    async def since(self, time: datetime) -> list[IntegrationEvent]:
        """Every event that happened at `time` or later, in the order it was stored."""
        ...
