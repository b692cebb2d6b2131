"""The JSON Schema of the events' payloads, derived by pydantic from the contracts' dataclasses and
TypedDicts, so that a field added to a contract shows in the docs without a word written."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter

from kernel.integration_event import EventPayload, JsonObject

SCHEMAS = "#/components/schemas/"
"""Where the AsyncAPI document keeps them; the markdown catalogue links them by name."""


@dataclass(frozen=True)
class PayloadSchemas:
    names: Mapping[type[EventPayload], str]
    """Each payload's name among `schemas`."""
    schemas: Mapping[str, JsonObject]
    """The payloads' schemas and those of the shapes they hold (a `Conversation`, a `Member`), by name."""


def payload_schemas(payloads: Sequence[type[EventPayload]]) -> PayloadSchemas:
    adapters: list[tuple[Any, Any, TypeAdapter[Any]]] = [
        (payload, "serialization", TypeAdapter(payload)) for payload in payloads
    ]
    references, definitions = TypeAdapter.json_schemas(adapters, ref_template=SCHEMAS + "{model}")
    return PayloadSchemas(
        names={
            payload: references[(payload, "serialization")]["$ref"].removeprefix(SCHEMAS)
            for payload in payloads
        },
        schemas=definitions.get("$defs", {}),
    )
