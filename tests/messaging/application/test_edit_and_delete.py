from datetime import timedelta

import pytest

from contexts.messaging.contracts.events import MessageDeleted, MessageEdited
from contexts.messaging.domain.errors import (
    ConversationNotFoundError,
    MayNotDeleteError,
    MessageDeletedError,
    MessageNotFoundError,
    NotTheSenderError,
)
from kernel.ids import new_id
from kernel.rfc3339 import rfc3339
from tests.messaging.application.conftest import Messaging


async def test_the_sender_edits_and_the_edit_is_stored_and_announced(messaging: Messaging) -> None:
    alice, _, conversation_id = await messaging.direct_conversation()
    sent, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-1", body="helo"
    )
    messaging.clock.advance(timedelta(seconds=30))

    edited = await messaging.edit_message(
        alice, conversation_id=conversation_id, message_id=sent.id, body="hello"
    )

    assert (edited.body, edited.edited_at, edited.seq) == ("hello", messaging.clock.now(), 1)
    assert messaging.database.messages[sent.id].edited_at == messaging.clock.now()
    [announced] = messaging.database.published(MessageEdited)
    edited_at = rfc3339(messaging.clock.now())
    assert (announced.message["body"], announced.message["edited_at"]) == ("hello", edited_at)
    assert announced.message["conversation_id"] == str(conversation_id)


async def test_the_same_body_again_announces_nothing(messaging: Messaging) -> None:
    alice, _, conversation_id = await messaging.direct_conversation()
    sent, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-1", body="hello"
    )

    assert (
        await messaging.edit_message(alice, conversation_id=conversation_id, message_id=sent.id, body="hello")
        == sent
    )
    assert messaging.database.published(MessageEdited) == []


async def test_only_the_sender_edits_and_outsiders_find_nothing(messaging: Messaging) -> None:
    alice, bob, conversation_id = await messaging.direct_conversation()
    sent, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-1", body="hello"
    )

    with pytest.raises(NotTheSenderError):
        await messaging.edit_message(bob, conversation_id=conversation_id, message_id=sent.id, body="changed")
    with pytest.raises(ConversationNotFoundError):
        await messaging.edit_message(
            new_id(), conversation_id=conversation_id, message_id=sent.id, body="changed"
        )
    with pytest.raises(MessageNotFoundError):
        await messaging.edit_message(
            alice, conversation_id=conversation_id, message_id=new_id(), body="changed"
        )

    assert messaging.database.messages[sent.id].body is not None
    assert messaging.database.published(MessageEdited) == []


async def test_a_message_of_another_conversation_is_not_found_through_this_one(messaging: Messaging) -> None:
    alice, _, conversation_id = await messaging.direct_conversation()
    carol = new_id()
    messaging.database.known_users.add(carol)
    other, _ = await messaging.open_direct_conversation(alice, other_id=carol)
    elsewhere, _ = await messaging.send_message(
        alice, conversation_id=other.id, client_message_id="c-1", body="hello"
    )

    with pytest.raises(MessageNotFoundError):
        await messaging.edit_message(
            alice, conversation_id=conversation_id, message_id=elsewhere.id, body="changed"
        )
    with pytest.raises(MessageNotFoundError):
        await messaging.delete_message(alice, conversation_id=conversation_id, message_id=elsewhere.id)


async def test_deleting_leaves_a_tombstone_announced_once(messaging: Messaging) -> None:
    alice, _, conversation_id = await messaging.direct_conversation()
    sent, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-1", body="hello"
    )

    await messaging.delete_message(alice, conversation_id=conversation_id, message_id=sent.id)
    await messaging.delete_message(alice, conversation_id=conversation_id, message_id=sent.id)

    stored = messaging.database.messages[sent.id]
    assert (stored.deleted, stored.body, stored.seq) == (True, None, 1)
    [announced] = messaging.database.published(MessageDeleted)
    assert (announced.message["deleted"], announced.message["body"]) == (True, "")
    with pytest.raises(MessageDeletedError):
        await messaging.edit_message(
            alice, conversation_id=conversation_id, message_id=sent.id, body="back again"
        )


async def test_in_a_direct_conversation_only_the_sender_deletes(messaging: Messaging) -> None:
    alice, bob, conversation_id = await messaging.direct_conversation()
    sent, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-1", body="hello"
    )

    with pytest.raises(MayNotDeleteError):
        await messaging.delete_message(bob, conversation_id=conversation_id, message_id=sent.id)
    with pytest.raises(ConversationNotFoundError):
        await messaging.delete_message(new_id(), conversation_id=conversation_id, message_id=sent.id)

    assert not messaging.database.messages[sent.id].deleted
