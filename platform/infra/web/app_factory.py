"""The one FastAPI application every process serves, whichever contexts it holds.

Contexts contribute routers; the plumbing they all share (error documents, authentication,
correlation ids, metrics, health) is installed here once, so a context's routers behave the
same in the monolith and as a service of their own.
"""

from collections.abc import Mapping, Sequence
from pathlib import Path

from fastapi import APIRouter, FastAPI
from starlette.types import Lifespan

from infra.context_module import ReadinessCheck
from infra.web.auth import TokenVerifier
from infra.web.body_size_limit import BodySizeLimitMiddleware
from infra.web.correlation_middleware import CorrelationIdMiddleware
from infra.web.metrics import MetricsMiddleware
from infra.web.openapi import describe_problems
from infra.web.operations import metrics_router, operations_router
from infra.web.problems import SERVER_AWAY, UnexpectedErrorMiddleware, install_problem_handlers
from infra.web.security_headers import SecurityHeadersMiddleware
from infra.web.web_client import WebClientFiles


def create_app(
    *,
    title: str,
    routers: Sequence[APIRouter],
    readiness: Mapping[str, ReadinessCheck],
    token_verifier: TokenVerifier,
    max_request_body_bytes: int,
    larger_request_bodies: Mapping[str, int] | None = None,
    api_docs: bool = True,
    metrics_route: bool = True,
    lifespan: Lifespan[FastAPI] | None = None,
    web_client: Path | None = None,
) -> FastAPI:
    """`larger_request_bodies`: the paths whose requests may carry more than `max_request_body_bytes`,
    and how much; `api_docs`: whether the API describes itself (`/docs`, `/redoc`, `/openapi.json`);
    `metrics_route`: whether `/metrics` is served here, rather than on a listener of its own."""
    app = FastAPI(
        title=title,
        lifespan=lifespan,
        docs_url="/docs" if api_docs else None,
        redoc_url="/redoc" if api_docs else None,
        openapi_url="/openapi.json" if api_docs else None,
    )
    app.state.token_verifier = token_verifier
    install_problem_handlers(app)
    # The last one added runs first: the correlation id is set before anything logs, and
    # metrics see the status of the problem the error middleware answers.
    app.add_middleware(
        BodySizeLimitMiddleware, max_bytes=max_request_body_bytes, larger=larger_request_bodies
    )
    app.add_middleware(UnexpectedErrorMiddleware)
    app.add_middleware(MetricsMiddleware)
    app.add_middleware(CorrelationIdMiddleware)
    app.add_middleware(SecurityHeadersMiddleware, docs_path=app.docs_url)
    app.include_router(operations_router(readiness))
    if metrics_route:
        app.include_router(metrics_router())
    for router in routers:
        app.include_router(router, responses=SERVER_AWAY)
    describe_problems(app)
    if web_client is not None:
        # Last: routes are matched in order, and the client answers every path left over.
        app.mount("/", WebClientFiles(str(web_client)), name="web-client")
    return app
