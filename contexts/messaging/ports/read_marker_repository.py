from typing import Protocol
from uuid import UUID

from contexts.messaging.domain.read_marker import ReadMarker


class ReadMarkerRepository(Protocol):
    async def get_for_update(self, conversation_id: UUID, user_id: UUID) -> ReadMarker:
        """The user's marker in the conversation (at 0 if they never marked anything read).

        Concurrent requests for the same marker wait their turn, so two devices marking at once
        cannot move it backwards.
        """
        ...

    async def save(self, marker: ReadMarker) -> None: ...

    async def of_conversation(self, conversation_id: UUID) -> list[ReadMarker]:
        """Every marker set in the conversation."""
        ...
