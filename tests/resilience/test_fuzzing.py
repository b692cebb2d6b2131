"""Property-based fuzzing of every REST route, generated from the monolith's own OpenAPI document.

Schemathesis derives requests from the document, valid and invalid alike, and checks that each
answer is not a server error and is what the document promises: a documented status, its content
type, headers and schema; and a 429 or 503 one the operation lists itself, saying when to retry
(`documented.CHECKS`). So the document stays an exact contract, and no input makes the server fail.

Every operation is fuzzed three times: as a signed-up user and anonymously (most answer 401 then,
but the routes open to anyone, such as registration and login, are fuzzed there) on a monolith
whose limits nobody meets; and as a signed-up user on one whose limits are as small as they go
(`TIGHT_LIMITS`), so that the refusals are fuzzed too, and a route that refuses without saying so
in the document fails. The document's 503s are another test's to drive: fuzzing sends one request
at a time, which never fills the password-hashing queue nor takes a database away.

The run is bounded and derandomized so that CI sees the same examples every time. Each operation
is a pytest case of its own, drawing from schemathesis' strategies with Hypothesis: schemathesis'
own pytest integration does not run on pytest 9.
"""

import asyncio
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from schemathesis.generation.case import Case
from schemathesis.generation.modes import GenerationMode
from schemathesis.python.asgi import shutdown_lifespans
from schemathesis.specs.openapi.schemas import OpenApiSchema

from runtime.contexts import CONTEXTS
from runtime.process import build_process, migrate_databases
from tests.api import PASSWORD
from tests.monolith import TIGHT_LIMITS, monolith_settings
from tests.resilience.documented import CHECKS, documented_operations

OPERATIONS = [(method, path) for method, path, _ in documented_operations()]
LIMITED = {
    (method, path) for method, path, operation in documented_operations() if "429" in operation["responses"]
}
PLAUSIBLE = {
    ("POST", "/api/v1/users"): {"username": "another", "password": PASSWORD, "display_name": "Another"},
    ("POST", "/api/v1/sessions"): {"username": "fuzzer", "password": PASSWORD},
}
"""A request to each route limited per address that passes its checks and so meets the limit:
generated names are seldom ones an account may have, and those are not counted."""
BOUNDED = settings(
    max_examples=20,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


def fuzzed_monolith(data_dir: Path, **overrides: Any) -> OpenApiSchema:
    """The monolith, served in-process by schemathesis (which runs its lifespan), and its document."""
    settings = monolith_settings(data_dir, **overrides)
    # Migrated here, not by the lifespan schemathesis starts in its own thread on the first request.
    asyncio.run(migrate_databases(list(CONTEXTS), settings))
    app = build_process(list(CONTEXTS), settings, migrate=False)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenApiSchema]:
    yield fuzzed_monolith(tmp_path_factory.mktemp("fuzzed"))
    shutdown_lifespans()


@pytest.fixture(scope="module")
def tight_api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenApiSchema]:
    yield fuzzed_monolith(tmp_path_factory.mktemp("fuzzed-tight"), **TIGHT_LIMITS)
    shutdown_lifespans()


def signed_up(api_schema: OpenApiSchema) -> str:
    """The access token of the fuzzer's user, signed up and in."""
    credentials: dict[str, Any] = {"username": "fuzzer", "password": PASSWORD}
    registered = (
        api_schema["/api/v1/users"]["POST"].Case(body={**credentials, "display_name": "Fuzzer"}).call()
    )
    assert registered.status_code == 201, registered.text
    signed_in = api_schema["/api/v1/sessions"]["POST"].Case(body=credentials).call()
    assert signed_in.status_code == 201, signed_in.text
    return str(signed_in.json()["access_token"])


@pytest.fixture(scope="module")
def access_token(api_schema: OpenApiSchema) -> str:
    return signed_up(api_schema)


@pytest.fixture(scope="module")
def tight_access_token(tight_api_schema: OpenApiSchema) -> str:
    """Its sign-up is the one its address is allowed, and a wrong password the one failed sign-in:
    every sign-up the fuzzer makes is refused, and every sign-in to a name an account may have."""
    token = signed_up(tight_api_schema)
    wrong: dict[str, Any] = {"username": "fuzzer", "password": "not the password"}
    failed = tight_api_schema["/api/v1/sessions"]["POST"].Case(body=wrong).call()
    assert failed.status_code == 401, failed.text
    return token


@pytest.fixture(scope="module")
def own_ids(api_schema: OpenApiSchema, access_token: str) -> dict[str, str]:
    """Ids of things the fuzzer's user may see: itself, a group of its own and a message there,
    the root of a thread, a file it uploaded."""
    authorized = {"Authorization": f"Bearer {access_token}"}
    me = api_schema["/api/v1/users/me"]["GET"].Case().call(headers=authorized).json()
    group = api_schema["/api/v1/groups"]["POST"].Case(body={"name": "Fuzzed"}).call(headers=authorized).json()
    message = eventually_sent(api_schema, group["id"], authorized)
    upload = (
        api_schema["/api/v1/uploads"]["POST"]
        .Case(body={"file": "fuzzed"}, media_type="multipart/form-data")
        .call(headers=authorized)
    )
    assert upload.status_code == 201, upload.text
    return {
        "user_id": me["id"],
        "group_id": group["id"],
        "conversation_id": group["id"],
        "message_id": message["id"],
        "root_id": message["id"],
        "upload_id": upload.json()["id"],
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
    api_schema: OpenApiSchema,
    method: str,
    path: str,
    headers: dict[str, str],
    ids: dict[str, str],
    bodies: Sequence[dict[str, Any]] = (),
) -> set[int]:
    """Random ids alone would only ever reach "not found"; half the examples use `ids` that exist.
    `bodies` are sent too, before the generated examples. Answers the statuses the examples got."""
    operation = api_schema[path][method]
    existing = {name: value for name, value in ids.items() if f"{{{name}}}" in path}
    valid_and_invalid = st.one_of(
        *(
            operation.as_strategy(mode, path_parameters=parameters)
            for mode in GenerationMode
            for parameters in ({}, existing)
        )
    )
    answered: set[int] = set()

    def answers_as_documented(case: Case[Any]) -> None:
        answered.add(case.call_and_validate(headers=headers, checks=CHECKS).status_code)

    run = given(case=valid_and_invalid)(answers_as_documented)
    for body in bodies:
        run = example(case=operation.Case(body=body))(run)
    BOUNDED(run)()
    return answered


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


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_a_user_beyond_every_limit_is_refused_as_documented(
    tight_api_schema: OpenApiSchema, tight_access_token: str, method: str, path: str
) -> None:
    """Whatever order the operations come in, a limited one is refused from its second example on,
    if not from its first: its user's or its address's allowance was one."""
    headers = {"Authorization": f"Bearer {tight_access_token}"}
    plausible = [PLAUSIBLE[method, path]] if (method, path) in PLAUSIBLE else []

    answered = fuzz(tight_api_schema, method, path, headers, {}, plausible)

    assert (429 in answered) is ((method, path) in LIMITED), answered
