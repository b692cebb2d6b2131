import pytest

from contexts.messaging.contracts.events import MessageSent
from contexts.messaging.domain.errors import ConversationNotFoundError
from kernel.errors import InvalidValueError
from kernel.ids import new_id
from kernel.rfc3339 import rfc3339
from tests.messaging.application.conftest import Messaging


async def test_a_sent_message_is_stored_numbered_and_announced_to_the_participants(
    messaging: Messaging,
) -> None:
    alice, bob, conversation_id = await messaging.direct_conversation()

    first, sent = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-1", body="hello"
    )
    second, _ = await messaging.send_message(
        bob, conversation_id=conversation_id, client_message_id="c-1", body="hi"
    )

    assert sent is True
    assert (first.seq, first.sender_id, first.body, first.deleted) == (1, alice, "hello", False)
    assert (second.seq, second.sender_id) == (2, bob)
    assert set(messaging.database.messages) == {first.id, second.id}
    announced = messaging.database.published(MessageSent)
    assert [event.message["seq"] for event in announced] == [1, 2]
    assert announced[0] == MessageSent(
        message={
            "id": str(first.id),
            "conversation_id": str(conversation_id),
            "seq": 1,
            "sender_id": str(alice),
            "client_message_id": "c-1",
            "body": "hello",
            "created_at": rfc3339(first.created_at),
            "edited_at": None,
            "deleted": False,
            "reply_to": None,
            "thread_root_id": None,
            "reply_count": 0,
            "last_reply_at": None,
            "recent_replier_ids": [],
            "attachments": [],
        },
        conversation_kind="direct",
    )
    assert {event.subject for event in messaging.database.outbox} == {str(conversation_id)}


async def test_sending_again_under_the_same_client_id_answers_the_first_message_and_announces_nothing(
    messaging: Messaging,
) -> None:
    alice, _, conversation_id = await messaging.direct_conversation()
    first, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-1", body="hello"
    )

    again, sent = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-1", body="a different body"
    )

    assert (again, sent) == (first, False)
    assert len(messaging.database.messages) == 1
    assert len(messaging.database.published(MessageSent)) == 1


async def test_outsiders_and_unknown_conversations_are_not_found(messaging: Messaging) -> None:
    _, _, conversation_id = await messaging.direct_conversation()

    with pytest.raises(ConversationNotFoundError):
        await messaging.send_message(
            new_id(), conversation_id=conversation_id, client_message_id="c-1", body="hello"
        )
    with pytest.raises(ConversationNotFoundError):
        await messaging.send_message(
            new_id(), conversation_id=new_id(), client_message_id="c-1", body="hello"
        )

    assert messaging.database.messages == {}


@pytest.mark.parametrize(
    ("client_message_id", "body", "field"),
    [
        ("c-1", "", "body"),
        ("c-1", "a\x00", "body"),
        ("c-1", "  ", "body"),
        ("", "hello", "client_message_id"),
    ],
)
async def test_invalid_input_is_refused_before_anything_is_stored(
    messaging: Messaging, client_message_id: str, body: str, field: str
) -> None:
    alice, _, conversation_id = await messaging.direct_conversation()

    with pytest.raises(InvalidValueError) as refused:
        await messaging.send_message(
            alice, conversation_id=conversation_id, client_message_id=client_message_id, body=body
        )

    assert refused.value.field == field
    assert messaging.database.messages == {}
    assert messaging.database.conversations[conversation_id].last_seq == 0
