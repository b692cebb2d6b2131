from collections.abc import Callable, Sequence
from uuid import UUID

from contexts.messaging.application.integration_events import publish_events
from contexts.messaging.application.message_view import MessageView
from contexts.messaging.domain.client_message_id import ClientMessageId
from contexts.messaging.domain.errors import (
    ConversationNotFoundError,
    NoMessageToReplyToError,
    UploadNotAttachableError,
)
from contexts.messaging.domain.mention_of_everyone import WhoMayMentionEveryone
from contexts.messaging.domain.message import Message
from contexts.messaging.domain.message_body import MessageBody
from contexts.messaging.domain.upload import Upload
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork
from kernel.clock import Clock


class SendMessage:
    """The one use case that changes two aggregates in one transaction: the conversation hands out
    the `seq` and the message it numbers is stored with it, or a failure between the two would
    leave a gap (docs/adr/0027-two-exceptions-in-messaging.md). A reply also counts in its
    thread's root (docs/adr/0029-threads-in-the-conversation-sequence.md). The files it posts are
    attached in that transaction too, so a file is posted with one message or none."""

    def __init__(
        self,
        unit_of_work: Callable[[], MessagingUnitOfWork],
        clock: Clock,
        who_may_mention_everyone: WhoMayMentionEveryone,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock
        self._who_may_mention_everyone = who_may_mention_everyone

    async def __call__(
        self,
        sender_id: UUID,
        *,
        conversation_id: UUID,
        client_message_id: str,
        body: str,
        reply_to: UUID | None = None,
        attachment_ids: Sequence[UUID] = (),
    ) -> tuple[MessageView, bool]:
        """The message, and whether this call sent it.

        Sending again under a client message id the sender already used answers the message sent
        the first time, as it is now, whatever body came with the repeat: a client retrying after
        a lost answer gets that answer, and nothing is posted or announced twice.
        """
        message_id = ClientMessageId(client_message_id)
        text = MessageBody(body)
        async with self._unit_of_work() as uow:
            # Held until commit: concurrent senders to this conversation take turns from here on,
            # so each reads the `seq` and the client message ids its predecessors stored.
            conversation = await uow.conversations.get_for_update(conversation_id)
            if conversation is None:
                raise ConversationNotFoundError()
            conversation.ensure_participant(sender_id)
            sent = await uow.messages.find_sent(conversation_id, sender_id, message_id)
            if sent is not None:
                return MessageView.of(sent), False
            self._who_may_mention_everyone.ensure_allowed(conversation, sender_id, text)
            if reply_to is None:
                uploads = await _uploads(uow, attachment_ids)
                message = conversation.post(sender_id, message_id, text, self._clock.now(), uploads=uploads)
                changed = [message]
            else:
                to, root = await _thread_of(uow, conversation_id, reply_to)
                uploads = await _uploads(uow, attachment_ids)
                message = conversation.reply(
                    sender_id, message_id, text, self._clock.now(), to=to, root=root, uploads=uploads
                )
                changed = [message, root]
            await uow.conversations.save(conversation)
            await uow.messages.add(message)
            for upload in uploads:
                await uow.uploads.save(upload)
            if reply_to is not None:
                await uow.messages.save(root)
            publish_events(uow, conversation, *changed)
            await uow.commit()
        return MessageView.of(message), True


async def _uploads(uow: MessagingUnitOfWork, upload_ids: Sequence[UUID]) -> list[Upload]:
    """The uploads to attach, held after the conversation and messages, as a deletion holds them; one
    that does not exist is refused as one that may not be attached, which it may not."""
    uploads = await uow.uploads.get_for_update(upload_ids)
    found = {upload.id for upload in uploads}
    for upload_id in upload_ids:
        if upload_id not in found:
            raise UploadNotAttachableError(upload_id)
    return uploads


async def _thread_of(
    uow: MessagingUnitOfWork, conversation_id: UUID, reply_to: UUID
) -> tuple[Message, Message]:
    """The message replied to and its thread's root, held for the change: after the conversation,
    the message replied to before its root, as deleting a reply holds them, so neither waits on
    the other in a cycle."""
    to = await uow.messages.get_for_update(conversation_id, reply_to)
    if to is None:
        raise NoMessageToReplyToError()
    if to.thread_root_id is None:
        return to, to
    root = await uow.messages.get_for_update(conversation_id, to.thread_root_id)
    if root is None:
        raise NoMessageToReplyToError()
    return to, root
