"""Tools for tests that reach into the broker: redeliver a topic's events, wait for a group to catch up."""

import asyncio
from collections.abc import Sequence

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient


async def redeliver_everything(bootstrap: str, topics: Sequence[str]) -> int:
    """Publish every record of `topics` once more, as an at-least-once broker may; returns how many."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=False)
    await consumer.start()
    await producer.start()
    try:
        partitions = [
            TopicPartition(topic, partition)
            for topic in topics
            for partition in sorted(
                consumer.partitions_for_topic(topic) or await _partitions(consumer, topic)
            )
        ]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        end = await consumer.end_offsets(partitions)
        records = []
        for tp in partitions:
            while await consumer.position(tp) < end[tp]:
                batch = await consumer.getmany(tp, timeout_ms=1000)
                records.extend(batch.get(tp, []))
        for record in records:
            await producer.send_and_wait(
                record.topic, record.value, key=record.key, partition=record.partition, headers=record.headers
            )
        return len(records)
    finally:
        await consumer.stop()
        await producer.stop()


async def count_records(bootstrap: str, topic: str) -> int:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in await _partitions(consumer, topic)]
        start = await consumer.beginning_offsets(partitions)
        end = await consumer.end_offsets(partitions)
        return sum(end[tp] - start[tp] for tp in partitions)
    finally:
        await consumer.stop()


async def _partitions(consumer: AIOKafkaConsumer, topic: str) -> list[int]:
    await consumer.topics()  # refreshes the metadata, so topics created since start are known
    return sorted(consumer.partitions_for_topic(topic) or ())


async def wait_until_consumed(
    bootstrap: str, group: str, topics: Sequence[str], within: float = 60.0
) -> None:
    """Return once consumer group `group` has committed offsets at the end of every partition."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap)
    await admin.start()
    await consumer.start()
    try:
        async with asyncio.timeout(within):
            while True:
                partitions = [
                    TopicPartition(topic, p) for topic in topics for p in await _partitions(consumer, topic)
                ]
                end = await consumer.end_offsets(partitions)
                committed = await admin.list_consumer_group_offsets(group, partitions=partitions)
                if all(tp in committed and committed[tp].offset >= end[tp] for tp in partitions):
                    return
                await asyncio.sleep(0.2)
    finally:
        await consumer.stop()
        await admin.close()
