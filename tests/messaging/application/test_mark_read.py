import pytest

from contexts.messaging.contracts.events import ConversationRead
from contexts.messaging.domain.errors import ConversationNotFoundError
from kernel.errors import InvalidValueError
from kernel.ids import new_id
from tests.messaging.application.conftest import Messaging


async def test_a_read_marker_moves_forward_only_and_each_move_is_announced(messaging: Messaging) -> None:
    alice, bob, conversation_id = await messaging.direct_conversation()
    for n in range(3):
        await messaging.send_message(
            bob, conversation_id=conversation_id, client_message_id=f"c-{n}", body="hello"
        )

    await messaging.mark_conversation_read(alice, conversation_id=conversation_id, seq=2)
    await messaging.mark_conversation_read(alice, conversation_id=conversation_id, seq=1)
    await messaging.mark_conversation_read(alice, conversation_id=conversation_id, seq=2)
    await messaging.mark_conversation_read(alice, conversation_id=conversation_id, seq=3)

    assert messaging.database.read_markers[(conversation_id, alice)].seq == 3
    assert messaging.database.published(ConversationRead) == [
        ConversationRead(
            conversation_id=str(conversation_id),
            user_id=str(alice),
            seq=seq,
        )
        for seq in (2, 3)
    ]


async def test_a_seq_beyond_the_latest_message_is_refused(messaging: Messaging) -> None:
    alice, bob, conversation_id = await messaging.direct_conversation()
    await messaging.send_message(bob, conversation_id=conversation_id, client_message_id="c-1", body="hello")

    with pytest.raises(InvalidValueError):
        await messaging.mark_conversation_read(alice, conversation_id=conversation_id, seq=2)

    assert messaging.database.read_markers == {}


async def test_outsiders_have_no_read_marker(messaging: Messaging) -> None:
    _, _, conversation_id = await messaging.direct_conversation()

    with pytest.raises(ConversationNotFoundError):
        await messaging.mark_conversation_read(new_id(), conversation_id=conversation_id, seq=0)
    with pytest.raises(ConversationNotFoundError):
        await messaging.mark_conversation_read(new_id(), conversation_id=new_id(), seq=0)

    assert messaging.database.published(ConversationRead) == []
