"""The JSON of a conversation's pins and of a message's edit history."""

from datetime import datetime
from typing import Self
from uuid import UUID

from pydantic import BaseModel, Field

from contexts.messaging.adapters.inbound.http.schemas import Message
from contexts.messaging.application.pinned_messages_query import Pins
from contexts.messaging.application.reaction_count import ReactionCount
from contexts.messaging.domain.earlier_body import EarlierBody
from contexts.messaging.domain.pin import PINS_PER_CONVERSATION
from contexts.messaging.ports.edit_history import LISTED_EARLIER_BODIES
from contexts.messaging.ports.read_model_store import PinnedMessage


class Pin(BaseModel):
    message: Message = Field(description="As it is now, edits applied.")
    pinned_by: UUID
    pinned_at: datetime

    @classmethod
    def of(cls, pinned: PinnedMessage, reactions: list[ReactionCount]) -> Self:
        return cls.model_validate(
            {
                "message": {**pinned.message, "reactions": reactions},
                "pinned_by": pinned.pin.pinned_by,
                "pinned_at": pinned.pin.pinned_at,
            },
            from_attributes=True,
        )


class PinList(BaseModel):
    items: list[Pin] = Field(
        description=f"The latest pinned first; a conversation holds at most {PINS_PER_CONVERSATION}."
    )

    @classmethod
    def of(cls, pins: Pins) -> Self:
        return cls(
            items=[Pin.of(pinned, pins.reactions.get(pinned.message["id"], [])) for pinned in pins.items]
        )


class Edit(BaseModel):
    body: str = Field(description="A body the message had before an edit replaced it.")
    written_at: datetime = Field(description="When this body was sent, or edited in.")
    replaced_at: datetime = Field(description="When the next edit replaced it.")

    @classmethod
    def of(cls, earlier: EarlierBody) -> Self:
        return cls(body=earlier.body.value, written_at=earlier.written_at, replaced_at=earlier.replaced_at)


class EditList(BaseModel):
    items: list[Edit] = Field(
        description=f"Oldest first, the latest {LISTED_EARLIER_BODIES} at most; none for a deleted"
        " message, whose history is erased with it."
    )

    @classmethod
    def of(cls, history: list[EarlierBody]) -> Self:
        return cls(items=[Edit.of(earlier) for earlier in history])
