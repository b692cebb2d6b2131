"""Replying: the reply and its root's summary change together, and both are announced."""

import pytest

from contexts.messaging.contracts.events import MessageDeleted, MessageSent, ThreadUpdated
from contexts.messaging.domain.errors import NoMessageToReplyToError, ReplyToDeletedError
from kernel.ids import new_id
from kernel.rfc3339 import rfc3339
from tests.messaging.application.conftest import Messaging


async def test_a_reply_is_numbered_counted_by_its_root_and_announced_after_its_message(
    messaging: Messaging,
) -> None:
    alice, bob, conversation_id = await messaging.direct_conversation()
    root, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-1", body="q"
    )

    first, _ = await messaging.send_message(
        bob, conversation_id=conversation_id, client_message_id="c-2", body="a", reply_to=root.id
    )
    second, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-3", body="b", reply_to=first.id
    )

    assert (first.seq, first.thread_root_id, second.seq, second.reply_to, second.thread_root_id) == (
        2,
        root.id,
        3,
        first.id,
        root.id,
    )
    stored = messaging.database.messages[root.id].thread
    assert (stored.reply_count, stored.last_reply_at, stored.recent_replier_ids) == (
        2,
        second.created_at,
        (alice, bob),
    )
    types = [event.type for event in messaging.database.outbox]
    assert types[-4:] == [MessageSent.TYPE, ThreadUpdated.TYPE] * 2
    sent = messaging.database.published(MessageSent)
    assert [event.thread_root_sender_id for event in sent] == [None, str(alice), str(alice)]
    assert (sent[2].message["reply_to"], sent[2].message["thread_root_id"]) == (str(first.id), str(root.id))
    last = messaging.database.published(ThreadUpdated)[-1]
    assert last == ThreadUpdated(
        thread={
            "conversation_id": str(conversation_id),
            "root_id": str(root.id),
            "reply_count": 2,
            "last_reply_at": rfc3339(second.created_at),
            "recent_replier_ids": [str(alice), str(bob)],
        },
        version=2,
    )


async def test_a_reply_sent_again_under_its_client_id_counts_once(messaging: Messaging) -> None:
    alice, bob, conversation_id = await messaging.direct_conversation()
    root, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-1", body="q"
    )

    for _ in range(2):
        await messaging.send_message(
            bob, conversation_id=conversation_id, client_message_id="c-2", body="a", reply_to=root.id
        )

    assert messaging.database.messages[root.id].thread.reply_count == 1
    assert len(messaging.database.published(ThreadUpdated)) == 1


async def test_replying_to_a_missing_or_foreign_message_names_reply_to(messaging: Messaging) -> None:
    _, bob, conversation_id = await messaging.direct_conversation()
    _, _, elsewhere = await messaging.direct_conversation()
    foreign, _ = await messaging.send_message(
        next(iter(messaging.database.conversations[elsewhere].participants)),
        conversation_id=elsewhere,
        client_message_id="c-1",
        body="elsewhere",
    )

    for reply_to in (new_id(), foreign.id):
        with pytest.raises(NoMessageToReplyToError) as refused:
            await messaging.send_message(
                bob, conversation_id=conversation_id, client_message_id="c-2", body="a", reply_to=reply_to
            )
        assert refused.value.field == "reply_to"
    assert messaging.database.conversations[conversation_id].last_seq == 0


async def test_replying_to_a_deleted_message_is_refused(messaging: Messaging) -> None:
    alice, bob, conversation_id = await messaging.direct_conversation()
    root, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-1", body="q"
    )
    await messaging.delete_message(alice, conversation_id=conversation_id, message_id=root.id)

    with pytest.raises(ReplyToDeletedError):
        await messaging.send_message(
            bob, conversation_id=conversation_id, client_message_id="c-2", body="a", reply_to=root.id
        )


async def test_deleting_a_reply_uncounts_it_and_announces_the_summary(messaging: Messaging) -> None:
    alice, bob, conversation_id = await messaging.direct_conversation()
    root, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-1", body="q"
    )
    answer, _ = await messaging.send_message(
        bob, conversation_id=conversation_id, client_message_id="c-2", body="a", reply_to=root.id
    )

    await messaging.delete_message(bob, conversation_id=conversation_id, message_id=answer.id)
    await messaging.delete_message(bob, conversation_id=conversation_id, message_id=answer.id)

    assert messaging.database.messages[root.id].thread.reply_count == 0
    assert [event.type for event in messaging.database.outbox][-2:] == [
        MessageDeleted.TYPE,
        ThreadUpdated.TYPE,
    ]
    assert [(u.thread["reply_count"], u.version) for u in messaging.database.published(ThreadUpdated)] == [
        (1, 1),
        (0, 2),
    ]
