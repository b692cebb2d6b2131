"""The answers a route documents besides its success, as FastAPI's `responses=` takes them.

Those that every context's routes give alike are written here once, so they read alike in the
OpenAPI document; `infra.web.openapi` gives each its problem shape and headers.
"""

from typing import Any

Responses = dict[int | str, dict[str, Any]]

UNAUTHORIZED: Responses = {401: {"description": "No valid access token"}}
"""The answer of every route that needs an access token (`infra.web.auth.CurrentPrincipal`)."""
