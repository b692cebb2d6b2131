import pytest

from contexts.messaging.contracts.events import MessageReactionsChanged, PublishedReaction
from contexts.messaging.domain.errors import (
    ConversationNotFoundError,
    MessageDeletedError,
    MessageNotFoundError,
    TooManyReactionsError,
)
from contexts.messaging.domain.reactions import DISTINCT_EMOJI_MAX
from kernel.errors import InvalidValueError
from kernel.ids import new_id
from tests.messaging.application.conftest import Messaging


async def test_a_reaction_is_stored_and_announced_with_the_whole_list(messaging: Messaging) -> None:
    alice, bob, conversation_id = await messaging.direct_conversation()
    sent, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-1", body="hello"
    )

    await messaging.react_to_message(
        bob, conversation_id=conversation_id, message_id=sent.id, emoji="👍", added=True
    )
    await messaging.react_to_message(
        alice, conversation_id=conversation_id, message_id=sent.id, emoji="👍", added=True
    )
    await messaging.react_to_message(
        alice, conversation_id=conversation_id, message_id=sent.id, emoji="👍", added=False
    )

    stored = messaging.database.messages[sent.id]
    assert [(reaction.emoji.value, reaction.user_ids) for reaction in stored.reactions.items] == [
        ("👍", frozenset({bob}))
    ]
    announced = messaging.database.published(MessageReactionsChanged)
    assert [(event.user_id, event.added, event.reactions_revision) for event in announced] == [
        (str(bob), True, 1),
        (str(alice), True, 2),
        (str(alice), False, 3),
    ]
    assert announced[1].reactions == [
        PublishedReaction(emoji="👍", count=2, user_ids=sorted([str(alice), str(bob)]))
    ]
    assert (announced[2].conversation_id, announced[2].message_id, announced[2].emoji) == (
        str(conversation_id),
        str(sent.id),
        "👍",
    )


async def test_the_same_change_again_announces_nothing(messaging: Messaging) -> None:
    alice, _, conversation_id = await messaging.direct_conversation()
    sent, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-1", body="hello"
    )

    for added in (True, True, False, False):
        await messaging.react_to_message(
            alice, conversation_id=conversation_id, message_id=sent.id, emoji="🎉", added=added
        )

    assert len(messaging.database.published(MessageReactionsChanged)) == 2


async def test_refusals(messaging: Messaging) -> None:
    alice, bob, conversation_id = await messaging.direct_conversation()
    sent, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-1", body="hello"
    )

    with pytest.raises(InvalidValueError):
        await messaging.react_to_message(
            bob, conversation_id=conversation_id, message_id=sent.id, emoji="yes", added=True
        )
    with pytest.raises(ConversationNotFoundError):
        await messaging.react_to_message(
            new_id(), conversation_id=conversation_id, message_id=sent.id, emoji="👍", added=True
        )
    with pytest.raises(MessageNotFoundError):
        await messaging.react_to_message(
            bob, conversation_id=conversation_id, message_id=new_id(), emoji="👍", added=True
        )
    for code in range(DISTINCT_EMOJI_MAX):
        await messaging.react_to_message(
            bob, conversation_id=conversation_id, message_id=sent.id, emoji=chr(0x1F600 + code), added=True
        )
    with pytest.raises(TooManyReactionsError):
        await messaging.react_to_message(
            alice, conversation_id=conversation_id, message_id=sent.id, emoji="🦄", added=True
        )
    await messaging.delete_message(alice, conversation_id=conversation_id, message_id=sent.id)
    with pytest.raises(MessageDeletedError):
        await messaging.react_to_message(
            bob, conversation_id=conversation_id, message_id=sent.id, emoji="👍", added=True
        )
    assert messaging.database.messages[sent.id].reactions.items == ()
