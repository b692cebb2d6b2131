"""The operations of the checked-in OpenAPI document, which a test keeps in step with the app."""

import json
from pathlib import Path
from typing import Any

OPENAPI_DOCUMENT = Path(__file__).parents[2] / "docs" / "api" / "openapi.json"


def documented_operations() -> list[tuple[str, str, dict[str, Any]]]:
    """(method, path, operation) of every operation, as the document writes them."""
    document = json.loads(OPENAPI_DOCUMENT.read_text())
    return [
        (method.upper(), path, operation)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
    ]
