"""The Kafka event bus: the microservices' transport, over any Kafka-protocol broker.

- Topics: one per publishing context, `<prefix><event.source>`, keyed by `event.subject`, so
  the events of one aggregate share a partition and keep their order. The bus creates the
  topics it needs (one partition each; create them beforehand with more partitions to spread
  a group over several processes). The prefix also goes before consumer group ids, so
  deployments sharing a broker under different prefixes never share a group.
- Consumers: one aiokafka consumer per consumer group, in a task of its own. An offset is
  committed only after the handler returned, so a process that dies midway gets the event
  again (at-least-once; handlers are idempotent through their inbox). A new group starts from
  the beginning of the log, so it also sees events published before it first ran.
- Failures: a failing handler is retried with capped exponential backoff; after
  `max_attempts` the event is parked in the group's dead-letter topic `<prefix>dlq.<group>`
  with the error in its headers, logged, and committed, so one poison event cannot stall its
  group forever. An undecodable record is parked the same way. If the broker goes away,
  aiokafka reconnects by itself; a consumer that fails anyway (say, a commit after its group
  moved on) is rebuilt with backoff, and what it had not committed comes again.
"""

import asyncio
import logging
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError, for_code

from infra.bus import codec
from infra.bus.event_bus import EventHandler
from kernel.integration_event import IntegrationEvent

log = logging.getLogger(__name__)

_READY_TIMEOUT_SECONDS = 2.0


@dataclass(frozen=True)
class KafkaBusSettings:
    max_attempts: int = 5
    """Handler attempts before an event goes to the dead-letter topic."""
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    session_timeout_ms: int = 10_000
    """How long the broker waits for a silent consumer before giving its partitions to another.

    Some brokers (Tansu) also hold every group join for half of it, so tests shorten it.
    """


@dataclass(frozen=True)
class _Subscription:
    group: str
    event_types: frozenset[str]
    handler: EventHandler


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
        self._subscriptions: dict[str, _Subscription] = {}
        self._existing_topics: set[str] = set()
        self._producer: Any = None
        self._admin: Any = None
        self._consumers: list[asyncio.Task[None]] = []

    def subscribe(self, group: str, event_types: Collection[str], handler: EventHandler) -> None:
        if self._producer is not None:
            raise RuntimeError("subscribe before the bus starts")
        if group in self._subscriptions:
            raise ValueError(f"consumer group {group} is already subscribed")
        self._subscriptions[group] = _Subscription(group, frozenset(event_types), handler)

    async def start(self) -> None:
        """Connect and create the topics subscribed to; fails if the broker is unreachable."""
        self._producer = AIOKafkaProducer(
            bootstrap_servers=self._bootstrap_servers,
            client_id=self._client_id,
            acks="all",
            # Idempotent producers need broker features some Kafka-protocol brokers lack (Tansu);
            # a duplicate from a producer retry is absorbed by the consumer's inbox anyway.
            enable_idempotence=False,
        )
        self._admin = AIOKafkaAdminClient(
            bootstrap_servers=self._bootstrap_servers, client_id=self._client_id
        )
        await self._producer.start()
        await self._admin.start()
        for subscription in self._subscriptions.values():
            await self._ensure_topics(
                [*self._source_topics(subscription), self._dead_letter_topic(subscription)]
            )
        self._consumers = [
            asyncio.create_task(self._consume(subscription), name=f"kafka-consumer-{subscription.group}")
            for subscription in self._subscriptions.values()
        ]

    async def stop(self) -> None:
        for consumer in self._consumers:
            consumer.cancel()
        await asyncio.gather(*self._consumers, return_exceptions=True)
        self._consumers = []
        if self._producer is not None:
            await self._producer.stop()
            await self._admin.close()
            self._producer = self._admin = None

    async def is_ready(self) -> bool:
        if self._producer is None:
            return False
        try:
            await asyncio.wait_for(self._producer.client.fetch_all_metadata(), _READY_TIMEOUT_SECONDS)
        except (KafkaError, TimeoutError):
            return False
        return True

    async def publish(self, event: IntegrationEvent) -> None:
        if self._producer is None:
            raise RuntimeError("start the bus before publishing")
        topic = self._topic(event.source)
        await self._ensure_topics([topic])
        await self._producer.send_and_wait(topic, value=codec.encode(event), key=event.subject.encode())

    def _topic(self, source: str) -> str:
        return f"{self._topic_prefix}{source}"

    def _source_topics(self, subscription: _Subscription) -> set[str]:
        return {self._topic(event_type.split(".", 1)[0]) for event_type in subscription.event_types}

    def _dead_letter_topic(self, subscription: _Subscription) -> str:
        return f"{self._topic_prefix}dlq.{subscription.group}"

    async def _ensure_topics(self, topics: Iterable[str]) -> None:
        missing = [topic for topic in topics if topic not in self._existing_topics]
        if not missing:
            return
        response = await self._admin.create_topics([NewTopic(topic, 1, 1) for topic in missing])
        for topic, error_code, error_message in response.topic_errors:
            if error_code not in (0, TopicAlreadyExistsError.errno):
                raise for_code(error_code)(f"cannot create topic {topic}: {error_message}")
        self._existing_topics.update(missing)

    async def _consume(self, subscription: _Subscription) -> None:
        failures = 0
        while True:
            consumer = AIOKafkaConsumer(
                *self._source_topics(subscription),
                bootstrap_servers=self._bootstrap_servers,
                client_id=self._client_id,
                group_id=f"{self._topic_prefix}{subscription.group}",
                enable_auto_commit=False,
                auto_offset_reset="earliest",
                session_timeout_ms=self._settings.session_timeout_ms,
                heartbeat_interval_ms=self._settings.session_timeout_ms // 3,
            )
            try:
                await consumer.start()
                async for record in consumer:
                    await self._deliver(subscription, record)
                    await consumer.commit({TopicPartition(record.topic, record.partition): record.offset + 1})
                    failures = 0
            except Exception:
                failures += 1
                delay = self._backoff(failures)
                log.warning(
                    "consumer group %s stopped on an error; restarting it in %.1fs",
                    subscription.group,
                    delay,
                    exc_info=True,
                )
                await asyncio.sleep(delay)
            finally:
                await consumer.stop()

    async def _deliver(self, subscription: _Subscription, record: Any) -> None:
        try:
            event = codec.decode(record.value)
        except (ValueError, KeyError, TypeError) as error:
            await self._dead_letter(subscription, record, error)
            return
        if event.type not in subscription.event_types:
            return
        if last_error := await self._apply(subscription, event):
            await self._dead_letter(subscription, record, last_error)

    async def _apply(self, subscription: _Subscription, event: IntegrationEvent) -> Exception | None:
        """Run the handler, retrying with backoff; the last error if every attempt failed."""
        attempt = 0
        while True:
            attempt += 1
            try:
                await subscription.handler(event)
            except Exception as error:
                if attempt == self._settings.max_attempts:
                    return error
                log.warning(
                    "consumer group %s failed on event %s (attempt %d); retrying",
                    subscription.group,
                    event.id,
                    attempt,
                    exc_info=True,
                )
                await asyncio.sleep(self._backoff(attempt))
            else:
                return None

    async def _dead_letter(self, subscription: _Subscription, record: Any, error: Exception) -> None:
        """Park the record as received; if this fails the record stays uncommitted and comes back."""
        headers = [
            ("error", f"{type(error).__name__}: {error}".encode()),
            ("original-topic", record.topic.encode()),
            ("original-partition", str(record.partition).encode()),
            ("original-offset", str(record.offset).encode()),
        ]
        topic = self._dead_letter_topic(subscription)
        await self._producer.send_and_wait(topic, value=record.value, key=record.key, headers=headers)
        log.error(
            "consumer group %s moved record %s/%d@%d to %s",
            subscription.group,
            record.topic,
            record.partition,
            record.offset,
            topic,
            exc_info=error,
        )

    def _backoff(self, attempt: int) -> float:
        return float(min(self._settings.backoff_base * 2 ** (attempt - 1), self._settings.backoff_max))
