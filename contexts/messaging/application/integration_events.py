"""Messaging's domain events, told to other contexts in its published language."""

import dataclasses
from collections.abc import Mapping
from typing import TypedDict
from uuid import UUID

from contexts.messaging.application.conversation_view import ConversationView
from contexts.messaging.application.message_view import MessageView
from contexts.messaging.contracts import events as published
from contexts.messaging.domain.attachment import Attachment
from contexts.messaging.domain.conversation import Conversation
from contexts.messaging.domain.events import (
    ConversationChanged,
    ConversationCreated,
    ConversationRead,
    MessageDeleted,
    MessageEdited,
    MessageEvent,
    MessagePinned,
    MessageReactionsChanged,
    MessageSent,
    MessageUnpinned,
    ThreadUpdated,
)
from contexts.messaging.domain.mention_of_everyone import mentions_everyone
from contexts.messaging.domain.message import Message
from contexts.messaging.domain.thread_summary import ThreadSummary
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork
from kernel.domain_event import DomainEvent
from kernel.integration_event import IntegrationEvent
from kernel.rfc3339 import rfc3339


def publish_events(uow: MessagingUnitOfWork, conversation: Conversation, *messages: Message) -> None:
    """Queue the new events of a conversation, and of its messages in the order given, to be
    stored with the change: a reply before the root whose summary counts it."""
    for event in conversation.pull_events():
        uow.publish(_conversation_event(event, conversation))
    changed = {message.id: message for message in messages}
    for message in messages:
        for event in message.pull_events():
            uow.publish(_message_event(event, message, conversation, changed))


def _conversation_event(event: DomainEvent, conversation: Conversation) -> IntegrationEvent:
    subject = str(conversation.id)
    match event:
        case ConversationCreated():
            created = published.ConversationCreated(conversation=published_conversation(conversation))
            return created.to_event(subject=subject, time=event.occurred_at)
        case ConversationChanged():
            return published.ConversationChanged(
                conversation=published_conversation(conversation),
                added_participant_ids=_ids(event.joined),
                removed_participant_ids=_ids(event.left),
            ).to_event(subject=subject, time=event.occurred_at)
        case ConversationRead():
            return published.ConversationRead(
                conversation_id=subject,
                user_id=str(event.user_id),
                seq=event.seq,
            ).to_event(subject=subject, time=event.occurred_at)
    raise TypeError(f"no integration event for {type(event).__name__}")


_WRITTEN_PAYLOADS: Mapping[type[MessageEvent], type[published.MessageSent | published.MessageEdited]] = {
    MessageSent: published.MessageSent,
    MessageEdited: published.MessageEdited,
}


def _message_event(
    event: DomainEvent, message: Message, conversation: Conversation, changed: Mapping[UUID, Message]
) -> IntegrationEvent:
    """`changed`, the messages of the same change, holds the root of a reply sent in it, whose
    sender the reply's event names."""
    subject = str(conversation.id)
    if isinstance(event, MessagePinned | MessageUnpinned):
        return _pin_event(event, message)
    if isinstance(event, ThreadUpdated):
        updated = published.ThreadUpdated(thread=published_thread(message), version=message.thread.version)
        return updated.to_event(subject=subject, time=event.occurred_at)
    if isinstance(event, MessageReactionsChanged):
        return _reactions_changed(event, message).to_event(subject=subject, time=event.occurred_at)
    if not isinstance(event, MessageEvent):
        raise TypeError(f"no integration event for {type(event).__name__}")
    told, kind = published_message(message), conversation.kind.value
    payload: published.MessageSent | published.MessageEdited | published.MessageDeleted
    if isinstance(event, MessageDeleted):
        payload = published.MessageDeleted(message=told, conversation_kind=kind)
    else:
        payload = _WRITTEN_PAYLOADS[type(event)](
            message=told,
            conversation_kind=kind,
            mentions_everyone=mentions_everyone(conversation, message.body),
        )
    if isinstance(payload, published.MessageSent) and message.thread_root_id is not None:
        root_sender_id = str(changed[message.thread_root_id].sender_id)
        payload = dataclasses.replace(payload, thread_root_sender_id=root_sender_id)
    return payload.to_event(subject=subject, time=event.occurred_at)


def _pin_event(event: MessagePinned | MessageUnpinned, message: Message) -> IntegrationEvent:
    subject = str(message.conversation_id)
    if isinstance(event, MessageUnpinned):
        unpinned = published.MessageUnpinned(conversation_id=subject, message_id=str(message.id))
        return unpinned.to_event(subject=subject, time=event.occurred_at)
    return published_pin(message).to_event(subject=subject, time=event.occurred_at)


def published_pin(message: Message) -> published.MessagePinned:
    """The pin of a pinned message, as told when it was pinned (and by a rebuild of the read models)."""
    if message.pin is None:
        raise ValueError(f"message {message.id} is not pinned")
    return published.MessagePinned(
        conversation_id=str(message.conversation_id),
        message_id=str(message.id),
        pinned_by=str(message.pin.pinned_by),
        pinned_at=rfc3339(message.pin.pinned_at),
    )


def published_conversation(conversation: Conversation) -> published.PublishedConversation:
    view = ConversationView.of(conversation)
    return published.PublishedConversation(
        id=str(view.id),
        kind=view.kind.value,
        title=view.title,
        participant_ids=_ids(view.participant_ids),
        created_at=rfc3339(view.created_at),
        closed=view.closed,
    )


def published_message(message: Message) -> published.PublishedMessage:
    view = MessageView.of(message)
    return published.PublishedMessage(
        id=str(view.id),
        conversation_id=str(view.conversation_id),
        seq=view.seq,
        sender_id=str(view.sender_id),
        client_message_id=view.client_message_id,
        body=view.body,
        created_at=rfc3339(view.created_at),
        edited_at=None if view.edited_at is None else rfc3339(view.edited_at),
        deleted=view.deleted,
        reply_to=_id_or_none(view.reply_to),
        thread_root_id=_id_or_none(view.thread_root_id),
        **_summary(view.thread),
        attachments=[_attachment(attachment) for attachment in view.attachments],
    )


def _attachment(attachment: Attachment) -> published.PublishedAttachment:
    return published.PublishedAttachment(
        id=str(attachment.id),
        filename=attachment.filename,
        content_type=attachment.content_type,
        size=attachment.size,
        width=attachment.width,
        height=attachment.height,
    )


def _reactions_changed(event: MessageReactionsChanged, message: Message) -> published.MessageReactionsChanged:
    return published.MessageReactionsChanged(
        conversation_id=str(message.conversation_id),
        message_id=str(message.id),
        user_id=str(event.user_id),
        emoji=event.emoji,
        added=event.added,
        reactions=published_reactions(message),
        reactions_revision=message.reactions_revision,
    )


def published_reactions(message: Message) -> list[published.PublishedReaction]:
    return [
        published.PublishedReaction(
            emoji=reaction.emoji.value, count=len(reaction.user_ids), user_ids=_ids(reaction.user_ids)
        )
        for reaction in message.reactions.items
    ]


def published_thread(root: Message) -> published.PublishedThread:
    return published.PublishedThread(
        conversation_id=str(root.conversation_id), root_id=str(root.id), **_summary(root.thread)
    )


class _Summary(TypedDict):
    reply_count: int
    last_reply_at: str | None
    recent_replier_ids: list[str]


def _summary(thread: ThreadSummary) -> _Summary:
    return {
        "reply_count": thread.reply_count,
        "last_reply_at": None if thread.last_reply_at is None else rfc3339(thread.last_reply_at),
        "recent_replier_ids": [str(replier) for replier in thread.recent_replier_ids],
    }


def _id_or_none(id: UUID | None) -> str | None:
    return None if id is None else str(id)


def _ids(ids: frozenset[UUID] | list[UUID]) -> list[str]:
    return [str(user_id) for user_id in sorted(ids)]
