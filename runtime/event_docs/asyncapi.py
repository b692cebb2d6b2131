"""The event catalogue as an AsyncAPI 3.0 document (docs/api/asyncapi.json), for tools: a channel
per publisher's topic, a message per event type, an operation for the publisher and one for each
consumer group, the CloudEvents envelope described once and each payload's JSON Schema."""

from typing import Any

from kernel.integration_event import JsonObject
from runtime.event_docs.catalogue import EventCatalogue, PublishedEvent
from runtime.event_docs.payload_schemas import SCHEMAS, PayloadSchemas

ENVELOPE = "CloudEvent"
KAFKA_BINDING_VERSION = "0.5.0"

CLOUD_EVENT: JsonObject = {
    "type": "object",
    "description": "CloudEvents 1.0 in structured JSON mode, the envelope of every event"
    " (platform/infra/bus/codec.py); `data` is the payload of the event's `type`.",
    "required": ["specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data"],
    "properties": {
        "specversion": {"const": "1.0"},
        "id": {"type": "string", "format": "uuid", "description": "Unique per event: what an inbox records."},
        "source": {"type": "string", "description": "The publishing context."},
        "type": {"type": "string"},
        "subject": {
            "type": "string",
            "description": "The id of the aggregate the event is about: its ordering key, the record's key.",
        },
        "time": {"type": "string", "format": "date-time"},
        "datacontenttype": {"const": "application/json"},
        "dataversion": {
            "type": "integer",
            "description": "The payload's version; 1 when absent. A reader ignores fields it does not know.",
        },
        "correlationid": {"type": ["string", "null"], "description": "The request that caused the event."},
        "data": {"type": "object"},
    },
}


def asyncapi_document(catalogue: EventCatalogue, schemas: PayloadSchemas) -> JsonObject:
    producers = list(dict.fromkeys(event.producer for event in catalogue.events))
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "hexchat integration events",
            "version": "1.0.0",
            "description": "What the contexts publish to one another, generated from their contracts and"
            " subscriptions by `chat context-map`; docs/events.md is the same catalogue for people."
            " Each topic's name starts with KAFKA_TOPIC_PREFIX, shown here at its default.",
        },
        "defaultContentType": "application/json",
        "channels": {
            producer: {
                "address": next(event.topic for event in catalogue.events if event.producer == producer),
                "description": f"The events {producer} publishes, in the order of each subject.",
                "messages": {
                    event.name: {"$ref": f"#/components/messages/{event.type}"}
                    for event in catalogue.events
                    if event.producer == producer
                },
            }
            for producer in producers
        },
        "operations": _operations(catalogue, producers),
        "components": {
            "schemas": {ENVELOPE: CLOUD_EVENT, **schemas.schemas},
            "messages": {event.type: _message(event, schemas) for event in catalogue.events},
        },
    }


def _operations(catalogue: EventCatalogue, producers: list[str]) -> JsonObject:
    operations: JsonObject = {}
    for producer in producers:
        events = [event for event in catalogue.events if event.producer == producer]
        operations[f"{producer}.publishes"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{producer}"},
            "summary": f"{producer} publishes its events through its outbox.",
            "messages": [_in_channel(event) for event in events],
        }
        received: dict[tuple[str, bool], list[PublishedEvent]] = {}
        for event in events:
            for subscription in event.consumers:
                received.setdefault((subscription.context, subscription.inbox), []).append(event)
        for (consumer, inbox), consumed in received.items():
            operations[f"{consumer}.receives.{producer}" + ("" if inbox else ".without-inbox")] = {
                "action": "receive",
                "channel": {"$ref": f"#/channels/{producer}"},
                "summary": f"The consumer group {consumer} applies them "
                + (
                    "once each, recording each in its inbox."
                    if inbox
                    else "with no inbox, writing only what a redelivery cannot change."
                ),
                "x-inbox": inbox,
                "messages": [_in_channel(event) for event in consumed],
            }
    return operations


def _message(event: PublishedEvent, schemas: PayloadSchemas) -> JsonObject:
    name = schemas.names[event.payload]
    message: dict[str, Any] = {
        "name": event.type,
        "title": name,
        "payload": {
            "allOf": [
                {"$ref": f"{SCHEMAS}{ENVELOPE}"},
                {
                    "type": "object",
                    "properties": {
                        "type": {"const": event.type},
                        "source": {"const": event.producer},
                        "dataversion": {"const": event.payload.DATA_VERSION},
                        "data": {"$ref": f"{SCHEMAS}{name}"},
                    },
                },
            ]
        },
        "bindings": {
            "kafka": {"key": {"type": "string"}, "bindingVersion": KAFKA_BINDING_VERSION},
        },
    }
    if description := schemas.schemas[name].get("description"):
        message["summary"] = description
    return message


def _in_channel(event: PublishedEvent) -> JsonObject:
    return {"$ref": f"#/channels/{event.producer}/messages/{event.name}"}
