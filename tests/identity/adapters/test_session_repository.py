"""The session repository's contract, on SQLite, on PostgreSQL and in the application tests' fake."""

from datetime import timedelta

import pytest

from contexts.identity.domain.refresh_token import RefreshToken
from contexts.identity.domain.session import Session
from kernel.ids import new_id
from tests.databases import ALSO_ON_THE_FAKE
from tests.identity.adapters.builders import FIRST_TOKEN, NOW, a_session, a_user
from tests.identity.adapters.conftest import UnitOfWorkFactory

pytestmark = ALSO_ON_THE_FAKE

GRACE = timedelta(seconds=30)


@pytest.fixture
async def session(unit_of_work: UnitOfWorkFactory) -> Session:
    """A stored session of a stored user."""
    user = a_user()
    session = a_session(user.id)
    async with unit_of_work() as uow:
        await uow.users.add(user)
        await uow.sessions.add(session)
        await uow.commit()
    return session


def state(session: Session | None) -> object:
    assert session is not None
    return (
        session.id,
        session.user_id,
        session.rotation_key,
        session.current_token,
        session.rotated_tokens,
        session.previous_token,
        session.rotated_at,
        session.started_at,
        session.expires_at,
        session.revoked_at,
    )


async def test_a_session_is_found_by_id_and_by_its_current_token(
    unit_of_work: UnitOfWorkFactory, session: Session
) -> None:
    async with unit_of_work() as uow:
        assert state(await uow.sessions.get(session.id)) == state(session)
        assert state(await uow.sessions.get_by_token(session.current_token)) == state(session)
        assert await uow.sessions.get(new_id()) is None
        assert await uow.sessions.get_by_token(RefreshToken.issue().digest) is None


async def test_refreshes_and_a_revocation_are_stored(
    unit_of_work: UnitOfWorkFactory, session: Session
) -> None:
    first = FIRST_TOKEN
    async with unit_of_work() as uow:
        stored = await uow.sessions.get_by_token(first.digest)
        assert stored is not None
        second = stored.refresh(first, NOW, GRACE)
        await uow.sessions.save(stored)
        third = stored.refresh(second, NOW + timedelta(seconds=1), GRACE)
        stored.revoke(NOW + timedelta(minutes=1))
        await uow.sessions.save(stored)
        await uow.commit()

    async with unit_of_work() as uow:
        for token in (first, second, third):
            assert state(await uow.sessions.get_by_token(token.digest)) == state(stored)
    assert stored.rotated_tokens == {first.digest, second.digest}
    assert (stored.previous_token, stored.rotated_at) == (second.digest, NOW + timedelta(seconds=1))


async def test_a_stored_session_answers_the_successor_again_within_the_grace_period(
    unit_of_work: UnitOfWorkFactory, session: Session
) -> None:
    async with unit_of_work() as uow:
        stored = await uow.sessions.get(session.id)
        assert stored is not None
        second = stored.refresh(FIRST_TOKEN, NOW, GRACE)
        await uow.sessions.save(stored)
        await uow.commit()

    async with unit_of_work() as uow:
        read = await uow.sessions.get_by_token(FIRST_TOKEN.digest)
        assert read is not None
        assert read.refresh(FIRST_TOKEN, NOW + GRACE - timedelta(microseconds=1), GRACE) == second


async def test_nothing_is_stored_without_a_commit(unit_of_work: UnitOfWorkFactory, session: Session) -> None:
    async with unit_of_work() as uow:
        stored = await uow.sessions.get(session.id)
        assert stored is not None
        stored.revoke(NOW)
        await uow.sessions.save(stored)

    async with unit_of_work() as uow:
        assert state(await uow.sessions.get(session.id)) == state(session)
