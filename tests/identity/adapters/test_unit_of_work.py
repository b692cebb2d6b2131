"""Identity's unit of work, on each database and as the fake: a change made through its
repositories and its integration event commit together or not at all (the rest of its contract,
which every context's shares, is tests/infra/test_unit_of_work.py)."""

from contexts.identity.contracts.events import UserRegistered
from kernel.rfc3339 import rfc3339
from tests.databases import ALSO_ON_THE_FAKE, Committed
from tests.identity.adapters.builders import NOW, a_user
from tests.identity.adapters.conftest import UnitOfWorkFactory

pytestmark = ALSO_ON_THE_FAKE


def registered(user_id: str) -> UserRegistered:
    return UserRegistered(user_id=user_id, username="alice", display_name="Alice", created_at=rfc3339(NOW))


async def test_a_committed_change_and_its_event_are_both_stored(
    unit_of_work: UnitOfWorkFactory, committed: Committed
) -> None:
    user = a_user()
    async with unit_of_work() as uow:
        await uow.users.add(user)
        uow.publish(registered(str(user.id)).to_event(subject=str(user.id), time=NOW))
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.users.get(user.id) is not None
    assert [(e.type, e.subject) for e in await committed()] == [(UserRegistered.TYPE, str(user.id))]


async def test_a_rolled_back_change_leaves_neither_it_nor_its_event(
    unit_of_work: UnitOfWorkFactory, committed: Committed
) -> None:
    user = a_user()
    async with unit_of_work() as uow:
        await uow.users.add(user)
        uow.publish(registered(str(user.id)).to_event(subject=str(user.id), time=NOW))

    async with unit_of_work() as uow:
        assert await uow.users.get(user.id) is None
    assert await committed() == []
