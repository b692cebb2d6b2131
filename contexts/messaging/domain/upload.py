"""An upload: a file someone stored to post with a message.

Until it is attached it is its uploader's alone. Attaching is part of sending the message, in the
same transaction, so a file is posted with exactly one message. Deleting that message discards the
file; a sweeper then removes discarded files, and those never attached once they are old enough.
"""

from datetime import datetime
from uuid import UUID

from contexts.messaging.domain.attachment import Attachment
from contexts.messaging.domain.errors import UploadNotAttachableError
from kernel.aggregate import AggregateRoot


class Upload(AggregateRoot):
    def __init__(
        self,
        id: UUID,
        uploader_id: UUID,
        filename: str,
        content_type: str,
        size: int,
        width: int | None,
        height: int | None,
        uploaded_at: datetime,
        *,
        message_id: UUID | None = None,
        conversation_id: UUID | None = None,
        discarded_at: datetime | None = None,
    ) -> None:
        super().__init__(id)
        self.uploader_id = uploader_id
        self.filename = filename
        self.content_type = content_type
        self.size = size
        self.width = width
        self.height = height
        self.uploaded_at = uploaded_at
        self.message_id = message_id
        """The message it was posted with; None until then."""
        self.conversation_id = conversation_id
        """That message's conversation, whose participants may read the file."""
        self.discarded_at = discarded_at
        """When its message was deleted; the sweeper removes the file after."""

    def attach_to(self, message_id: UUID, conversation_id: UUID, *, by: UUID) -> Attachment:
        """Post the file with a message `by` is sending; only its uploader's, and only once."""
        if by != self.uploader_id or self.message_id is not None or self.discarded_at is not None:
            raise UploadNotAttachableError(self.id)
        self.message_id = message_id
        self.conversation_id = conversation_id
        return self.as_attachment()

    def discard(self, at: datetime) -> None:
        """Its message was deleted: nobody reads the file again, and the sweeper may remove it."""
        if self.discarded_at is None:
            self.discarded_at = at

    def may_be_read_by(self, user_id: UUID, participant_ids: frozenset[UUID]) -> bool:
        """Its uploader, and the participants of the conversation it was posted in, while it is not
        discarded; `participant_ids` are that conversation's (empty before it is attached)."""
        if self.discarded_at is not None:
            return False
        return user_id == self.uploader_id or user_id in participant_ids

    def as_attachment(self) -> Attachment:
        return Attachment(self.id, self.filename, self.content_type, self.size, self.width, self.height)
