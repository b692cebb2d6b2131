"""Property-based fuzzing of every REST route, generated from the monolith's own OpenAPI document.

Schemathesis derives requests from the document, valid and invalid alike, and checks that each
answer is not a server error and is what the document promises: a documented status, its content
type and its schema. So the document stays an exact contract, and no input makes the server fail.
Every operation is fuzzed twice: as a signed-up user, and anonymously (most answer 401 then, but
the routes open to anyone, such as registration and login, are fuzzed there).

The run is bounded and derandomized so that CI sees the same examples every time. Each operation
is a pytest case of its own, drawing from schemathesis' strategies with Hypothesis: schemathesis'
own pytest integration does not run on pytest 9.
"""

import asyncio
import time
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation.case import Case
from schemathesis.generation.modes import GenerationMode
from schemathesis.python.asgi import shutdown_lifespans
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.specs.openapi.schemas import OpenApiSchema

from runtime.contexts import CONTEXTS
from runtime.process import build_process, migrate_databases
from tests.api import PASSWORD
from tests.monolith import monolith_settings
from tests.resilience.documented import documented_operations

OPERATIONS = [(method, path) for method, path, _ in documented_operations()]
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
BOUNDED = settings(
    max_examples=20,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenApiSchema]:
    """The monolith, served in-process by schemathesis (which runs its lifespan), and its document."""
    settings = monolith_settings(tmp_path_factory.mktemp("fuzzed"))
    # Migrated here, not by the lifespan schemathesis starts in its own thread on the first request.
    asyncio.run(migrate_databases(list(CONTEXTS), settings))
    app = build_process(list(CONTEXTS), settings, migrate=False)
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    shutdown_lifespans()


@pytest.fixture(scope="module")
def access_token(api_schema: OpenApiSchema) -> str:
    credentials: dict[str, Any] = {"username": "fuzzer", "password": PASSWORD}
    registered = (
        api_schema["/api/v1/users"]["POST"].Case(body={**credentials, "display_name": "Fuzzer"}).call()
    )
    assert registered.status_code == 201, registered.text
    signed_in = api_schema["/api/v1/sessions"]["POST"].Case(body=credentials).call()
    assert signed_in.status_code == 201, signed_in.text
    return str(signed_in.json()["access_token"])


@pytest.fixture(scope="module")
def own_ids(api_schema: OpenApiSchema, access_token: str) -> dict[str, str]:
    """Ids of things the fuzzer's user may see: itself, a group of its own and a message there."""
    authorized = {"Authorization": f"Bearer {access_token}"}
    me = api_schema["/api/v1/users/me"]["GET"].Case().call(headers=authorized).json()
    group = api_schema["/api/v1/groups"]["POST"].Case(body={"name": "Fuzzed"}).call(headers=authorized).json()
    message = eventually_sent(api_schema, group["id"], authorized)
    return {
        "user_id": me["id"],
        "group_id": group["id"],
        "conversation_id": group["id"],
        "message_id": message["id"],
    }


def eventually_sent(
    api_schema: OpenApiSchema, conversation_id: str, headers: dict[str, str]
) -> dict[str, Any]:
    """Messaging learns of the group from its event, a moment after it was created."""
    send = api_schema["/api/v1/conversations/{conversation_id}/messages"]["POST"].Case(
        path_parameters={"conversation_id": conversation_id},
        body={"client_message_id": "fuzzed", "body": "hello @fuzzer"},
    )
    deadline = time.monotonic() + 10
    while (response := send.call(headers=headers)).status_code == 404 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert response.status_code == 201, response.text
    message: dict[str, Any] = response.json()
    return message


def fuzz(
    api_schema: OpenApiSchema, method: str, path: str, headers: dict[str, str], ids: dict[str, str]
) -> None:
    """Random ids alone would only ever reach "not found"; half the examples use `ids` that exist."""
    operation = api_schema[path][method]
    existing = {name: value for name, value in ids.items() if f"{{{name}}}" in path}
    valid_and_invalid = st.one_of(
        *(
            operation.as_strategy(mode, path_parameters=parameters)
            for mode in GenerationMode
            for parameters in ({}, existing)
        )
    )

    @BOUNDED
    @given(case=valid_and_invalid)
    def answers_as_documented(case: Case[Any]) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    answers_as_documented()


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_a_signed_up_user_cannot_break_any_route(
    api_schema: OpenApiSchema, access_token: str, own_ids: dict[str, str], method: str, path: str
) -> None:
    fuzz(api_schema, method, path, {"Authorization": f"Bearer {access_token}"}, own_ids)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_an_anonymous_client_cannot_break_any_route(
    api_schema: OpenApiSchema, own_ids: dict[str, str], method: str, path: str
) -> None:
    fuzz(api_schema, method, path, {}, own_ids)
