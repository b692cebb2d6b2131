"""The JSON of an upload."""

from typing import Self
from uuid import UUID

from pydantic import BaseModel, Field

from contexts.messaging.domain.attachment import Attachment


class Upload(BaseModel):
    id: UUID = Field(description="What a message send names in `attachment_ids`.")
    filename: str = Field(
        description="The name the file was sent with, without folders, at most 255 characters."
    )
    content_type: str = Field(
        description="Detected from the file's content; what the client said is ignored."
    )
    size: int = Field(description="In bytes.")
    width: int | None = Field(description="In pixels, for an image; null for any other file.")
    height: int | None = Field(description="In pixels, for an image; null for any other file.")

    @classmethod
    def of(cls, upload: Attachment) -> Self:
        return cls(
            id=upload.id,
            filename=upload.filename,
            content_type=upload.content_type,
            size=upload.size,
            width=upload.width,
            height=upload.height,
        )
