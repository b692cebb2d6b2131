"""The contracts of pins (on messages) and of the edit history, on SQLite, on PostgreSQL and in the
application tests' fakes."""

from datetime import timedelta

from contexts.messaging.domain.earlier_body import EarlierBody
from contexts.messaging.domain.message_body import MessageBody
from contexts.messaging.domain.pin import Pin
from kernel.ids import new_id
from tests.databases import ALSO_ON_THE_FAKE
from tests.messaging.adapters.conftest import UnitOfWorkFactory
from tests.messaging.adapters.test_message_repository import stored_conversation
from tests.messaging.builders import NOW, a_direct_conversation, post

pytestmark = ALSO_ON_THE_FAKE

LATER = NOW + timedelta(minutes=1)


async def test_pins_are_saved_taken_off_and_counted_per_conversation(unit_of_work: UnitOfWorkFactory) -> None:
    conversation = await stored_conversation(unit_of_work)
    other = await stored_conversation(unit_of_work)
    sender = next(iter(conversation.participant_ids))
    pinned, unpinned, plain = (post(conversation, sender, text) for text in ("pinned", "unpinned", "plain"))
    elsewhere = post(other, next(iter(other.participant_ids)), "elsewhere")
    async with unit_of_work() as uow:
        for message in (pinned, unpinned, plain, elsewhere):
            await uow.messages.add(message)
        await uow.commit()

    async with unit_of_work() as uow:
        for message in (pinned, unpinned, elsewhere):
            message.pin_by(sender, pins_in_conversation=0, now=NOW)
            await uow.messages.save(message)
        await uow.commit()
    async with unit_of_work() as uow:
        unpinned.unpin(LATER)
        await uow.messages.save(unpinned)
        await uow.commit()

    async with unit_of_work() as uow:
        assert (await uow.messages.get(conversation.id, pinned.id)).pin == Pin(sender, NOW)  # type: ignore[union-attr]
        assert (await uow.messages.get_for_update(conversation.id, unpinned.id)).pin is None  # type: ignore[union-attr]
        assert await uow.messages.pinned_count(conversation.id) == 1
        assert await uow.messages.pinned_count(new_id()) == 0
        assert await uow.messages.get(other.id, pinned.id) is None


async def test_an_edit_history_lists_the_latest_earlier_bodies_oldest_first_until_erased(
    unit_of_work: UnitOfWorkFactory,
) -> None:
    conversation = await stored_conversation(unit_of_work)
    sender = next(iter(conversation.participant_ids))
    message, other = post(conversation, sender, "one"), post(conversation, sender, "other")
    bodies = [
        EarlierBody(MessageBody(f"body {n}"), written_at=NOW + timedelta(minutes=n), replaced_at=NOW)
        for n in range(4)
    ]
    async with unit_of_work() as uow:
        await uow.messages.add(message)
        await uow.messages.add(other)
        await uow.commit()
    for earlier in bodies:
        async with unit_of_work() as uow:
            await uow.edit_history.append(message.id, earlier)
            await uow.commit()
    async with unit_of_work() as uow:
        await uow.edit_history.append(other.id, bodies[0])
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.edit_history.of(message.id, count=10) == bodies
        assert await uow.edit_history.of(message.id, count=2) == bodies[2:]
        await uow.edit_history.erase(message.id)
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.edit_history.of(message.id, count=10) == []
        assert await uow.edit_history.of(other.id, count=10) == [bodies[0]]
        assert await uow.edit_history.of(a_direct_conversation().id, count=10) == []
