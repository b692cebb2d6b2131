"""The sequence and idempotency guarantees under concurrency, through the use cases, on real databases.

Many senders post into one conversation at once: their messages are numbered exactly 1..N.
The same message sent many times at once, as a client retrying on several connections might,
is stored and announced once. Two users opening their direct conversation at once share one.
Replies and deletions of replies at once keep their root's count exact.
"""

import asyncio
from collections import Counter
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from contexts.messaging.adapters.outbound.sqlalchemy import tables
from contexts.messaging.application.delete_message import DeleteMessage
from contexts.messaging.application.follow_group import FollowGroup
from contexts.messaging.application.mark_conversation_read import MarkConversationRead
from contexts.messaging.application.open_direct_conversation import OpenDirectConversation
from contexts.messaging.application.pin_message import PinMessage
from contexts.messaging.application.send_message import SendMessage
from contexts.messaging.contracts.events import (
    ConversationCreated,
    ConversationRead,
    MessagePinned,
    MessageSent,
    ThreadUpdated,
)
from contexts.messaging.domain.errors import TooManyPinsError, UploadNotAttachableError
from contexts.messaging.domain.mention_of_everyone import WhoMayMentionEveryone
from contexts.messaging.domain.pin import PINS_PER_CONVERSATION
from kernel.clock import SystemClock
from kernel.ids import new_id
from kernel.integration_event import IntegrationEvent
from tests.messaging.adapters.conftest import UnitOfWorkFactory
from tests.messaging.builders import MODERATOR, PARTICIPANT, a_group, an_upload

SENDERS = 5
MESSAGES_PER_SENDER = 30


async def published(engine: AsyncEngine, event_type: str) -> list[IntegrationEvent]:
    outbox = tables.outbox.outbox
    async with engine.connect() as connection:
        rows = await connection.execute(
            select(outbox).where(outbox.c.type == event_type).order_by(outbox.c.position)
        )
        return [
            IntegrationEvent(
                type=row.type, source=row.source, subject=row.subject, time=row.time, data=row.data
            )
            for row in rows
        ]


async def a_group_conversation(unit_of_work: UnitOfWorkFactory, members: list[UUID]) -> UUID:
    group = a_group({members[0]: MODERATOR, **dict.fromkeys(members[1:], PARTICIPANT)})
    async with unit_of_work() as uow:
        await FollowGroup(SystemClock())(group, uow)
        await uow.commit()
    return group.group_id


async def test_concurrent_senders_get_the_seqs_1_to_n_without_gaps_or_duplicates(
    unit_of_work: UnitOfWorkFactory, engine: AsyncEngine
) -> None:
    senders = [new_id() for _ in range(SENDERS)]
    conversation_id = await a_group_conversation(unit_of_work, senders)
    send = SendMessage(unit_of_work, SystemClock(), WhoMayMentionEveryone())

    sent = await asyncio.gather(
        *(
            send(
                sender,
                conversation_id=conversation_id,
                client_message_id=f"{sender}-{n}",
                body=f"message {n}",
            )
            for n in range(MESSAGES_PER_SENDER)
            for sender in senders
        )
    )

    total = SENDERS * MESSAGES_PER_SENDER
    assert sorted(message.seq for message, _ in sent) == list(range(1, total + 1))
    messages = tables.messages
    async with engine.connect() as connection:
        stored = list(
            await connection.scalars(
                select(messages.c.seq)
                .where(messages.c.conversation_id == conversation_id)
                .order_by(messages.c.seq)
            )
        )
    assert stored == list(range(1, total + 1))
    async with unit_of_work() as uow:
        conversation = await uow.conversations.get(conversation_id)
    assert conversation is not None
    assert conversation.last_seq == total
    events = [MessageSent.from_event(event) for event in await published(engine, MessageSent.TYPE)]
    assert [event.message["seq"] for event in events] == list(range(1, total + 1))


async def test_the_same_message_sent_concurrently_is_stored_and_announced_once(
    unit_of_work: UnitOfWorkFactory, engine: AsyncEngine
) -> None:
    alice, bob = new_id(), new_id()
    conversation_id = await a_group_conversation(unit_of_work, [alice, bob])
    send = SendMessage(unit_of_work, SystemClock(), WhoMayMentionEveryone())

    outcomes = await asyncio.gather(
        *(
            send(alice, conversation_id=conversation_id, client_message_id="retried", body="hello")
            for _ in range(40)
        ),
        *(
            send(bob, conversation_id=conversation_id, client_message_id="retried", body="hi")
            for _ in range(10)
        ),
    )

    assert Counter(sent for _, sent in outcomes) == Counter({True: 2, False: 48})
    assert len({message.id for message, _ in outcomes[:40]}) == 1
    assert len({message.id for message, _ in outcomes[40:]}) == 1
    assert sorted({message.seq for message, _ in outcomes}) == [1, 2]
    async with engine.connect() as connection:
        assert await connection.scalar(select(func.count()).select_from(tables.messages)) == 2
    assert len(await published(engine, MessageSent.TYPE)) == 2


async def test_both_users_opening_their_conversation_at_once_share_one(
    unit_of_work: UnitOfWorkFactory, engine: AsyncEngine
) -> None:
    alice, bob = new_id(), new_id()
    async with unit_of_work() as uow:
        await uow.known_users.record(alice, "alice")
        await uow.known_users.record(bob, "bob")
        await uow.commit()
    open_direct = OpenDirectConversation(unit_of_work, SystemClock())

    outcomes = await asyncio.gather(
        *(open_direct(one, other_id=other) for one, other in [(alice, bob), (bob, alice)] * 10)
    )

    assert len({conversation.id for conversation, _ in outcomes}) == 1
    assert [created for _, created in outcomes].count(True) == 1
    assert len(await published(engine, ConversationCreated.TYPE)) == 1


async def test_concurrent_read_markers_end_at_the_highest_and_never_move_back(
    unit_of_work: UnitOfWorkFactory, engine: AsyncEngine
) -> None:
    alice, bob = new_id(), new_id()
    conversation_id = await a_group_conversation(unit_of_work, [alice, bob])
    send = SendMessage(unit_of_work, SystemClock(), WhoMayMentionEveryone())
    for n in range(20):
        await send(bob, conversation_id=conversation_id, client_message_id=f"c-{n}", body="hello")
    mark_read = MarkConversationRead(unit_of_work, SystemClock())

    await asyncio.gather(
        *(mark_read(alice, conversation_id=conversation_id, seq=seq) for seq in range(20, 0, -1))
    )

    async with unit_of_work() as uow:
        assert (await uow.read_markers.get_for_update(conversation_id, alice)).seq == 20
    announced = [
        ConversationRead.from_event(event).seq for event in await published(engine, ConversationRead.TYPE)
    ]
    assert announced == sorted(announced)
    assert announced[-1] == 20


async def test_concurrent_pins_never_pass_the_limit(
    unit_of_work: UnitOfWorkFactory, engine: AsyncEngine
) -> None:
    """Pinners hold the conversation while they count: of more pins at once than places left, only
    as many as there are places win."""
    owner = new_id()
    conversation_id = await a_group_conversation(unit_of_work, [owner])
    send, pin = (
        SendMessage(unit_of_work, SystemClock(), WhoMayMentionEveryone()),
        PinMessage(unit_of_work, SystemClock()),
    )
    messages = [
        (await send(owner, conversation_id=conversation_id, client_message_id=f"c-{n}", body="x"))[0]
        for n in range(PINS_PER_CONVERSATION + 10)
    ]

    answers = await asyncio.gather(
        *(pin(owner, conversation_id=conversation_id, message_id=message.id) for message in messages),
        return_exceptions=True,
    )

    refused = [answer for answer in answers if answer is not None]
    assert len(refused) == 10
    assert all(isinstance(answer, TooManyPinsError) for answer in refused)
    assert len(await published(engine, MessagePinned.TYPE)) == PINS_PER_CONVERSATION


async def test_concurrent_replies_and_deletions_of_replies_leave_the_roots_count_exact(
    unit_of_work: UnitOfWorkFactory, engine: AsyncEngine
) -> None:
    """Replies lock the conversation, then the message replied to, then the root; deletions the
    reply, then the root: in the same order, so they neither deadlock nor lose a count."""
    senders = [new_id() for _ in range(SENDERS)]
    conversation_id = await a_group_conversation(unit_of_work, senders)
    send = SendMessage(unit_of_work, SystemClock(), WhoMayMentionEveryone())
    delete = DeleteMessage(unit_of_work, SystemClock())
    root, _ = await send(senders[0], conversation_id=conversation_id, client_message_id="root", body="root")
    first, _ = await send(
        senders[1], conversation_id=conversation_id, client_message_id="first", body="first", reply_to=root.id
    )
    doomed = [
        (
            await send(
                sender,
                conversation_id=conversation_id,
                client_message_id=f"{sender}",
                body="x",
                reply_to=root.id,
            )
        )[0]
        for sender in senders
    ]

    await asyncio.gather(
        *(
            send(
                sender,
                conversation_id=conversation_id,
                client_message_id=f"{sender}-{n}",
                body=f"reply {n}",
                reply_to=first.id if n % 2 else root.id,
            )
            for n in range(10)
            for sender in senders
        ),
        *(
            delete(message.sender_id, conversation_id=conversation_id, message_id=message.id)
            for message in doomed
        ),
    )

    async with engine.connect() as connection:
        count = await connection.scalar(
            select(tables.messages.c.reply_count).where(tables.messages.c.id == root.id)
        )
        version = await connection.scalar(
            select(tables.messages.c.thread_version).where(tables.messages.c.id == root.id)
        )
    assert count == 1 + SENDERS * 10
    assert version == 1 + SENDERS + SENDERS * 10 + SENDERS
    assert len(await published(engine, ThreadUpdated.TYPE)) == version


async def test_one_upload_sent_to_many_conversations_at_once_is_posted_with_one_message(
    unit_of_work: UnitOfWorkFactory, engine: AsyncEngine
) -> None:
    """Each send holds its own conversation, so only the upload's lock keeps the file to one message."""
    alice = new_id()
    conversation_ids = [await a_group_conversation(unit_of_work, [alice, new_id()]) for _ in range(8)]
    upload = an_upload(alice)
    async with unit_of_work() as uow:
        await uow.uploads.add(upload)
        await uow.commit()
    send = SendMessage(unit_of_work, SystemClock(), WhoMayMentionEveryone())

    outcomes = await asyncio.gather(
        *(
            send(
                alice,
                conversation_id=conversation_id,
                client_message_id="c-1",
                body="",
                attachment_ids=[upload.id],
            )
            for conversation_id in conversation_ids
        ),
        return_exceptions=True,
    )

    refused = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
    [(posted, _)] = [outcome for outcome in outcomes if not isinstance(outcome, BaseException)]
    assert [type(refusal) for refusal in refused] == [UploadNotAttachableError] * (len(conversation_ids) - 1)
    async with unit_of_work() as uow:
        stored = await uow.uploads.get(upload.id)
    assert stored is not None
    assert (stored.message_id, stored.conversation_id) == (posted.id, posted.conversation_id)
    async with engine.connect() as connection:
        assert await connection.scalar(select(func.count()).select_from(tables.messages)) == 1
