"""The event catalogue is read from what the contexts declare, and the AsyncAPI document drawn from
it holds together: every message is in a channel and an operation, every reference resolves, and
the events the codec writes are what it describes."""

import asyncio
import importlib
import importlib.util
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator

from contexts.identity.contracts import events as identity
from infra.bus import codec
from infra.context_module import Consumer, ContextModule
from kernel.integration_event import EventPayload, payloads_in
from runtime.contexts import CONTEXTS
from runtime.event_docs.catalogue import EventCatalogue, event_catalogue
from runtime.process import published_events
from runtime.settings import Settings as ChatSettings

ASYNCAPI = Path(__file__).parents[2] / "docs" / "api" / "asyncapi.json"
PAYLOADS = [
    payload
    for context in CONTEXTS
    if importlib.util.find_spec(f"contexts.{context}.contracts.events") is not None
    for payload in payloads_in(importlib.import_module(f"contexts.{context}.contracts.events"))
]
"""What the contracts of every context the runtime lists declare, a new one's as soon as it is listed."""


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(ASYNCAPI.read_text())
    return parsed


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> EventCatalogue:
    settings = ChatSettings(data_dir=tmp_path_factory.mktemp("data"))
    return asyncio.run(published_events(list(CONTEXTS), settings))


def _references(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _references(value)
    elif isinstance(node, list):
        for value in node:
            yield from _references(value)


def _resolve(document: dict[str, Any], reference: str) -> Any:
    node: Any = document
    for part in reference.removeprefix("#/").split("/"):
        node = node[part]
    return node


def test_every_message_is_in_its_publishers_channel_and_operations(document: dict[str, Any]) -> None:
    assert document["asyncapi"] == "3.0.0"
    messages = document["components"]["messages"]
    in_channels = {ref for channel in document["channels"].values() for ref in _references(channel)}
    sent = {
        _resolve(document, message["$ref"])["$ref"]
        for operation in document["operations"].values()
        if operation["action"] == "send"
        for message in operation["messages"]
    }
    everything = {f"#/components/messages/{name}" for name in messages}

    assert in_channels == everything
    assert sent == everything
    for operation in document["operations"].values():
        channel = operation["channel"]["$ref"]
        for message in operation["messages"]:
            assert message["$ref"].startswith(f"{channel}/messages/")


def test_every_reference_resolves_and_every_schema_is_one(document: dict[str, Any]) -> None:
    for reference in _references(document):
        assert reference.startswith("#/")
        _resolve(document, reference)
    for schema in document["components"]["schemas"].values():
        Draft7Validator.check_schema(schema)


@pytest.mark.parametrize("payload", PAYLOADS, ids=lambda payload: payload.TYPE)
@given(data=st.data())
@settings(deadline=None, max_examples=20)
def test_an_event_as_the_codec_writes_it_is_what_its_message_describes(
    document: dict[str, Any], payload: type[EventPayload], data: st.DataObject
) -> None:
    event = data.draw(st.from_type(payload)).to_event(subject="a-subject", time=datetime.now(UTC))
    schema = {"$ref": f"#/components/messages/{payload.TYPE}/payload", "components": document["components"]}

    Draft7Validator(schema).validate(json.loads(codec.encode(event)))


def test_only_realtime_and_messagings_read_models_apply_events_without_an_inbox(
    catalogue: EventCatalogue,
) -> None:
    without_inbox = {
        (subscription.context, event.producer)
        for event in catalogue.events
        for subscription in event.consumers
        if not subscription.inbox
    }

    assert without_inbox == {
        ("realtime", "identity"),
        ("realtime", "groups"),
        ("realtime", "messaging"),
        ("realtime", "notifications"),
        ("messaging", "messaging"),
    }


async def _nothing() -> None:
    return None


async def _ignore(_events: object) -> None:
    return None


def test_a_consumer_of_an_event_its_publisher_does_not_declare_is_refused() -> None:
    publisher = ContextModule(
        name="identity", routers=[], migrate=_nothing, close=_nothing, publishes=[identity.UserRegistered]
    )
    consumer = ContextModule(
        name="groups",
        routers=[],
        migrate=_nothing,
        close=_nothing,
        consumers=[Consumer(["identity.user_renamed", "billing.invoiced"], _ignore, inbox=True)],
    )

    with pytest.raises(
        ValueError, match=r"groups consumes events no context publishes: \['identity.user_renamed'\]"
    ):
        event_catalogue([publisher, consumer], "chat.")
