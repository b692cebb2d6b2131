"""Reactions under concurrency, through the use case, on real databases: many people reacting to one
message at once neither lose nor double a count, and the limit of distinct emoji holds."""

import asyncio
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from contexts.messaging.adapters.outbound.sqlalchemy import tables
from contexts.messaging.application.react_to_message import ReactToMessage
from contexts.messaging.application.send_message import SendMessage
from contexts.messaging.contracts.events import MessageReactionsChanged
from contexts.messaging.domain.errors import TooManyReactionsError
from contexts.messaging.domain.mention_of_everyone import WhoMayMentionEveryone
from contexts.messaging.domain.reactions import DISTINCT_EMOJI_MAX
from kernel.clock import SystemClock
from kernel.ids import new_id
from tests.messaging.adapters.conftest import UnitOfWorkFactory
from tests.messaging.adapters.test_concurrency import a_group_conversation, published

PEOPLE = 100


async def a_message(unit_of_work: UnitOfWorkFactory, people: list[UUID]) -> tuple[UUID, UUID]:
    conversation_id = await a_group_conversation(unit_of_work, people)
    message, _ = await SendMessage(unit_of_work, SystemClock(), WhoMayMentionEveryone())(
        people[0], conversation_id=conversation_id, client_message_id="c-1", body="react to me"
    )
    return conversation_id, message.id


async def test_concurrent_reactions_and_take_backs_neither_lose_nor_double_a_count(
    unit_of_work: UnitOfWorkFactory, engine: AsyncEngine
) -> None:
    people = [new_id() for _ in range(PEOPLE)]
    conversation_id, message_id = await a_message(unit_of_work, people)
    react = ReactToMessage(unit_of_work, SystemClock())
    taking_back = people[60:80]
    for person in taking_back:
        await react(person, conversation_id=conversation_id, message_id=message_id, emoji="👍", added=True)

    await asyncio.gather(
        *(
            react(person, conversation_id=conversation_id, message_id=message_id, emoji="👍", added=True)
            for person in people[:60]
        ),
        *(
            react(person, conversation_id=conversation_id, message_id=message_id, emoji="👍", added=False)
            for person in taking_back
        ),
        *(
            react(person, conversation_id=conversation_id, message_id=message_id, emoji="🎉", added=True)
            for person in people[80:] * 2  # each twice: the second changes nothing
        ),
    )

    async with unit_of_work() as uow:
        message = await uow.messages.get_for_update(conversation_id, message_id)
    assert message is not None
    assert [(reaction.emoji.value, reaction.user_ids) for reaction in message.reactions.items] == [
        ("👍", frozenset(people[:60])),
        ("🎉", frozenset(people[80:])),
    ]
    async with engine.connect() as connection:
        assert await connection.scalar(select(func.count()).select_from(tables.reactions)) == 80
    told = [
        MessageReactionsChanged.from_event(event)
        for event in await published(engine, MessageReactionsChanged.TYPE)
    ]
    assert sorted(event.reactions_revision for event in told) == list(range(1, len(taking_back) + 101))
    latest = max(told, key=lambda event: event.reactions_revision)
    assert [(reaction["emoji"], reaction["count"]) for reaction in latest.reactions] == [
        ("👍", 60),
        ("🎉", 20),
    ]


async def test_concurrent_new_emoji_stop_at_the_limit(unit_of_work: UnitOfWorkFactory) -> None:
    people = [new_id() for _ in range(DISTINCT_EMOJI_MAX + 10)]
    conversation_id, message_id = await a_message(unit_of_work, people)
    react = ReactToMessage(unit_of_work, SystemClock())

    outcomes = await asyncio.gather(
        *(
            react(
                person,
                conversation_id=conversation_id,
                message_id=message_id,
                emoji=chr(0x1F600 + n),
                added=True,
            )
            for n, person in enumerate(people)
        ),
        return_exceptions=True,
    )

    refused = [outcome for outcome in outcomes if outcome is not None]
    assert len(refused) == 10
    assert all(isinstance(outcome, TooManyReactionsError) for outcome in refused)
    async with unit_of_work() as uow:
        message = await uow.messages.get_for_update(conversation_id, message_id)
    assert message is not None
    assert len(message.reactions.items) == DISTINCT_EMOJI_MAX
