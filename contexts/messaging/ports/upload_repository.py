from collections.abc import Sequence
from datetime import datetime
from typing import Protocol
from uuid import UUID

from contexts.messaging.domain.upload import Upload


class UploadRepository(Protocol):
    async def add(self, upload: Upload) -> None:
        """Store a new upload, once its file is in storage."""
        ...

    async def save(self, upload: Upload) -> None:
        """Store the changes made to an upload read from this repository."""
        ...

    async def get(self, upload_id: UUID) -> Upload | None:
        """Read an upload without holding it."""
        ...

    async def get_for_update(self, upload_ids: Sequence[UUID]) -> list[Upload]:
        """Read the uploads that exist of `upload_ids`, in that order, to change them; concurrent
        changes to them wait their turn (two sends cannot attach one file)."""
        ...

    async def of_message(self, message_id: UUID) -> list[Upload]:
        """The uploads posted with a message, held to change them."""
        ...

    async def to_sweep(self, *, unattached_before: datetime, limit: int) -> list[Upload]:
        """Up to `limit` uploads whose files may go: discarded ones, and those uploaded before
        `unattached_before` and never attached; held to remove them, passing over those another
        change holds (a send attaching one: it may not go then)."""
        ...

    async def awaiting_thumbnail(self, *, limit: int) -> list[Upload]:
        """Up to `limit` images, not discarded, whose thumbnail is still to be made, the oldest first."""
        ...

    async def remove(self, upload_id: UUID) -> None:
        """Forget an upload whose file is gone from storage."""
        ...
