"""The integration events of a process's contexts: who publishes each, on which topic, and who
consumes it. The context map, the event catalogue and the AsyncAPI document are drawn from it
(`chat context-map`), so they show what the code does, not what someone remembered to write down.

Each context's module says what it publishes (the payloads of its contracts) and what it consumes
(its consumers' event types); nothing else is read.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from infra.bus.kafka import source_topic
from infra.context_module import ContextModule
from kernel.integration_event import EventPayload


@dataclass(frozen=True)
class Subscription:
    context: str
    """The consumer group, named after the context it belongs to."""
    inbox: bool
    """Whether the consumer records each event it applies in its inbox (`Consumer.inbox`)."""


@dataclass(frozen=True)
class PublishedEvent:
    payload: type[EventPayload]
    topic: str
    """Where the Kafka bus carries it; in the monolith, its publisher's outbox is read instead."""
    consumers: Sequence[Subscription]

    @property
    def type(self) -> str:
        return self.payload.TYPE

    @property
    def producer(self) -> str:
        return self.payload.source()

    @property
    def name(self) -> str:
        """Its type without the producer's prefix, which the producer's channel already says."""
        return self.type.split(".", 1)[1]


@dataclass(frozen=True)
class EventCatalogue:
    contexts: Sequence[str]
    events: Sequence[PublishedEvent]
    """In the order of their producers among `contexts`, then as their contracts declare them."""


def event_catalogue(modules: Sequence[ContextModule], topic_prefix: str) -> EventCatalogue:
    """Raises ValueError for a context that consumes an event its publisher among `modules` does
    not declare, or publishes one under another context's name: either would leave the map wrong.
    The events of publishers not among `modules` (a service's view) are left out."""
    published = [payload for module in modules for payload in module.publishes]
    publishers = {module.name for module in modules}
    for module in modules:
        strangers = [payload.TYPE for payload in module.publishes if payload.source() != module.name]
        if strangers:
            raise ValueError(f"{module.name} publishes events named after another context: {strangers}")
        consumed = {t for consumer in module.consumers for t in consumer.event_types}
        unknown = {t for t in consumed if t.split(".", 1)[0] in publishers} - {p.TYPE for p in published}
        if unknown:
            raise ValueError(f"{module.name} consumes events no context publishes: {sorted(unknown)}")
    return EventCatalogue(
        contexts=[module.name for module in modules],
        events=[
            PublishedEvent(
                payload=payload,
                topic=source_topic(topic_prefix, payload.source()),
                consumers=[
                    Subscription(module.name, consumer.inbox)
                    for module in modules
                    for consumer in module.consumers
                    if payload.TYPE in consumer.event_types
                ],
            )
            for payload in published
        ],
    )
