"""Each shape docs/api/README.md spells out has the fields the OpenAPI document gives it.

The document is generated from the routes and checked against them; the prose beside it is
written by hand, and a field added to a schema (a conversation's `closed`) was once missing from it.
"""

import json
import re

import pytest

from tests.docs import repository

API = "docs/api/README.md"
# `Conversation: {id, ...}` and `ConversationSummary: Conversation plus {participant_count, ...}`.
SHAPE = re.compile(r"(?<![\w`])([A-Z]\w*): (?:([A-Z]\w*) plus )?`\{(.*?)\}`", re.DOTALL)


def fields(spelled: str) -> set[str]:
    """The top-level field names of a shape as the docs spell it: `{id, members: [{...}], title?}`."""
    names, depth, current = set(), 0, ""
    for char in spelled + ",":
        if char in "[{(":
            depth += 1
        elif char in "]})":
            depth -= 1
        elif char == "," and depth == 0:
            names.add(re.split(r"[:?\s]", current.strip())[0])
            current = ""
            continue
        if depth == 0:
            current += char
    return names


def documented_shapes(text: str) -> dict[str, set[str]]:
    shapes: dict[str, set[str]] = {}
    for name, base, spelled in SHAPE.findall(text):
        shapes[name] = fields(spelled) | shapes.get(base, set())
    return shapes


def schema_fields() -> dict[str, set[str]]:
    schemas = json.loads(repository.read("docs/api/openapi.json"))["components"]["schemas"]
    return {name: set(schema.get("properties", {})) for name, schema in schemas.items()}


def test_the_shapes_are_found() -> None:
    assert {
        "User",
        "Group",
        "GroupSummary",
        "Conversation",
        "ConversationSummary",
        "Message",
        "Notification",
    } <= set(documented_shapes(repository.read(API)))


@pytest.mark.parametrize("shape", sorted(documented_shapes(repository.read(API))))
def test_a_shape_in_the_docs_has_the_fields_of_its_schema(shape: str) -> None:
    assert documented_shapes(repository.read(API))[shape] == schema_fields()[shape]


def test_a_field_missing_from_the_docs_is_found() -> None:
    shapes = documented_shapes(
        'Conversation: `{id, kind: "direct" or "group", title, participant_ids, created_at}`.'
    )
    assert shapes["Conversation"] != schema_fields()["Conversation"]
    assert schema_fields()["Conversation"] - shapes["Conversation"] == {"closed"}


def test_fields_are_read_at_the_top_level_only() -> None:
    assert fields('id, members: [{user_id, role, joined_at}], who?: "a" or "b"') == {"id", "members", "who"}
