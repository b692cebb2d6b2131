"""The unit of work's contract, as the application relies on it, on the SQL unit of work every
context's extends (on each database) and on the fake every context's fake extends: what is
published is delivered only once committed, in order, as it was published; what is left without a
commit is forgotten; and an event is applied, as far as the inbox can tell, once its transaction
commits. Whoever is handed a unit of work relies on the same: its changes commit with its opener's
or not at all (tests/architecture/test_handed_units_of_work.py holds it to never committing).

What only the SQL one does, waking the outbox's readers and ordering positions by commit, is in
test_unit_of_work_on_sql.py.
"""

import dataclasses
from collections.abc import Callable

from infra.observability.correlation import correlation_scope
from kernel.ids import new_id
from kernel.unit_of_work import UnitOfWork
from tests.databases import ALSO_ON_THE_FAKE, Committed
from tests.infra.events import event

pytestmark = ALSO_ON_THE_FAKE

UnitOfWorkFactory = Callable[[], UnitOfWork]


async def test_committed_events_are_delivered_as_published_in_the_order_of_publishing(
    unit_of_work: UnitOfWorkFactory, committed: Committed
) -> None:
    first, then = [event("a", 1), event("b", 1), event("a", 2)], [event("b", 2)]
    for events in (first, then):
        async with unit_of_work() as uow:
            for published in events:
                uow.publish(published)
            await uow.commit()

    assert await committed() == first + then


async def test_transactions_open_at_once_are_delivered_in_the_order_they_commit(
    unit_of_work: UnitOfWorkFactory, committed: Committed
) -> None:
    earlier, later = event("a"), event("b")
    async with unit_of_work() as opened_first, unit_of_work() as opened_second:
        opened_first.publish(later)
        opened_second.publish(earlier)
        await opened_second.commit()
        await opened_first.commit()

    assert await committed() == [earlier, later]


async def test_nothing_published_is_delivered_before_its_commit(
    unit_of_work: UnitOfWorkFactory, committed: Committed
) -> None:
    async with unit_of_work() as uow:
        uow.publish(event("a"))
        assert await committed() == []
        await uow.commit()

    assert len(await committed()) == 1


async def test_leaving_without_commit_forgets_what_was_published(
    unit_of_work: UnitOfWorkFactory, committed: Committed
) -> None:
    async with unit_of_work() as uow:
        uow.publish(event("a"))

    assert await committed() == []


async def test_what_is_published_after_a_commit_waits_for_a_commit_of_its_own(
    unit_of_work: UnitOfWorkFactory, committed: Committed
) -> None:
    kept, forgotten = event("a", 1), event("a", 2)
    async with unit_of_work() as uow:
        uow.publish(kept)
        await uow.commit()
        uow.publish(forgotten)

    assert await committed() == [kept]


async def test_published_events_carry_the_current_correlation_id_unless_they_have_one(
    unit_of_work: UnitOfWorkFactory, committed: Committed
) -> None:
    with correlation_scope("request-42"):
        async with unit_of_work() as uow:
            uow.publish(event("a"))
            uow.publish(dataclasses.replace(event("b"), correlation_id="event-7"))
            await uow.commit()

    assert [delivered.correlation_id for delivered in await committed()] == ["request-42", "event-7"]


async def test_the_inbox_remembers_an_event_once_per_consumer(unit_of_work: UnitOfWorkFactory) -> None:
    seen, unseen = new_id(), new_id()
    async with unit_of_work() as uow:
        assert await uow.remember([seen], "projector") == {seen}
        assert await uow.remember([seen], "projector") == set()
        assert await uow.remember([seen], "notifier") == {seen}
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.remember([seen, unseen, unseen], "projector") == {unseen}


async def test_an_event_applied_without_commit_is_not_remembered_nor_are_its_effects_delivered(
    unit_of_work: UnitOfWorkFactory, committed: Committed
) -> None:
    event_id = new_id()
    async with unit_of_work() as uow:
        assert await uow.remember([event_id], "projector") == {event_id}
        uow.publish(event("a"))

    async with unit_of_work() as uow:
        assert await uow.remember([event_id], "projector") == {event_id}
    assert await committed() == []
