"""The PresenceStore contract, for the in-memory adapter and for Redis.

Time is passed in, never slept through: `at(seconds)` is a moment after the start of a test's story.
Several realtime instances share one store; in the monolith they are one process's store.
"""

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest
from redis.asyncio import Redis

from contexts.realtime.adapters.outbound.in_memory_presence_store import InMemoryPresenceStore
from contexts.realtime.adapters.outbound.redis_presence_store import RedisPresenceStore
from contexts.realtime.domain.presence import Presence, PresenceStatus
from contexts.realtime.ports.presence_store import PresenceStore
from kernel.ids import new_id

TTL = timedelta(seconds=30)
START = datetime(2030, 1, 1, tzinfo=UTC)

ONLINE = PresenceStatus.ONLINE
OFFLINE = PresenceStatus.OFFLINE

Instance = Callable[[], PresenceStore]
"""The store as one more realtime instance sees it."""


def at(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


@pytest.fixture
async def instance(redis_url_or_none: str | None) -> AsyncIterator[Instance]:
    if redis_url_or_none is None:
        store = InMemoryPresenceStore(TTL)
        yield lambda: store
        return
    url = redis_url_or_none
    key_prefix = f"test-{new_id().hex}:presence"  # no other test (or earlier run) uses it
    clients: list[Redis] = []

    def on_its_own_connections() -> PresenceStore:
        clients.append(Redis.from_url(url))
        return RedisPresenceStore(clients[-1], TTL, key_prefix)

    yield on_its_own_connections
    for client in clients:
        await client.aclose()


@pytest.fixture
def store(instance: Instance) -> PresenceStore:
    return instance()


async def presence_of(store: PresenceStore, user_id: UUID, now: datetime) -> Presence:
    [presence] = await store.presence([user_id], now)
    return presence


async def test_a_user_never_seen_is_offline_and_has_no_last_seen(store: PresenceStore) -> None:
    alice = new_id()

    assert await presence_of(store, alice, at(0)) == Presence(alice, OFFLINE, None)


async def test_the_first_connection_takes_a_user_online_and_more_do_not_again(instance: Instance) -> None:
    here, there = instance(), instance()
    alice = new_id()

    assert await here.connect(alice, connection_id=new_id(), now=at(0)) is True
    assert await there.connect(alice, connection_id=new_id(), now=at(1)) is False

    assert await presence_of(there, alice, at(2)) == Presence(alice, ONLINE, at(1))


async def test_a_user_goes_offline_when_their_last_connection_closes(store: PresenceStore) -> None:
    alice, phone, laptop = new_id(), new_id(), new_id()
    await store.connect(alice, connection_id=phone, now=at(0))
    await store.connect(alice, connection_id=laptop, now=at(1))

    assert await store.disconnect(alice, connection_id=phone, now=at(5)) is False
    assert await presence_of(store, alice, at(5)) == Presence(alice, ONLINE, at(5))

    assert await store.disconnect(alice, connection_id=laptop, now=at(6)) is True
    assert await presence_of(store, alice, at(6)) == Presence(alice, OFFLINE, at(6))


async def test_closing_a_connection_the_store_does_not_count_changes_no_status(store: PresenceStore) -> None:
    alice, bob = new_id(), new_id()
    await store.connect(alice, connection_id=new_id(), now=at(0))

    assert await store.disconnect(alice, connection_id=new_id(), now=at(1)) is False
    assert await store.disconnect(bob, connection_id=new_id(), now=at(1)) is False

    assert await presence_of(store, alice, at(1)) == Presence(alice, ONLINE, at(1))


async def test_heartbeats_keep_a_connection_counted_until_a_ttl_after_the_last(store: PresenceStore) -> None:
    alice, phone = new_id(), new_id()
    await store.connect(alice, connection_id=phone, now=at(0))

    assert await store.connect(alice, connection_id=phone, now=at(20)) is False
    assert await store.connect(alice, connection_id=phone, now=at(40)) is False

    assert await store.expire(at(69)) == []
    assert await presence_of(store, alice, at(69)) == Presence(alice, ONLINE, at(40))
    assert await presence_of(store, alice, at(70)) == Presence(alice, OFFLINE, at(40))
    assert await store.expire(at(70)) == [alice]
    assert await store.expire(at(71)) == []


async def test_renewing_a_lapsed_connection_brings_the_user_back_online(store: PresenceStore) -> None:
    alice, phone = new_id(), new_id()
    await store.connect(alice, connection_id=phone, now=at(0))
    assert await store.expire(at(30)) == [alice]

    assert await store.connect(alice, connection_id=phone, now=at(31)) is True
    assert await presence_of(store, alice, at(31)) == Presence(alice, ONLINE, at(31))
    assert await store.disconnect(alice, connection_id=phone, now=at(32)) is True


async def test_one_live_connection_keeps_a_user_online_while_another_lapses(store: PresenceStore) -> None:
    alice, phone, laptop = new_id(), new_id(), new_id()
    await store.connect(alice, connection_id=phone, now=at(0))
    await store.connect(alice, connection_id=laptop, now=at(20))

    assert await store.expire(at(30)) == []
    assert await presence_of(store, alice, at(30)) == Presence(alice, ONLINE, at(20))

    # The laptop was the last live connection; the phone, past its deadline, goes with it.
    assert await store.disconnect(alice, connection_id=laptop, now=at(35)) is True
    assert await store.expire(at(35)) == []


async def test_each_lapsed_user_is_answered_once_however_many_instances_expire_at_once(
    instance: Instance,
) -> None:
    instances = [instance() for _ in range(5)]
    lapsed = [new_id() for _ in range(20)]
    for user_id in lapsed:
        await instances[0].connect(user_id, connection_id=new_id(), now=at(0))
    live = new_id()
    await instances[0].connect(live, connection_id=new_id(), now=at(10))

    answers = await asyncio.gather(*(each.expire(at(30)) for each in instances))

    answered = [user_id for answer in answers for user_id in answer]
    assert sorted(answered) == sorted(lapsed)


async def test_presence_answers_in_the_order_asked(store: PresenceStore) -> None:
    online, was_online, never_seen = new_id(), new_id(), new_id()
    await store.connect(online, connection_id=new_id(), now=at(0))
    connection = new_id()
    await store.connect(was_online, connection_id=connection, now=at(1))
    await store.disconnect(was_online, connection_id=connection, now=at(2))

    assert await store.presence([never_seen, online, was_online], at(3)) == [
        Presence(never_seen, OFFLINE, None),
        Presence(online, ONLINE, at(0)),
        Presence(was_online, OFFLINE, at(2)),
    ]
    assert await store.presence([], at(3)) == []


async def test_last_seen_is_the_latest_time_any_instance_reported(instance: Instance) -> None:
    ahead, behind = instance(), instance()
    alice, phone = new_id(), new_id()
    await ahead.connect(alice, connection_id=phone, now=at(0))
    await ahead.connect(alice, connection_id=phone, now=at(20))

    assert await behind.disconnect(alice, connection_id=phone, now=at(10)) is True

    assert await presence_of(ahead, alice, at(21)) == Presence(alice, OFFLINE, at(20))
