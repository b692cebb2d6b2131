"""The Kafka event bus: the microservices' transport, over any Kafka-protocol broker.

- Topics: one per publishing context, `<prefix><event.source>`, keyed by `event.subject`, so
  the events of one aggregate share a partition and keep their order. The bus creates the
  topics it needs (one partition each; create them beforehand with more partitions to spread
  a group over several processes). The prefix also goes before consumer group ids, so
  deployments sharing a broker under different prefixes never share a group.
- Publishing: each outbox the bus carries gets a relay (`infra.outbox.relay`), which hands it
  batches of events; the producer sends them together and the relay marks them published once
  the broker has them all (`acks="all"`).
- Consumers: one aiokafka consumer per consumer group, in a task of its own. It takes what has
  arrived in batches (`getmany`, at most `batch_size` records), applies each partition's batch
  in order (`ConsumerGroup.apply`) and only then commits its offsets, so a process that dies
  midway gets those events again (at-least-once; handlers are idempotent through their inbox).
  A new group starts from the beginning of the log, so it also sees events published before it
  first ran.
- Failures: while a server the handler needs is away, the group holds still on its batch and
  commits nothing (`ConsumerGroup`). An event its group gave up on for an error of its own, and
  a record that cannot be decoded, are dead letters in the group's dead-letter topic
  `<prefix>dlq.<group>` with the error in their headers, logged, and committed past. If the
  broker goes away, aiokafka reconnects by itself; a consumer that fails anyway (say, a commit
  after its group moved on) is rebuilt with backoff, and what it had not committed comes again.
- Replaying dead letters: a consumer group of its own, `<prefix>dlq-replay.<group>`, reads the
  dead-letter topic from where it last committed up to the end the topic had when the replay
  began, and hands each partition's batch to the group as its consumer would; those that fail
  again are dead-lettered again, past that end, so one replay never meets them twice.
"""

import asyncio
import logging
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError, for_code

from infra.bus import codec
from infra.bus.consumer_group import ConsumerGroup, ConsumerSettings
from infra.bus.event_bus import ReplayReport
from infra.outbox.outbox import Outbox
from infra.outbox.relay import OutboxRelay, RelaySettings
from kernel.integration_event import EventBatchHandler, IntegrationEvent

log = logging.getLogger(__name__)

_READY_TIMEOUT_SECONDS = 2.0
_POLL_TIMEOUT_MS = 1000
"""How long `getmany` waits for records before the loop goes round (and reports the lag) again."""


def source_topic(prefix: str, source: str) -> str:
    """The topic that carries the events a context publishes (`source`)."""
    return f"{prefix}{source}"


@dataclass(frozen=True)
class KafkaBusSettings:
    consumers: ConsumerSettings = field(default_factory=ConsumerSettings)
    relays: RelaySettings = field(default_factory=RelaySettings)
    session_timeout_ms: int = 10_000
    """How long the broker waits for a silent consumer before giving its partitions to another.

    Some brokers (Tansu) also hold every group join for half of it, so tests shorten it.
    """
    fetch_max_wait_ms: int = 500
    """How long the broker may hold a fetch for records to arrive. Kafka answers as soon as any
    do, so this costs nothing there; a broker that always waits it out (Tansu) adds it to every
    hop, and wants it short."""


class KafkaEventBus:
    def __init__(
        self,
        bootstrap_servers: str,
        *,
        client_id: str,
        topic_prefix: str = "chat.",
        settings: KafkaBusSettings = KafkaBusSettings(),
    ) -> None:
        self._bootstrap_servers = bootstrap_servers
        self._client_id = client_id
        self._topic_prefix = topic_prefix
        self._settings = settings
        self._groups: dict[str, ConsumerGroup] = {}
        self._relays: list[OutboxRelay] = []
        self._existing_topics: set[str] = set()
        self._producer: Any = None
        self._admin: Any = None
        self._tasks: list[asyncio.Task[None]] = []

    def carry(self, outbox: Outbox) -> None:
        if self._producer is not None:
            raise RuntimeError("carry outboxes before the bus starts")
        self._relays.append(OutboxRelay(outbox, self.publish, self._settings.relays))

    def subscribe(self, group: str, event_types: Collection[str], handler: EventBatchHandler) -> None:
        if self._producer is not None:
            raise RuntimeError("subscribe before the bus starts")
        if group in self._groups:
            raise ValueError(f"consumer group {group} is already subscribed")
        self._groups[group] = ConsumerGroup(group, event_types, handler, self._settings.consumers)

    async def start(self) -> None:
        """Connect and create the topics subscribed to; fails if the broker is unreachable."""
        await self._connect()
        for group in self._groups.values():
            await self._ensure_topics([*self._source_topics(group), self._dead_letter_topic(group)])
        self._tasks = [
            *(
                asyncio.create_task(self._consume(group), name=f"kafka-consumer-{group.name}")
                for group in self._groups.values()
            ),
            *(asyncio.create_task(relay.run(), name="outbox-relay") for relay in self._relays),
        ]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        await self._disconnect()

    async def replay_dead_letters(self, group: str) -> ReplayReport:
        if self._producer is not None:
            raise RuntimeError("replay dead letters from a bus that is not started")
        replaying = self._groups[group]
        await self._connect()
        try:
            return await self._replay(replaying)
        finally:
            await self._disconnect()

    async def _replay(self, group: ConsumerGroup) -> ReplayReport:
        topic = self._dead_letter_topic(group)
        await self._ensure_topics([topic])
        consumer = self._consumer(f"{self._topic_prefix}dlq-replay.{group.name}")
        try:
            await consumer.start()
            await consumer.topics()  # learns of the topic, which may be newer than the consumer
            partitions = [
                TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())
            ]
            consumer.assign(partitions)
            end = await consumer.end_offsets(partitions)
            replayed = failed = 0
            for partition in partitions:
                while await consumer.position(partition) < end[partition]:
                    fetched = await consumer.getmany(partition, timeout_ms=_POLL_TIMEOUT_MS)
                    records = [r for r in fetched.get(partition, []) if r.offset < end[partition]]
                    if records:
                        failed += await self._deliver(group, records)
                        replayed += len(records)
                        await consumer.commit({partition: records[-1].offset + 1})
        finally:
            await consumer.stop()
        return ReplayReport(applied=replayed - failed, failed=failed)

    async def _connect(self) -> None:
        self._producer = AIOKafkaProducer(
            bootstrap_servers=self._bootstrap_servers,
            client_id=self._client_id,
            acks="all",
            # A send resolves, delivered or failed, well within a relay pass's lease, so none is still
            # in flight when the lease has passed to another replica (`infra.outbox.relay`).
            request_timeout_ms=int(self._settings.relays.lease_seconds * 1000 / 4),
            # Idempotent producers need broker features some Kafka-protocol brokers lack (Tansu);
            # a duplicate from a producer retry is absorbed by the consumer's inbox anyway.
            enable_idempotence=False,
        )
        self._admin = AIOKafkaAdminClient(
            bootstrap_servers=self._bootstrap_servers, client_id=self._client_id
        )
        await self._producer.start()
        await self._admin.start()

    async def _disconnect(self) -> None:
        if self._producer is not None:
            await self._producer.stop()
            await self._admin.close()
            self._producer = self._admin = None

    def stalled_groups(self) -> list[str]:
        return [group.name for group in self._groups.values() if group.stalled]

    async def is_ready(self) -> bool:
        if self._producer is None:
            return False
        try:
            await asyncio.wait_for(self._producer.client.fetch_all_metadata(), _READY_TIMEOUT_SECONDS)
        except (KafkaError, TimeoutError):
            return False
        return True

    async def publish(self, events: Sequence[IntegrationEvent]) -> list[Exception | None]:
        """What the bus's relays hand their batches to (see `infra.outbox.relay.Publish`). Every event
        is sent before any is waited for, so a batch costs about one round trip."""
        await self._ensure_topics({self._topic(event.source) for event in events})
        sent: list[asyncio.Future[Any] | Exception] = []
        for event in events:
            try:
                sent.append(
                    await self._producer.send(
                        self._topic(event.source), value=codec.encode(event), key=event.subject.encode()
                    )
                )
            except Exception as error:
                sent.append(error)
        outcomes: list[Exception | None] = []
        for delivery in sent:
            if isinstance(delivery, Exception):
                outcomes.append(delivery)
                continue
            try:
                await delivery
            except Exception as error:
                outcomes.append(error)
            else:
                outcomes.append(None)
        return outcomes

    def _topic(self, source: str) -> str:
        return source_topic(self._topic_prefix, source)

    def _source_topics(self, group: ConsumerGroup) -> set[str]:
        return {self._topic(source) for source in group.sources}

    def _dead_letter_topic(self, group: ConsumerGroup) -> str:
        return f"{self._topic_prefix}dlq.{group.name}"

    async def _ensure_topics(self, topics: Iterable[str]) -> None:
        missing = [topic for topic in topics if topic not in self._existing_topics]
        if not missing:
            return
        response = await self._admin.create_topics([NewTopic(topic, 1, 1) for topic in missing])
        for topic, error_code, error_message in response.topic_errors:
            if error_code not in (0, TopicAlreadyExistsError.errno):
                raise for_code(error_code)(f"cannot create topic {topic}: {error_message}")
        self._existing_topics.update(missing)

    async def _consume(self, group: ConsumerGroup) -> None:
        failures = 0
        while True:
            consumer = self._consumer(f"{self._topic_prefix}{group.name}", *self._source_topics(group))
            try:
                await consumer.start()
                while True:
                    fetched = await consumer.getmany(
                        timeout_ms=_POLL_TIMEOUT_MS, max_records=self._settings.consumers.batch_size
                    )
                    for partition, records in fetched.items():
                        group.behind(await self._lag(consumer) + len(records), _time(records[0]))
                        await self._deliver(group, records)
                        await consumer.commit({partition: records[-1].offset + 1})
                        group.behind(await self._lag(consumer), _time(records[-1]))
                    if not fetched:
                        group.behind(await self._lag(consumer), None)
                    group.source_answered()
                    failures = 0
            except Exception:
                failures += 1
                log.warning("consumer group %s stopped on an error; restarting it", group.name, exc_info=True)
                await group.wait_for_source(failures)
            finally:
                await consumer.stop()

    def _consumer(self, group_id: str, *topics: str) -> AIOKafkaConsumer:
        """A consumer in `group_id` that commits only what it applied, and starts a new group at the
        beginning of the log; it takes `topics` from the group, or what it is assigned."""
        return AIOKafkaConsumer(
            *topics,
            bootstrap_servers=self._bootstrap_servers,
            client_id=self._client_id,
            group_id=group_id,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            session_timeout_ms=self._settings.session_timeout_ms,
            heartbeat_interval_ms=self._settings.session_timeout_ms // 3,
            fetch_max_wait_ms=self._settings.fetch_max_wait_ms,
            max_poll_records=self._settings.consumers.batch_size,
        )

    async def _deliver(self, group: ConsumerGroup, records: Sequence[Any]) -> int:
        """Apply a partition's batch in order; undecodable records go straight to the dead letters.
        Answers how many records went there."""
        wanted: list[IntegrationEvent] = []
        record_of: dict[Any, Any] = {}
        given_up = 0
        for record in records:
            try:
                event = codec.decode(record.value)
            except (ValueError, KeyError, TypeError) as error:
                await self._dead_letter(group, record, error)
                given_up += 1
                continue
            if group.wants(event):
                wanted.append(event)
                record_of[event.id] = record

        async def dead_letter(event: IntegrationEvent, error: Exception) -> None:
            nonlocal given_up
            await self._dead_letter(group, record_of[event.id], error)
            given_up += 1

        await group.apply(wanted, dead_letter)
        return given_up

    @staticmethod
    async def _lag(consumer: Any) -> int:
        """Records in the assigned partitions past the consumer's position, as of its last fetch."""
        lag = 0
        for partition in consumer.assignment():
            highwater = consumer.highwater(partition)
            if highwater is not None:
                lag += max(highwater - await consumer.position(partition), 0)
        return lag

    async def _dead_letter(self, group: ConsumerGroup, record: Any, error: Exception) -> None:
        """Keep the record as received; if this fails the record stays uncommitted and comes back.

        A dead letter that failed again when replayed keeps the origin it was first dead-lettered from.
        """
        origin = [(name, value) for name, value in record.headers if name.startswith("original-")] or [
            ("original-topic", record.topic.encode()),
            ("original-partition", str(record.partition).encode()),
            ("original-offset", str(record.offset).encode()),
        ]
        headers = [("error", f"{type(error).__name__}: {error}".encode()), *origin]
        topic = self._dead_letter_topic(group)
        await self._producer.send_and_wait(topic, value=record.value, key=record.key, headers=headers)
        log.error(
            "consumer group %s moved record %s/%d@%d to %s",
            group.name,
            record.topic,
            record.partition,
            record.offset,
            topic,
            exc_info=error,
        )


def _time(record: Any) -> datetime:
    """When the record was produced (by the relay, so shortly after its event happened)."""
    return datetime.fromtimestamp(record.timestamp / 1000, UTC)
