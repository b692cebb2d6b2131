"""The event catalogue as a page of markdown (docs/events.md): the context map, then every event
with its publisher, topic, payload and consumers, then the shapes the payloads hold."""

from collections.abc import Mapping, Sequence
from typing import Any

from kernel.integration_event import JsonObject
from runtime.event_docs.catalogue import EventCatalogue, Subscription
from runtime.event_docs.context_map import context_map
from runtime.event_docs.payload_schemas import SCHEMAS, PayloadSchemas

INTRODUCTION = """\
# Integration events

<!-- Generated from the code by `make docs` (`chat context-map`): edit the contracts, not this. -->

What crosses a context boundary, and nothing else does: each context publishes the events of its
`contracts/events.py` and consumes those its container subscribes to. Each travels in a
CloudEvents 1.0 envelope (`platform/kernel/integration_event.py::IntegrationEvent`, written by
`platform/infra/bus/codec.py::encode`): `type` below, `source` its publisher, `subject` the
ordering key, `time`, `dataversion` the payload's version, `correlationid`, and `data` the payload.
Between services the Kafka bus carries a publisher's events on its topic, keyed by `subject`; in
the monolith each consumer group reads the publisher's outbox instead. Delivery is at least once:
a consumer that records an inbox entry applies each event once, one without writes only what a
redelivery cannot change. The same catalogue for tools: [AsyncAPI 3.0](api/asyncapi.json).
"""


def events_page(catalogue: EventCatalogue, schemas: PayloadSchemas) -> str:
    sections = [INTRODUCTION, "## Context map\n\n" + context_map(catalogue)]
    for context in catalogue.contexts:
        events = [event for event in catalogue.events if event.producer == context]
        if not events:
            continue
        sections.append(f"## {context}\n")
        for event in events:
            schema = schemas.schemas[schemas.names[event.payload]]
            description = schema.get("description", "")
            sections.append(
                f"### `{event.type}`\n\n"
                + (f"{description}\n\n" if description else "")
                + f"Topic `{event.topic}`; data version {event.payload.DATA_VERSION}.\n\n"
                + _fields(schema)
                + f"\nConsumed by {_consumers(event.consumers)}.\n"
            )
    payload_names = set(schemas.names.values())
    shapes = {name: schema for name, schema in schemas.schemas.items() if name not in payload_names}
    if shapes:
        sections.append("## Shapes the payloads hold\n")
        sections += [f"### {name}\n\n{_fields(schema)}" for name, schema in sorted(shapes.items())]
    return "\n".join(sections)


def _fields(schema: JsonObject) -> str:
    properties: Mapping[str, JsonObject] = schema.get("properties", {})
    rows = [f"| `{name}` | {_type(field)} |" for name, field in properties.items()]
    return "\n".join(["| field | type |", "|---|---|", *rows]) + "\n"


def _type(schema: Mapping[str, Any]) -> str:
    if "$ref" in schema:
        name = str(schema["$ref"]).removeprefix(SCHEMAS)
        return f"[{name}](#{name.lower()})"
    if "anyOf" in schema:
        return " or ".join(_type(option) for option in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list of {_type(schema['items'])}"
    return str(schema.get("type", "any"))


def _consumers(subscriptions: Sequence[Subscription]) -> str:
    if not subscriptions:
        return "no context"
    return ", ".join(
        f"**{s.context}** ({'records an inbox entry' if s.inbox else 'no inbox'})" for s in subscriptions
    )
