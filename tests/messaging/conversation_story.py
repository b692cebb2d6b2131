"""A group conversation's life told as messaging tells it: its integration events, in the order
they happened, and what its read models must show at the end whatever order they arrive in."""

from datetime import UTC, datetime, timedelta
from uuid import UUID

from contexts.messaging.application.thread_summaries import with_summaries
from contexts.messaging.contracts import events as published
from contexts.messaging.contracts.revisions import microseconds
from kernel.ids import new_id
from kernel.integration_event import EventPayload, IntegrationEvent
from kernel.rfc3339 import rfc3339

STARTED_AT = datetime(2025, 1, 1, 9, 0, tzinfo=UTC)


class ConversationStory:
    def __init__(self, *participant_ids: UUID, title: str = "Crew") -> None:
        self.id = str(new_id())
        self.now = STARTED_AT
        self.conversation = published.PublishedConversation(
            id=self.id,
            kind="group",
            title=title,
            participant_ids=sorted(str(user_id) for user_id in participant_ids),
            created_at=rfc3339(self.now),
            closed=False,
        )
        self.messages: dict[str, published.PublishedMessage] = {}
        self.read: dict[str, int] = {}
        self.pins: dict[str, published.MessagePinned] = {}
        self.reactions: dict[str, dict[str, list[str]]] = {}
        """By message id: who reacted with each emoji, in the order of first use."""
        self.events: list[IntegrationEvent] = []
        self._reactions_revisions: dict[str, int] = {}
        self.threads: dict[str, tuple[published.PublishedThread, int]] = {}
        """By root id: each thread's summary and its version."""

    def created(self) -> IntegrationEvent:
        return self._told(published.ConversationCreated(conversation=self.conversation.copy()))

    def changed(
        self, *, title: str | None = None, joining: UUID | None = None, leaving: UUID | None = None
    ) -> IntegrationEvent:
        participants = set(self.conversation["participant_ids"])
        if joining is not None:
            participants.add(str(joining))
        if leaving is not None:
            participants.discard(str(leaving))
        self.conversation = self.conversation.copy()
        self.conversation["participant_ids"] = sorted(participants)
        self.conversation["title"] = title or self.conversation["title"]
        return self._told(
            published.ConversationChanged(
                conversation=self.conversation.copy(),
                added_participant_ids=[] if joining is None else [str(joining)],
                removed_participant_ids=[] if leaving is None else [str(leaving)],
            )
        )

    def sent(
        self,
        sender_id: UUID,
        body: str = "hello",
        *,
        reply_to: str | None = None,
        attachments: list[published.PublishedAttachment] | None = None,
    ) -> tuple[str, IntegrationEvent]:
        seq = len(self.messages) + 1
        root_id = None if reply_to is None else self.messages[reply_to]["thread_root_id"] or reply_to
        message = published.PublishedMessage(
            id=str(new_id()),
            conversation_id=self.id,
            seq=seq,
            sender_id=str(sender_id),
            client_message_id=f"c-{seq}",
            body=body,
            created_at=rfc3339(self._tick()),
            edited_at=None,
            deleted=False,
            reply_to=reply_to,
            thread_root_id=root_id,
            reply_count=0,
            last_reply_at=None,
            recent_replier_ids=[],
            attachments=attachments or [],
        )
        self.messages[message["id"]] = message
        return message["id"], self._told_message(published.MessageSent, message)

    def replied(self, sender_id: UUID, to: str, body: str = "indeed") -> tuple[str, list[IntegrationEvent]]:
        """A reply to `to`, in its thread: its `message_sent`, then its root's `thread_updated`."""
        reply_id, sent = self.sent(sender_id, body, reply_to=to)
        reply = self.messages[reply_id]
        root_id = reply["thread_root_id"] or to
        thread, version = self.threads.get(root_id, (None, 0))
        repliers = [] if thread is None else thread["recent_replier_ids"]
        updated = published.PublishedThread(
            conversation_id=self.id,
            root_id=root_id,
            reply_count=(0 if thread is None else thread["reply_count"]) + 1,
            last_reply_at=reply["created_at"],
            recent_replier_ids=[str(sender_id), *(r for r in repliers if r != str(sender_id))][:3],
        )
        self.threads[root_id] = (updated, version + 1)
        return reply_id, [sent, self._told(published.ThreadUpdated(thread=updated, version=version + 1))]

    def edited(self, message_id: str, body: str) -> IntegrationEvent:
        message = self.messages[message_id].copy()
        message["body"], message["edited_at"] = body, rfc3339(self._tick())
        self.messages[message_id] = message
        return self._told_message(published.MessageEdited, message)

    def deleted(self, message_id: str) -> IntegrationEvent:
        message = self.messages[message_id].copy()
        message["body"], message["deleted"], message["attachments"] = "", True, []
        self.messages[message_id] = message
        self.reactions.pop(message_id, None)
        deleted = self._told_message(published.MessageDeleted, message)
        if message_id in self.pins:
            self.unpinned(message_id)
        return deleted

    def pinned(self, message_id: str, pinner_id: UUID) -> IntegrationEvent:
        pin = published.MessagePinned(
            conversation_id=self.id,
            message_id=message_id,
            pinned_by=str(pinner_id),
            pinned_at=rfc3339(self._tick()),
        )
        self.pins[message_id] = pin
        return self._told(pin, time=self.now)

    def unpinned(self, message_id: str) -> IntegrationEvent:
        del self.pins[message_id]
        return self._told(published.MessageUnpinned(conversation_id=self.id, message_id=message_id))

    def read_by(self, user_id: UUID, seq: int) -> IntegrationEvent:
        self.read[str(user_id)] = max(self.read.get(str(user_id), 0), seq)
        return self._told(
            published.ConversationRead(
                conversation_id=self.id,
                user_id=str(user_id),
                seq=seq,
            )
        )

    def reacted(self, user_id: UUID, message_id: str, emoji: str, *, added: bool = True) -> IntegrationEvent:
        of_message = self.reactions.setdefault(message_id, {})
        users = of_message.setdefault(emoji, [])
        if added:
            users.append(str(user_id))
        else:
            users.remove(str(user_id))
            if not users:
                del of_message[emoji]
        self._reactions_revisions[message_id] = self._reactions_revisions.get(message_id, 0) + 1
        return self._told(
            published.MessageReactionsChanged(
                conversation_id=self.id,
                message_id=message_id,
                user_id=str(user_id),
                emoji=emoji,
                added=added,
                reactions=self.reactions_of(message_id),
                reactions_revision=self._reactions_revisions[message_id],
            )
        )

    def reactions_of(self, message_id: str) -> list[published.PublishedReaction]:
        return [
            published.PublishedReaction(emoji=emoji, count=len(users), user_ids=sorted(users))
            for emoji, users in self.reactions.get(message_id, {}).items()
        ]

    def timeline(self) -> list[published.PublishedMessage]:
        """Its messages, each root with its thread's summary, as the read models show them."""
        summaries = {root_id: thread for root_id, (thread, _) in self.threads.items()}
        return with_summaries(sorted(self.messages.values(), key=lambda message: message["seq"]), summaries)

    def pinned_messages(self) -> list[tuple[published.PublishedMessage, published.MessagePinned]]:
        """The pinned messages, as the timeline shows them, and their pins, the latest pinned first."""
        shown = {message["id"]: message for message in self.timeline()}
        pins = sorted(self.pins.values(), key=lambda pin: pin.pinned_at, reverse=True)
        return [(shown[pin.message_id], pin) for pin in pins]

    def activity(self) -> int:
        """When the conversation or its latest message began, as the read models order by it."""
        times = [
            self.conversation["created_at"],
            *(message["created_at"] for message in self.messages.values()),
        ]
        return max(microseconds(datetime.fromisoformat(time)) for time in times)

    def unread_by(self, user_id: UUID) -> int:
        marker = self.read.get(str(user_id), 0)
        return sum(
            1
            for message in self.messages.values()
            if message["seq"] > marker and message["sender_id"] != str(user_id) and not message["deleted"]
        )

    def _told_message(
        self,
        payload: type[published.MessageSent | published.MessageEdited | published.MessageDeleted],
        message: published.PublishedMessage,
    ) -> IntegrationEvent:
        return self._told(
            payload(
                message=message,
                conversation_kind="group",
            )
        )

    def _told(self, payload: EventPayload, time: datetime | None = None) -> IntegrationEvent:
        event = payload.to_event(subject=self.id, time=time or self._tick())
        self.events.append(event)
        return event

    def _tick(self) -> datetime:
        self.now += timedelta(milliseconds=1)
        return self.now
