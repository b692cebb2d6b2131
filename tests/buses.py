"""Kafka buses for tests: settings that keep a test quick, on topics no other test sees."""

from collections.abc import AsyncIterator, Callable
from uuid import uuid4

import pytest

from infra.bus.consumer_group import ConsumerSettings
from infra.bus.kafka import KafkaBusSettings, KafkaEventBus
from infra.outbox.relay import RelaySettings

FAST_CONSUMERS = ConsumerSettings(max_attempts=3, backoff_base=0.01, backoff_max=0.1, wait_max=0.1)
"""Three attempts, so a handler that fails twice still succeeds; short waits keep tests quick."""

FAST_KAFKA = KafkaBusSettings(
    consumers=FAST_CONSUMERS,
    relays=RelaySettings(poll_interval=0.2),
    session_timeout_ms=2000,
    fetch_max_wait_ms=50,
)

KafkaBuses = Callable[[], KafkaEventBus]
"""Makes another Kafka bus on the test's own topics (the `kafka_buses` fixture)."""


@pytest.fixture
def topic_prefix() -> str:
    """Topics and consumer groups no other test sees."""
    return f"test-{uuid4().hex[:12]}."


@pytest.fixture
async def kafka_buses(kafka_bootstrap: str, topic_prefix: str) -> AsyncIterator[KafkaBuses]:
    """Makes Kafka buses that share this test's topics; stops them after the test."""
    made: list[KafkaEventBus] = []

    def make() -> KafkaEventBus:
        bus = KafkaEventBus(
            kafka_bootstrap, client_id="contract-test", topic_prefix=topic_prefix, settings=FAST_KAFKA
        )
        made.append(bus)
        return bus

    yield make
    for bus in made:
        await bus.stop()
