"""Messaging's unit of work, on each database and as the fake: a message or a conversation and its
integration event commit together or not at all (the rest of its contract, which every context's
shares, is tests/infra/test_unit_of_work.py)."""

from contexts.messaging.application.integration_events import publish_events
from contexts.messaging.application.send_message import SendMessage
from contexts.messaging.contracts.events import MessageSent
from contexts.messaging.domain.mention_of_everyone import WhoMayMentionEveryone
from kernel.clock import SystemClock
from tests.databases import ALSO_ON_THE_FAKE, Committed
from tests.messaging.adapters.conftest import UnitOfWorkFactory
from tests.messaging.builders import a_direct_conversation

pytestmark = ALSO_ON_THE_FAKE


async def test_a_sent_message_and_its_event_are_stored_together(
    unit_of_work: UnitOfWorkFactory, committed: Committed
) -> None:
    conversation = a_direct_conversation()
    sender = next(iter(conversation.participant_ids))
    async with unit_of_work() as uow:
        await uow.conversations.add(conversation)
        await uow.commit()

    message, _ = await SendMessage(unit_of_work, SystemClock(), WhoMayMentionEveryone())(
        sender, conversation_id=conversation.id, client_message_id="c-1", body="hello"
    )

    async with unit_of_work() as uow:
        assert await uow.messages.get_for_update(conversation.id, message.id) is not None
    assert [(e.type, e.subject) for e in await committed()] == [(MessageSent.TYPE, str(conversation.id))]


async def test_a_rolled_back_conversation_leaves_neither_it_nor_its_event(
    unit_of_work: UnitOfWorkFactory, committed: Committed
) -> None:
    conversation = a_direct_conversation()
    async with unit_of_work() as uow:
        await uow.conversations.add(conversation)
        publish_events(uow, conversation)

    async with unit_of_work() as uow:
        assert await uow.conversations.get(conversation.id) is None
    assert await committed() == []
