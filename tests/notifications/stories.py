"""Other contexts' events as notifications hears them, built from their published language."""

from datetime import UTC, datetime, timedelta
from uuid import UUID

from contexts.identity.contracts.events import UserProfileChanged, UserRegistered
from contexts.messaging.contracts import events as messaging
from kernel.ids import new_id
from kernel.integration_event import IntegrationEvent
from kernel.rfc3339 import rfc3339

STARTED_AT = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def registered(user_id: UUID, username: str) -> IntegrationEvent:
    return UserRegistered(
        user_id=str(user_id), username=username, display_name=username.title(), created_at=rfc3339(STARTED_AT)
    ).to_event(subject=str(user_id), time=STARTED_AT)


def profile_changed(user_id: UUID, username: str) -> IntegrationEvent:
    return UserProfileChanged(user_id=str(user_id), username=username, display_name="Renamed").to_event(
        subject=str(user_id), time=STARTED_AT
    )


class ConversationStory:
    """A conversation and its messages as messaging tells them; each event one minute after the last."""

    def __init__(self, *participant_ids: UUID, kind: str | None = None) -> None:
        self.id = new_id()
        self.participant_ids = participant_ids
        self.kind = kind or ("direct" if len(participant_ids) == 2 else "group")
        self.messages: dict[UUID, messaging.PublishedMessage] = {}
        self.time = STARTED_AT

    def created(self) -> IntegrationEvent:
        """Its beginning, which names who takes part."""
        return messaging.ConversationCreated(conversation=self._conversation()).to_event(
            subject=str(self.id), time=STARTED_AT
        )

    def changed(self, *participant_ids: UUID) -> IntegrationEvent:
        """Who takes part changed to `participant_ids`, as a group's conversation follows its group."""
        self.time += timedelta(minutes=1)
        before, self.participant_ids = set(self.participant_ids), participant_ids
        return messaging.ConversationChanged(
            conversation=self._conversation(),
            added_participant_ids=sorted(str(user_id) for user_id in set(participant_ids) - before),
            removed_participant_ids=sorted(str(user_id) for user_id in before - set(participant_ids)),
        ).to_event(subject=str(self.id), time=self.time)

    def _conversation(self) -> messaging.PublishedConversation:
        return messaging.PublishedConversation(
            id=str(self.id),
            kind=self.kind,
            title=None if self.kind == "direct" else "Crew",
            participant_ids=sorted(map(str, self.participant_ids)),
            created_at=rfc3339(STARTED_AT),
            closed=False,
        )

    def replied(self, sender_id: UUID, to: IntegrationEvent, body: str) -> IntegrationEvent:
        """A reply to the message `to` sent, in its thread, naming the root's sender as messaging does."""
        root = self._message_of(to)
        root_id = root["thread_root_id"] or root["id"]
        sent = self.sent(sender_id, body)
        reply = self._message_of(sent)
        reply["reply_to"], reply["thread_root_id"] = root["id"], root_id
        told = messaging.MessageSent(
            message=messaging.PublishedMessage(**reply),
            conversation_kind=self.kind,
            thread_root_sender_id=self.messages[UUID(root_id)]["sender_id"],
        )
        return told.to_event(subject=str(self.id), time=self.time)

    def sent(self, sender_id: UUID, body: str, *, mentions_everyone: bool = False) -> IntegrationEvent:
        """`mentions_everyone`: what messaging decides of `@all` in the body, which it tells."""
        self.time += timedelta(minutes=1)
        message = messaging.PublishedMessage(
            id=str(new_id()),
            conversation_id=str(self.id),
            seq=len(self.messages) + 1,
            sender_id=str(sender_id),
            client_message_id=f"c-{len(self.messages) + 1}",
            body=body,
            created_at=rfc3339(self.time),
            edited_at=None,
            deleted=False,
            reply_to=None,
            thread_root_id=None,
            reply_count=0,
            last_reply_at=None,
            recent_replier_ids=[],
            attachments=[],
        )
        self.messages[UUID(message["id"])] = message
        told = messaging.MessageSent(
            message=messaging.PublishedMessage(**message),
            conversation_kind=self.kind,
            mentions_everyone=mentions_everyone,
        )
        return told.to_event(subject=str(self.id), time=self.time)

    def edited(
        self, sent: IntegrationEvent, body: str, *, mentions_everyone: bool = False
    ) -> IntegrationEvent:
        self.time += timedelta(minutes=1)
        message = self._message_of(sent)
        message["body"], message["edited_at"] = body, rfc3339(self.time)
        told = messaging.MessageEdited(
            message=messaging.PublishedMessage(**message),
            conversation_kind=self.kind,
            mentions_everyone=mentions_everyone,
        )
        return told.to_event(subject=str(self.id), time=self.time)

    def deleted(self, sent: IntegrationEvent) -> IntegrationEvent:
        self.time += timedelta(minutes=1)
        message = self._message_of(sent)
        message["body"], message["deleted"] = "", True
        told = messaging.MessageDeleted(
            message=messaging.PublishedMessage(**message), conversation_kind=self.kind
        )
        return told.to_event(subject=str(self.id), time=self.time)

    def _message_of(self, sent: IntegrationEvent) -> messaging.PublishedMessage:
        return self.messages[UUID(sent.data["message"]["id"])]
