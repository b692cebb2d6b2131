"""The message repository's contract, on SQLite, on PostgreSQL and in the application tests' fake."""

from datetime import timedelta

from contexts.messaging.domain.client_message_id import ClientMessageId
from contexts.messaging.domain.conversation import Conversation
from contexts.messaging.domain.emoji import Emoji
from contexts.messaging.domain.message import Message
from contexts.messaging.domain.message_body import MessageBody
from kernel.ids import new_id
from tests.databases import ALSO_ON_THE_FAKE
from tests.messaging.adapters.conftest import UnitOfWorkFactory
from tests.messaging.builders import NOW, a_direct_conversation, an_upload, post

pytestmark = ALSO_ON_THE_FAKE


def state(message: Message | None) -> tuple[object, ...]:
    assert message is not None
    return (
        message.id,
        message.conversation_id,
        message.seq,
        message.sender_id,
        message.client_message_id,
        message.body,
        message.created_at,
        message.edited_at,
    )


async def stored_conversation(unit_of_work: UnitOfWorkFactory) -> Conversation:
    conversation = a_direct_conversation()
    async with unit_of_work() as uow:
        await uow.conversations.add(conversation)
        await uow.commit()
    return conversation


async def test_a_message_reads_back_as_it_was_added(unit_of_work: UnitOfWorkFactory) -> None:
    conversation = await stored_conversation(unit_of_work)
    sender = next(iter(conversation.participant_ids))
    message = post(conversation, sender, "héllo\n\tworld 🙂", client_id="c-1")
    async with unit_of_work() as uow:
        await uow.messages.add(message)
        await uow.commit()

    async with unit_of_work() as uow:
        assert state(await uow.messages.get_for_update(conversation.id, message.id)) == state(message)
        found = await uow.messages.find_sent(conversation.id, sender, ClientMessageId("c-1"))
        assert state(found) == state(message)
        assert await uow.messages.find_sent(conversation.id, sender, ClientMessageId("c-2")) is None
        assert await uow.messages.find_sent(conversation.id, new_id(), ClientMessageId("c-1")) is None
        assert await uow.messages.get_for_update(new_id(), message.id) is None


async def test_edits_and_tombstones_are_saved(unit_of_work: UnitOfWorkFactory) -> None:
    conversation = await stored_conversation(unit_of_work)
    sender = next(iter(conversation.participant_ids))
    edited, deleted = post(conversation, sender, "one"), post(conversation, sender, "two")
    async with unit_of_work() as uow:
        await uow.messages.add(edited)
        await uow.messages.add(deleted)
        await uow.commit()

    async with unit_of_work() as uow:
        conversation.edit(edited, sender, MessageBody("one, edited"), NOW + timedelta(minutes=1))
        conversation.delete(deleted, sender, NOW + timedelta(minutes=2))
        await uow.messages.save(edited)
        await uow.messages.save(deleted)
        await uow.commit()

    async with unit_of_work() as uow:
        assert state(await uow.messages.get_for_update(conversation.id, edited.id)) == state(edited)
        tombstone = await uow.messages.get_for_update(conversation.id, deleted.id)
        assert state(tombstone) == state(deleted)
        assert tombstone is not None
        assert tombstone.deleted


async def test_reactions_are_saved_with_their_order_and_go_with_the_deleted_message(
    unit_of_work: UnitOfWorkFactory,
) -> None:
    conversation = await stored_conversation(unit_of_work)
    alice, bob = sorted(conversation.participant_ids)
    message = post(conversation, alice)
    async with unit_of_work() as uow:
        await uow.messages.add(message)
        await uow.commit()

    for user, emoji in [(bob, "🎉"), (alice, "👍"), (bob, "👍")]:
        async with unit_of_work() as uow:
            held = await uow.messages.get_for_update(conversation.id, message.id)
            assert held is not None
            conversation.react(held, user, Emoji(emoji), NOW)
            await uow.messages.save(held)
            await uow.commit()
    async with unit_of_work() as uow:
        held = await uow.messages.get_for_update(conversation.id, message.id)
        assert held is not None
        conversation.take_back(held, bob, Emoji("🎉"), NOW)
        await uow.messages.save(held)
        await uow.commit()

    async with unit_of_work() as uow:
        found = await uow.messages.get_for_update(conversation.id, message.id)
        [listed] = await uow.messages.after(conversation.id, 0, 10)
    assert found is not None
    assert [(reaction.emoji.value, reaction.user_ids) for reaction in found.reactions.items] == [
        ("👍", frozenset({alice, bob}))
    ]
    assert (found.reactions, found.reactions_revision) == (listed.reactions, listed.reactions_revision)
    assert found.reactions_revision == 4

    async with unit_of_work() as uow:
        held = await uow.messages.get_for_update(conversation.id, message.id)
        assert held is not None
        conversation.delete(held, alice, NOW)
        await uow.messages.save(held)
        await uow.commit()
    async with unit_of_work() as uow:
        tombstone = await uow.messages.get_for_update(conversation.id, message.id)
    assert tombstone is not None
    assert tombstone.reactions.items == ()


async def test_a_message_reads_back_with_its_files_and_its_tombstone_without(
    unit_of_work: UnitOfWorkFactory,
) -> None:
    conversation = await stored_conversation(unit_of_work)
    sender = next(iter(conversation.participant_ids))
    photo, report = an_upload(sender), an_upload(sender, "ré port.pdf", image=False)
    async with unit_of_work() as uow:
        await uow.uploads.add(photo)
        await uow.uploads.add(report)
        await uow.commit()
    message = conversation.post(sender, ClientMessageId("c-1"), MessageBody(""), NOW, uploads=[photo, report])
    async with unit_of_work() as uow:
        await uow.messages.add(message)
        await uow.uploads.save(photo)
        await uow.uploads.save(report)
        await uow.commit()

    async with unit_of_work() as uow:
        found = await uow.messages.get_for_update(conversation.id, message.id)
        assert found is not None
        assert (found.body, found.attachments) == (MessageBody(""), message.attachments)
        assert {upload.id for upload in await uow.uploads.of_message(message.id)} == {photo.id, report.id}
        conversation.delete(found, sender, NOW + timedelta(minutes=1))
        await uow.messages.save(found)
        await uow.commit()

    async with unit_of_work() as uow:
        tombstone = await uow.messages.get(conversation.id, message.id)
        assert tombstone is not None
        assert tombstone.attachments == ()
