from datetime import timedelta

import pytest

from contexts.messaging.contracts.events import MessagePinned, MessageUnpinned
from contexts.messaging.domain.earlier_body import EarlierBody
from contexts.messaging.domain.errors import (
    ConversationNotFoundError,
    MessageNotFoundError,
    TooManyPinsError,
)
from contexts.messaging.domain.message_body import MessageBody
from contexts.messaging.domain.pin import PINS_PER_CONVERSATION, Pin
from kernel.ids import new_id
from kernel.rfc3339 import rfc3339
from tests.messaging.application.conftest import Messaging


async def test_a_pin_is_stored_and_announced_once(messaging: Messaging) -> None:
    alice, bob, conversation_id = await messaging.direct_conversation()
    sent, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c", body="x"
    )
    messaging.clock.advance(timedelta(seconds=5))
    pinned_at = messaging.clock.now()

    for _ in range(2):
        await messaging.pin_message(bob, conversation_id=conversation_id, message_id=sent.id)

    assert messaging.database.messages[sent.id].pin == Pin(bob, pinned_at)
    assert messaging.database.published(MessagePinned) == [
        MessagePinned(
            conversation_id=str(conversation_id),
            message_id=str(sent.id),
            pinned_by=str(bob),
            pinned_at=rfc3339(pinned_at),
        )
    ]


async def test_an_unpin_is_announced_and_deleting_a_pinned_message_unpins_it(messaging: Messaging) -> None:
    alice, bob, conversation_id = await messaging.direct_conversation()
    ids = []
    for n in range(2):
        sent, _ = await messaging.send_message(
            alice, conversation_id=conversation_id, client_message_id=f"c-{n}", body="x"
        )
        await messaging.pin_message(alice, conversation_id=conversation_id, message_id=sent.id)
        ids.append(sent.id)

    await messaging.unpin_message(bob, conversation_id=conversation_id, message_id=ids[0])
    await messaging.unpin_message(bob, conversation_id=conversation_id, message_id=ids[0])
    await messaging.delete_message(alice, conversation_id=conversation_id, message_id=ids[1])

    assert [messaging.database.messages[message_id].pin for message_id in ids] == [None, None]
    assert messaging.database.published(MessageUnpinned) == [
        MessageUnpinned(conversation_id=str(conversation_id), message_id=str(message_id))
        for message_id in ids
    ]


async def test_the_pins_stored_count_towards_the_limit(messaging: Messaging) -> None:
    alice, _, conversation_id = await messaging.direct_conversation()
    ids = []
    for n in range(PINS_PER_CONVERSATION + 1):
        sent, _ = await messaging.send_message(
            alice, conversation_id=conversation_id, client_message_id=f"c-{n}", body="x"
        )
        ids.append(sent.id)
    for message_id in ids[:-1]:
        await messaging.pin_message(alice, conversation_id=conversation_id, message_id=message_id)

    with pytest.raises(TooManyPinsError):
        await messaging.pin_message(alice, conversation_id=conversation_id, message_id=ids[-1])
    await messaging.unpin_message(alice, conversation_id=conversation_id, message_id=ids[0])
    await messaging.pin_message(alice, conversation_id=conversation_id, message_id=ids[-1])


async def test_outsiders_and_unknown_messages_cannot_be_pinned(messaging: Messaging) -> None:
    alice, _, conversation_id = await messaging.direct_conversation()
    sent, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c", body="x"
    )

    with pytest.raises(ConversationNotFoundError):
        await messaging.pin_message(new_id(), conversation_id=conversation_id, message_id=sent.id)
    with pytest.raises(MessageNotFoundError):
        await messaging.pin_message(alice, conversation_id=conversation_id, message_id=new_id())


async def test_edits_keep_the_bodies_they_replaced_and_a_deletion_erases_them(messaging: Messaging) -> None:
    alice, bob, conversation_id = await messaging.direct_conversation()
    sent, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c", body="helo"
    )
    messaging.clock.advance(timedelta(seconds=5))
    await messaging.edit_message(alice, conversation_id=conversation_id, message_id=sent.id, body="hello")

    history = await messaging.edit_history(bob, conversation_id=conversation_id, message_id=sent.id)
    await messaging.delete_message(alice, conversation_id=conversation_id, message_id=sent.id)

    assert history == [
        EarlierBody(MessageBody("helo"), written_at=sent.created_at, replaced_at=messaging.clock.now())
    ]
    assert await messaging.edit_history(bob, conversation_id=conversation_id, message_id=sent.id) == []
    assert messaging.database.earlier_bodies == {}


async def test_only_participants_read_an_edit_history_of_a_message_there(messaging: Messaging) -> None:
    alice, _, conversation_id = await messaging.direct_conversation()
    sent, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c", body="x"
    )

    with pytest.raises(ConversationNotFoundError):
        await messaging.edit_history(new_id(), conversation_id=conversation_id, message_id=sent.id)
    with pytest.raises(MessageNotFoundError):
        await messaging.edit_history(alice, conversation_id=conversation_id, message_id=new_id())
