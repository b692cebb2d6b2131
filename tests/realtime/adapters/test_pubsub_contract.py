"""The PubSub contract, for the in-process adapter and for Redis.

Each test runs on two realtime instances sharing one backend: sockets listen on one, events are
consumed (and frames published) on the other. In the monolith both are the one process's PubSub.
"""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import pytest
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

from contexts.realtime.adapters.outbound.in_process_pubsub import InProcessPubSub
from contexts.realtime.adapters.outbound.redis_pubsub import RedisPubSub
from contexts.realtime.domain.frame import Frame
from contexts.realtime.ports.pubsub import PubSub
from kernel.ids import new_id
from tests.eventually import eventually


@dataclass(frozen=True)
class Instances:
    here: PubSub
    """Holds the sockets: tests subscribe here."""
    there: PubSub
    """Consumes the events: tests publish here."""


@asynccontextmanager
async def running(redis: Redis) -> AsyncIterator[RedisPubSub]:
    """A RedisPubSub with its reader running, as the realtime module runs it; closed on exit."""
    pubsub = RedisPubSub(redis)
    reader = asyncio.create_task(pubsub.run())
    try:
        yield pubsub
    finally:
        await stop(reader)
        await pubsub.close()
        await redis.aclose()


async def stop(reader: asyncio.Task[None]) -> None:
    reader.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await reader


@pytest.fixture
async def instances(redis_url_or_none: str | None) -> AsyncIterator[Instances]:
    if redis_url_or_none is None:
        pubsub = InProcessPubSub()
        yield Instances(here=pubsub, there=pubsub)
        return
    url = redis_url_or_none
    async with running(Redis.from_url(url)) as here, running(Redis.from_url(url)) as there:
        yield Instances(here, there)


def numbered(number: int) -> Frame:
    return Frame("test.numbered", {"number": number})


def ignore(frame: Frame) -> None:
    pass


async def test_every_listener_of_a_recipient_gets_the_frame_and_no_one_else_does(
    instances: Instances,
) -> None:
    alice, bob, carol = new_id(), new_id(), new_id()
    alices_phone: list[Frame] = []
    alices_laptop: list[Frame] = []
    bobs: list[Frame] = []
    carols: list[Frame] = []
    await instances.here.subscribe(alice, alices_phone.append)
    await instances.here.subscribe(alice, alices_laptop.append)
    await instances.here.subscribe(bob, bobs.append)
    await instances.here.subscribe(carol, carols.append)

    await instances.there.publish([alice, bob], numbered(1))
    await instances.there.publish([carol], numbered(2))

    async def delivered() -> None:
        # Carol's frame was published last: once it is here, the first one has gone everywhere it went.
        assert carols == [numbered(2)]
        assert alices_phone == alices_laptop == bobs == [numbered(1)]

    await eventually(delivered)


async def test_frames_arrive_in_the_order_they_were_published(instances: Instances) -> None:
    alice, bob = new_id(), new_id()
    alices: list[Frame] = []
    bobs: list[Frame] = []
    await instances.here.subscribe(alice, alices.append)
    await instances.here.subscribe(bob, bobs.append)
    frames = [numbered(number) for number in range(100)]

    for frame in frames:
        await instances.there.publish([alice, bob], frame)

    async def all_delivered() -> None:
        assert alices == bobs == frames

    await eventually(all_delivered)


async def test_a_recipient_named_twice_gets_the_frame_once(instances: Instances) -> None:
    alice = new_id()
    received: list[Frame] = []
    await instances.here.subscribe(alice, received.append)

    await instances.there.publish([alice, alice], numbered(1))
    await instances.there.publish([alice], numbered(2))

    async def delivered() -> None:
        assert received == [numbered(1), numbered(2)]

    await eventually(delivered)


async def test_a_frame_arrives_as_it_was_published(instances: Instances) -> None:
    alice = new_id()
    received: list[Frame] = []
    await instances.here.subscribe(alice, received.append)
    frame = Frame(
        "message.created",
        {
            "id": str(new_id()),
            "body": 'héllo 👋 "quoted"',
            "seq": 7,
            "edited_at": None,
            "tags": ["a", {"b": 1.5}],
        },
    )

    await instances.there.publish([alice], frame)

    async def delivered() -> None:
        assert received == [frame]

    await eventually(delivered)


async def test_an_unsubscribed_listener_gets_nothing_more_and_the_others_still_do(
    instances: Instances,
) -> None:
    alice = new_id()
    phone: list[Frame] = []
    laptop: list[Frame] = []
    unsubscribe_phone = await instances.here.subscribe(alice, phone.append)
    await instances.here.subscribe(alice, laptop.append)
    await instances.there.publish([alice], numbered(1))

    async def both_got_the_first() -> None:
        assert (phone, laptop) == ([numbered(1)], [numbered(1)])

    # Delivery is asynchronous: unsubscribing before the first frame arrived would lose it by right.
    await eventually(both_got_the_first)
    await unsubscribe_phone()
    await instances.there.publish([alice], numbered(2))

    async def delivered() -> None:
        assert laptop == [numbered(1), numbered(2)]
        assert phone == [numbered(1)]

    await eventually(delivered)


async def test_a_user_who_left_and_came_back_gets_frames_again(instances: Instances) -> None:
    alice = new_id()
    first: list[Frame] = []
    second: list[Frame] = []
    unsubscribe = await instances.here.subscribe(alice, first.append)
    await unsubscribe()

    await instances.here.subscribe(alice, second.append)
    await instances.there.publish([alice], numbered(1))

    async def delivered() -> None:
        assert second == [numbered(1)]

    await eventually(delivered)
    assert first == []


async def test_a_failing_listener_keeps_the_frame_from_no_one(instances: Instances) -> None:
    alice = new_id()
    received: list[Frame] = []

    def broken(frame: Frame) -> None:
        raise RuntimeError("a broken socket")

    await instances.here.subscribe(alice, broken)
    await instances.here.subscribe(alice, received.append)

    await instances.there.publish([alice], numbered(1))
    await instances.there.publish([alice], numbered(2))

    async def delivered() -> None:
        assert received == [numbered(1), numbered(2)]

    await eventually(delivered)


# What only Redis has: a connection per instance, a channel per user, a connection that can drop.


@pytest.fixture
async def operator(redis_url: str) -> AsyncIterator[Redis]:
    """A client of its own, to look at the server as an operator would."""
    redis = Redis.from_url(redis_url, decode_responses=True)
    yield redis
    await redis.aclose()


@pytest.fixture
def client_name() -> str:
    """Names the connections of the instance under test among those of every other test."""
    return f"realtime-{new_id().hex}"


async def listening_connections(operator: Redis, client_name: str) -> list[str]:
    """The ids of the instance's connections that are subscribed to something."""
    return [
        client["id"] for client in await operator.client_list(_type="pubsub") if client["name"] == client_name
    ]


async def subscribers(operator: Redis, channel: str) -> int:
    [(_, count)] = await operator.pubsub_numsub(channel)
    return count


async def test_an_instance_listens_for_all_its_users_on_one_connection(
    redis_url: str, operator: Redis, client_name: str
) -> None:
    async with running(Redis.from_url(redis_url, client_name=client_name)) as here:
        for _ in range(3):
            await here.subscribe(new_id(), ignore)

        assert len(await listening_connections(operator, client_name)) == 1


async def test_a_users_channel_is_subscribed_once_and_released_after_their_last_listener(
    redis_url: str, operator: Redis
) -> None:
    alice = new_id()
    channel = f"realtime:user:{alice}"
    async with running(Redis.from_url(redis_url)) as here:
        unsubscribe_phone = await here.subscribe(alice, ignore)
        unsubscribe_laptop = await here.subscribe(alice, ignore)
        assert await subscribers(operator, channel) == 1

        await unsubscribe_phone()
        await unsubscribe_laptop()

        async def released() -> None:
            assert await subscribers(operator, channel) == 0

        await eventually(released)


async def test_subscribe_returns_once_redis_confirmed_the_channel_and_not_before(
    redis_url: str, operator: Redis
) -> None:
    """Sending SUBSCRIBE is not enough: a frame published before Redis processed it would be lost."""
    alice = new_id()
    redis = Redis.from_url(redis_url)
    pubsub = RedisPubSub(redis)
    reader = asyncio.create_task(pubsub.run())
    await pubsub.subscribe(new_id(), ignore)  # connected
    await stop(reader)
    try:
        subscribing = asyncio.create_task(pubsub.subscribe(alice, ignore))

        async def subscribed_in_redis() -> None:
            assert await subscribers(operator, f"realtime:user:{alice}") == 1

        await eventually(subscribed_in_redis)
        assert not subscribing.done()  # no one has read the confirmation yet

        reader = asyncio.create_task(pubsub.run())
        await subscribing
    finally:
        await stop(reader)
        await pubsub.close()
        await redis.aclose()


async def test_an_instance_whose_connection_was_killed_listens_again_to_every_user(
    redis_url: str, operator: Redis, client_name: str
) -> None:
    # With no retries in redis-py, the failure reaches `run()`, which must carry on by itself.
    no_retries = Retry(NoBackoff(), 0)
    async with (
        running(Redis.from_url(redis_url, client_name=client_name, retry=no_retries)) as here,
        running(Redis.from_url(redis_url)) as there,
    ):
        alice, bob = new_id(), new_id()
        alices: list[Frame] = []
        bobs: list[Frame] = []
        await here.subscribe(alice, alices.append)
        await here.subscribe(bob, bobs.append)
        [killed] = await listening_connections(operator, client_name)

        await operator.client_kill_filter(_id=killed)

        async def delivered_again() -> None:
            await there.publish([alice, bob], numbered(1))
            assert numbered(1) in alices
            assert numbered(1) in bobs

        await eventually(delivered_again)
        assert killed not in await listening_connections(operator, client_name)
