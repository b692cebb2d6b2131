"""The OpenAPI document describes errors as the problem documents the application really answers."""

import json
from typing import Any

from tests.api import ChatApi


async def test_every_operation_documents_problem_documents_as_its_errors(monolith: ChatApi) -> None:
    document: dict[str, Any] = (await monolith.client.get("/openapi.json")).json()
    operations = [op for path in document["paths"].values() for op in path.values()]

    assert operations
    for operation in operations:
        default = operation["responses"]["default"]["content"]
        assert default == {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
        if "422" in operation["responses"]:
            schema = operation["responses"]["422"]["content"]["application/problem+json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ValidationProblem"}
    assert "HTTPValidationError" not in json.dumps(document)


async def test_a_route_that_says_which_input_it_refuses_keeps_saying_so(monolith: ChatApi) -> None:
    document: dict[str, Any] = (await monolith.client.get("/openapi.json")).json()

    listing = document["paths"]["/api/v1/groups"]["get"]["responses"]["422"]
    registering = document["paths"]["/api/v1/users"]["post"]["responses"]["422"]

    assert listing["description"] == "`cursor` was not given by this list"
    assert registering["description"] == "Invalid input"


async def test_a_validation_problem_matches_its_documented_shape(monolith: ChatApi) -> None:
    document: dict[str, Any] = (await monolith.client.get("/openapi.json")).json()
    required = document["components"]["schemas"]["Problem"]["required"]

    problem = (await monolith.client.post("/api/v1/users", json={})).json()

    assert set(required) <= problem.keys()
    assert {"field", "message"} <= problem["errors"][0].keys()


async def test_every_429_and_503_is_a_problem_that_says_when_to_retry(monolith: ChatApi) -> None:
    document: dict[str, Any] = (await monolith.client.get("/openapi.json")).json()
    operations = {
        (method, path): operation
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    }
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}

    retry_later = [
        responses[status]
        for responses in (operation["responses"] for operation in operations.values())
        for status in ("429", "503")
        if status in responses
    ]
    assert all(answer["content"] == problem for answer in retry_later)
    assert all(answer["headers"]["Retry-After"]["required"] for answer in retry_later)
    assert [key for key, operation in operations.items() if "503" not in operation["responses"]] == [
        ("get", "/healthz"),
        ("get", "/metrics"),
    ]
