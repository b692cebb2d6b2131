"""A socket lives no longer than its access: its token's expiry, unless renewed on it, and its session."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import replace
from datetime import timedelta

import pytest

from contexts.identity.contracts.events import SessionEnded
from contexts.realtime.adapters.inbound.events.consumer import EventDelivery
from contexts.realtime.application.socket import Socket
from contexts.realtime.domain.access_grant import AccessGrant
from contexts.realtime.domain.ending import Ending
from contexts.realtime.domain.errors import NotTheSameUserError, SocketLimitError
from tests.realtime.application.conftest import (
    ACCESS_TOKEN_TTL,
    SETTINGS,
    SOCKETS_IN_TOTAL,
    SOCKETS_PER_USER,
    Realtime,
    settle,
    users,
)
from tests.realtime.application.fakes import RecordingClient

WATCHFUL = replace(SETTINGS, heartbeat_interval_seconds=0.0)
"""Sockets look at the clock at every turn of the event loop, so moving the clock is noticed at once."""


@asynccontextmanager
async def running(
    realtime: Realtime, grant: AccessGrant
) -> AsyncIterator[tuple[Socket, asyncio.Task[Ending]]]:
    sockets = replace(realtime.sockets, settings=WATCHFUL)
    async with sockets.open(grant, RecordingClient()) as socket:
        task = asyncio.create_task(socket.run())
        try:
            yield socket, task
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)


async def test_a_socket_ends_when_its_access_token_expires(realtime: Realtime) -> None:
    [alice] = users(1)
    async with running(realtime, realtime.grant(alice)) as (_, task):
        await settle()
        assert not task.done()

        realtime.clock.advance(ACCESS_TOKEN_TTL)

        assert await asyncio.wait_for(task, timeout=10) is Ending.ACCESS_ENDED


async def test_a_fresh_token_presented_on_the_socket_keeps_it_open_until_that_one_expires(
    realtime: Realtime,
) -> None:
    [alice] = users(1)
    first = realtime.grant(alice)
    async with running(realtime, first) as (socket, task):
        realtime.clock.advance(ACCESS_TOKEN_TTL - timedelta(minutes=1))
        await socket.reauthenticate(realtime.grant(alice, first.session_id))

        realtime.clock.advance(timedelta(minutes=2))
        await settle()
        assert not task.done()

        realtime.clock.advance(ACCESS_TOKEN_TTL)
        assert await asyncio.wait_for(task, timeout=10) is Ending.ACCESS_ENDED


async def test_another_users_token_is_refused_and_changes_nothing(realtime: Realtime) -> None:
    alice, bob = users(2)
    async with running(realtime, realtime.grant(alice)) as (socket, task):
        realtime.clock.advance(ACCESS_TOKEN_TTL - timedelta(minutes=1))
        with pytest.raises(NotTheSameUserError):
            await socket.reauthenticate(realtime.grant(bob))

        realtime.clock.advance(timedelta(minutes=1))
        assert await asyncio.wait_for(task, timeout=10) is Ending.ACCESS_ENDED


async def test_the_sockets_of_a_session_that_ended_end_and_the_users_others_stay(realtime: Realtime) -> None:
    [alice] = users(1)
    signed_out, other_device = realtime.grant(alice), realtime.grant(alice)
    consume = EventDelivery(realtime.delivery)
    async with (
        running(realtime, signed_out) as (_, ending),
        running(realtime, other_device) as (_, staying),
    ):
        ended = SessionEnded(user_id=str(alice), session_id=str(signed_out.session_id))
        await consume([ended.to_event(subject=str(alice), time=realtime.clock.now())])

        assert await asyncio.wait_for(ending, timeout=10) is Ending.ACCESS_ENDED
        await settle()
        assert not staying.done()


async def test_a_user_holds_at_most_so_many_sockets_and_a_process_at_most_so_many_in_all(
    realtime: Realtime,
) -> None:
    alice, bob, carol = users(3)
    async with AsyncExitStack() as held:
        for _ in range(SOCKETS_PER_USER):
            await held.enter_async_context(running(realtime, realtime.grant(alice)))
        with pytest.raises(SocketLimitError) as refused:
            await held.enter_async_context(running(realtime, realtime.grant(alice)))
        assert refused.value.per_user

        for _ in range(SOCKETS_IN_TOTAL - SOCKETS_PER_USER):
            await held.enter_async_context(running(realtime, realtime.grant(bob)))
        with pytest.raises(SocketLimitError) as refused:
            await held.enter_async_context(running(realtime, realtime.grant(carol)))
        assert not refused.value.per_user

    async with running(realtime, realtime.grant(alice)), running(realtime, realtime.grant(carol)):
        pass  # closed sockets count no more
