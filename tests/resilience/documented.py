"""The checked-in OpenAPI document, which a test keeps in step with the app, and the checks that
hold an answer to it: the fuzzing's, and any test's that drives an answer of its own."""

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import schemathesis
from schemathesis.checks import CheckContext, not_a_server_error
from schemathesis.core.transport import Response
from schemathesis.generation.case import Case
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.specs.openapi.schemas import OpenApiSchema

OPENAPI_DOCUMENT = Path(__file__).parents[2] / "docs" / "api" / "openapi.json"


def documented_operations() -> list[tuple[str, str, dict[str, Any]]]:
    """(method, path, operation) of every operation, as the document writes them."""
    document = json.loads(OPENAPI_DOCUMENT.read_text())
    return [
        (method.upper(), path, operation)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
    ]


def says_when_to_retry(ctx: CheckContext, response: Response, case: Case[Any]) -> None:
    """A 429 or 503 is listed by the operation itself, not only by `default` (which would let
    `status_code_conformance` pass any status), is a problem document, and tells the client in
    `Retry-After` how many whole seconds, at least one, to wait."""
    status = response.status_code
    if status not in (429, 503):
        return
    assert str(status) in case.operation.responses.status_codes, (
        f"{case.operation.label}: undocumented {status}"
    )
    assert response.headers.get("content-type") == ["application/problem+json"], response.headers
    retry_after = response.headers.get("retry-after", [""])[0]
    assert re.fullmatch(r"[1-9][0-9]*", retry_after), f"Retry-After: {retry_after!r}"


def not_a_failure_of_the_server(ctx: CheckContext, response: Response, case: Case[Any]) -> None:
    """Schemathesis' `not_a_server_error` takes any 5xx for one; but a 503 is a refusal the API
    lists, which `says_when_to_retry` holds to the document."""
    if response.status_code != 503:
        not_a_server_error(ctx, response, case)


CHECKS = [
    not_a_failure_of_the_server,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    says_when_to_retry,
]


@cache
def _document() -> OpenApiSchema:
    return schemathesis.openapi.from_path(OPENAPI_DOCUMENT)


def assert_documented(method: str, path: str, response: httpx.Response) -> None:
    """`response` is an answer the document promises for `method` `path` (as the document writes
    it), by the checks the fuzzing runs: for the answers a test drives that fuzzing cannot."""
    sent = response.request.url.path.split("/")
    parameters = {
        name[1:-1]: value
        for name, value in zip(path.split("/"), sent, strict=True)
        if name.startswith("{") and name.endswith("}")
    }
    case = _document()[path][method].Case(path_parameters=parameters)
    case.validate_response(response, checks=CHECKS)
