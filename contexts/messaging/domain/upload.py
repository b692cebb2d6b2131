"""An upload: a file someone stored to post with a message.

Until it is attached it is its uploader's alone. Attaching is part of sending the message, in the
same transaction, so a file is posted with exactly one message. Deleting that message discards the
file; a sweeper then removes discarded files, and those never attached once they are old enough.

Who reads a file sees it as its detected type says, but only the image types below are shown in
a page: anything else (SVG and HTML among them, which can carry scripts) is offered as a download.
"""

import posixpath
from datetime import datetime
from uuid import UUID

from contexts.messaging.domain.attachment import Attachment
from contexts.messaging.domain.errors import UploadNotAttachableError
from contexts.messaging.domain.thumbnail_state import ThumbnailState
from kernel.aggregate import AggregateRoot

FILENAME_MAX_LENGTH = 255
SHOWN_INLINE = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
"""The types a browser may show in place: raster images, which run nothing."""
THUMBNAIL_MAX_SIDE = 320
"""The longer side of a thumbnail, in pixels."""


def filename_of(claimed: str) -> str:
    """The name a client gave its file, without the folders it may name (of either kind of
    separator), cut to what storage keeps; "file" when nothing is left."""
    name = posixpath.basename(claimed.replace("\\", "/")).strip()
    return name[:FILENAME_MAX_LENGTH] or "file"


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
        thumbnail: ThumbnailState | None = None,
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
        self.thumbnail = thumbnail
        """None for a file that is no image, which has none."""

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

    @property
    def shown_inline(self) -> bool:
        return self.content_type in SHOWN_INLINE

    def thumbnail_made(self) -> None:
        self.thumbnail = ThumbnailState.MADE

    def thumbnail_failed(self) -> None:
        self.thumbnail = ThumbnailState.FAILED

    def as_attachment(self) -> Attachment:
        return Attachment(self.id, self.filename, self.content_type, self.size, self.width, self.height)
