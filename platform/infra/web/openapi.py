"""Make the OpenAPI document say what errors really look like: RFC 9457 problem documents.

FastAPI describes a 422 as its own `HTTPValidationError` and no other error at all, while every
error this application answers is a problem document (see `problems`). Clients generated from
the document (the web client's, for one) must see the real shape.
"""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from infra.web.problems import PROBLEM_JSON

_PROBLEM = {
    "type": "object",
    "description": "An RFC 9457 problem document.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri", "description": "Identifies the kind of problem."},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string", "description": "What went wrong this time, for a person."},
    },
}
_VALIDATION_PROBLEM = {
    "allOf": [
        {"$ref": "#/components/schemas/Problem"},
        {
            "type": "object",
            "required": ["errors"],
            "properties": {
                "errors": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["field", "message"],
                        "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                    },
                }
            },
        },
    ]
}


_RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before sending the same request again",
        "required": True,
        "schema": {"type": "integer", "minimum": 1},
    }
}
_SAYS_WHEN_TO_RETRY = frozenset({"429", "503"})
"""The answers that ask the client to come back later, and so must say when (`problems`)."""

_BODY_PROBLEMS = {
    # FastAPI's own answer to a body it cannot decode as JSON text (not UTF-8, say); a body that is
    # text but not JSON is a validation problem (422) instead.
    "400": "The body is not JSON text",
    "413": "The body is larger than the server accepts",  # see body_size_limit
}


def _problem_content(schema: str) -> dict[str, Any]:
    return {PROBLEM_JSON: {"schema": {"$ref": f"#/components/schemas/{schema}"}}}


def _problem_response(description: str, schema: str) -> dict[str, Any]:
    return {"description": description, "content": _problem_content(schema)}


def _describe_error(status: str, response: dict[str, Any]) -> None:
    """An error a route declares, described by its status alone, is a problem document; and one
    that asks the client to come back says when, in `Retry-After`."""
    if not status.isdigit() or int(status) < 400:
        return
    response.setdefault("content", _problem_content("Problem"))
    if status in _SAYS_WHEN_TO_RETRY:
        response.setdefault("headers", {}).update(_RETRY_AFTER)


_FASTAPIS_422 = "Validation Error"


def describe_problems(app: FastAPI) -> None:
    """Replace FastAPI's error schemas with problem documents in `app`'s OpenAPI document."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(title=app.title, version=app.version, routes=app.routes)
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            schemas.pop("HTTPValidationError", None)
            schemas.pop("ValidationError", None)
            schemas["Problem"] = _PROBLEM
            schemas["ValidationProblem"] = _VALIDATION_PROBLEM
            for operations in document.get("paths", {}).values():
                for operation in operations.values():
                    responses = operation.setdefault("responses", {})
                    for status, response in responses.items():
                        _describe_error(status, response)
                    if "422" in responses:  # a route's own description says which input; FastAPI's does not
                        described = responses["422"].get("description", _FASTAPIS_422)
                        described = "Invalid input" if described == _FASTAPIS_422 else described
                        responses["422"] = _problem_response(described, "ValidationProblem")
                    if "requestBody" in operation:
                        for status, description in _BODY_PROBLEMS.items():
                            responses.setdefault(status, _problem_response(description, "Problem"))
                    responses["default"] = _problem_response("Any other error", "Problem")
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
