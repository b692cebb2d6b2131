"""What the Kafka bus adds to the port's contract: a durable log, committed offsets, dead letters."""

import asyncio
from collections.abc import Sequence

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord

from devstack.local import LocalServer
from infra.bus import codec
from infra.bus.kafka import KafkaEventBus
from kernel.integration_event import IntegrationEvent
from tests.buses import FAST_CONSUMERS, KafkaBuses
from tests.contract.handlers import REGISTERED, TIMEOUT_SECONDS, RecordingHandler, event


async def test_an_event_whose_handler_never_returned_is_delivered_again_to_the_group(
    kafka_buses: KafkaBuses,
) -> None:
    handled, interrupted = event(n=1), event(n=2)
    handled_applied, interrupted_started = asyncio.Event(), asyncio.Event()

    async def hangs_on_the_second_event(events: Sequence[IntegrationEvent]) -> None:
        if interrupted.id in {e.id for e in events}:
            interrupted_started.set()
            await asyncio.Event().wait()
        handled_applied.set()

    doomed = kafka_buses()
    doomed.subscribe("directory", [REGISTERED], hangs_on_the_second_event)
    await doomed.start()
    await published(doomed, handled)
    await asyncio.wait_for(handled_applied.wait(), TIMEOUT_SECONDS)
    await published(doomed, interrupted)
    await asyncio.wait_for(interrupted_started.wait(), TIMEOUT_SECONDS)
    await doomed.stop()

    successor_handler = RecordingHandler()
    successor = kafka_buses()
    successor.subscribe("directory", [REGISTERED], successor_handler)
    await successor.start()

    await successor_handler.wait_for_all(interrupted)
    assert successor_handler.applied[0].id == interrupted.id  # `handled` was committed


async def test_a_new_group_gets_events_published_before_it_first_started(kafka_buses: KafkaBuses) -> None:
    earlier = event()
    publisher = kafka_buses()
    await publisher.start()
    await published(publisher, earlier)

    latecomer_handler = RecordingHandler()
    latecomer = kafka_buses()
    latecomer.subscribe("latecomer", [REGISTERED], latecomer_handler)
    await latecomer.start()

    await latecomer_handler.wait_for_all(earlier)


async def test_an_event_that_keeps_failing_is_dead_lettered_and_the_group_moves_on(
    kafka_buses: KafkaBuses, kafka_bootstrap: str, topic_prefix: str
) -> None:
    poison, healthy = event(n=1), event(n=2)
    handler = RecordingHandler(fails=lambda e, attempt: e.id == poison.id)
    bus = kafka_buses()
    bus.subscribe("directory", [REGISTERED], handler)
    await bus.start()

    await published(bus, poison, healthy)

    await handler.wait_for_all(healthy)
    assert handler.attempts[poison.id] == FAST_CONSUMERS.max_attempts
    [dead] = await _records(kafka_bootstrap, f"{topic_prefix}dlq.directory", count=1)
    assert codec.decode(dead.value).id == poison.id
    assert dict(dead.headers)["error"].startswith(b"RuntimeError")


async def test_a_dead_letter_that_fails_again_when_replayed_keeps_where_it_first_failed(
    kafka_buses: KafkaBuses, kafka_bootstrap: str, topic_prefix: str
) -> None:
    poison = event()
    handler = RecordingHandler(fails=lambda e, attempt: True)
    serving = kafka_buses()
    serving.subscribe("directory", [REGISTERED], handler)
    await serving.start()
    await published(serving, poison)
    await _records(kafka_bootstrap, f"{topic_prefix}dlq.directory", count=1)
    await serving.stop()
    replaying = kafka_buses()
    replaying.subscribe("directory", [REGISTERED], handler)

    await replaying.replay_dead_letters("directory")

    first, again = await _records(kafka_bootstrap, f"{topic_prefix}dlq.directory", count=2)
    assert codec.decode(again.value).id == poison.id
    origin = [header for header in again.headers if header[0].startswith("original-")]
    assert origin == [header for header in first.headers if header[0].startswith("original-")]
    assert dict(origin)["original-topic"] == f"{topic_prefix}identity".encode()


async def test_an_undecodable_record_is_dead_lettered_and_the_group_moves_on(
    kafka_buses: KafkaBuses, kafka_bootstrap: str, topic_prefix: str
) -> None:
    handler = RecordingHandler()
    bus = kafka_buses()
    bus.subscribe("directory", [REGISTERED], handler)
    await bus.start()

    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap, enable_idempotence=False)
    await producer.start()
    try:
        await producer.send_and_wait(f"{topic_prefix}identity", b"{not json", key=b"user-1")
    finally:
        await producer.stop()
    healthy = event()
    await published(bus, healthy)

    await handler.wait_for_all(healthy)
    [dead] = await _records(kafka_bootstrap, f"{topic_prefix}dlq.directory", count=1)
    assert dead.value == b"{not json"
    assert dict(dead.headers)["error"].startswith(b"JSONDecodeError")


async def test_the_bus_rides_out_a_broker_that_stops_answering(
    kafka_buses: KafkaBuses, kafka_server: LocalServer | None
) -> None:
    if kafka_server is None:
        pytest.skip("the broker is not a local process of this session")
    handler = RecordingHandler()
    bus = kafka_buses()
    bus.subscribe("directory", [REGISTERED], handler)
    await bus.start()
    before, during, after = event(n=1), event(n=2), event(n=3)
    await published(bus, before)
    await handler.wait_for_all(before)

    await kafka_server.pause()
    try:
        assert not await bus.is_ready()
        publishing = asyncio.create_task(published(bus, during))
        await asyncio.sleep(0.5)  # not for correctness: lets the publish run into the silent broker
        assert not publishing.done()
    finally:
        kafka_server.resume()
    await asyncio.wait_for(publishing, TIMEOUT_SECONDS)
    await published(bus, after)

    await handler.wait_for_all(during, after)
    assert await bus.is_ready()


async def published(bus: KafkaEventBus, *events: IntegrationEvent) -> None:
    """Hand events to the broker as a relay does, and make sure it took them."""
    assert await bus.publish(events) == [None] * len(events)


async def _records(bootstrap: str, topic: str, count: int) -> list[ConsumerRecord[bytes, bytes]]:
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest")
    await consumer.start()
    records: list[ConsumerRecord[bytes, bytes]] = []
    try:
        async with asyncio.timeout(TIMEOUT_SECONDS):
            while len(records) < count:
                records.append(await consumer.getone())
    finally:
        await consumer.stop()
    return records
