"""What only the SQL message repository does: its tables refuse a second message at a seq or under
a client's id, should a caller ever add one without holding the conversation."""

import pytest
from sqlalchemy.exc import IntegrityError

from contexts.messaging.domain.client_message_id import ClientMessageId
from contexts.messaging.domain.message import Message
from contexts.messaging.domain.message_body import MessageBody
from kernel.ids import new_id
from tests.messaging.adapters.conftest import SqlUnitOfWorkFactory
from tests.messaging.builders import NOW, a_direct_conversation, post


@pytest.mark.parametrize("clash", ["seq", "client_message_id"])
async def test_storage_refuses_a_second_message_at_a_seq_or_under_a_client_id(
    sql_unit_of_work: SqlUnitOfWorkFactory, clash: str
) -> None:
    conversation = a_direct_conversation()
    sender = next(iter(conversation.participant_ids))
    first = post(conversation, sender, "first", client_id="c-1")
    second = Message(
        new_id(),
        conversation.id,
        first.seq if clash == "seq" else first.seq + 1,
        sender,
        ClientMessageId("c-1" if clash == "client_message_id" else "c-2"),
        MessageBody("second"),
        NOW,
        None,
    )
    async with sql_unit_of_work() as uow:
        await uow.conversations.add(conversation)
        await uow.messages.add(first)
        await uow.commit()

    async with sql_unit_of_work() as uow:
        with pytest.raises(IntegrityError):
            await uow.messages.add(second)
