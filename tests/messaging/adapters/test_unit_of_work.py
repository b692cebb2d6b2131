"""Messaging's unit of work: a message and its event commit together or not at all."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from contexts.messaging.adapters.outbound.sqlalchemy import tables
from contexts.messaging.application.integration_events import publish_events
from contexts.messaging.application.send_message import SendMessage
from contexts.messaging.contracts.events import MessageSent
from kernel.clock import SystemClock
from tests.messaging.adapters.conftest import UnitOfWorkFactory
from tests.messaging.builders import a_direct_conversation


async def outbox(engine: AsyncEngine) -> list[str]:
    outbox = tables.outbox.outbox
    async with engine.connect() as connection:
        return [row.type for row in await connection.execute(select(outbox).order_by(outbox.c.position))]


async def test_a_sent_message_and_its_event_are_stored_together(
    unit_of_work: UnitOfWorkFactory, engine: AsyncEngine
) -> None:
    conversation = a_direct_conversation()
    sender = next(iter(conversation.participant_ids))
    async with unit_of_work() as uow:
        await uow.conversations.add(conversation)
        await uow.commit()

    message, _ = await SendMessage(unit_of_work, SystemClock())(sender, conversation.id, "c-1", "hello")

    async with unit_of_work() as uow:
        assert await uow.messages.get_for_update(conversation.id, message.id) is not None
    assert await outbox(engine) == [MessageSent.TYPE]


async def test_a_rolled_back_conversation_leaves_neither_it_nor_its_event(
    unit_of_work: UnitOfWorkFactory, engine: AsyncEngine
) -> None:
    conversation = a_direct_conversation()
    async with unit_of_work() as uow:
        await uow.conversations.add(conversation)
        publish_events(uow, conversation)

    async with unit_of_work() as uow:
        assert await uow.conversations.get(conversation.id) is None
    assert await outbox(engine) == []
