import logging
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager

import httpx
import pytest
from fastapi import APIRouter, FastAPI

from infra.context_module import ReadinessCheck
from infra.web.app_factory import create_app
from infra.web.auth import InProcessJwksSource, TokenVerifier
from runtime.settings import Settings
from tests.platform.signing import SigningKey, jwks


@pytest.fixture
def signing_key() -> SigningKey:
    return SigningKey()


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """Undo `configure_logging`, which a process's start-up calls, so no test sees another's handler."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def app_with(
    *routers: APIRouter,
    readiness: dict[str, ReadinessCheck] | None = None,
    keys: Sequence[SigningKey] = (),
    max_request_body_bytes: int = Settings().max_request_body_bytes,
) -> FastAPI:
    verifier = TokenVerifier(InProcessJwksSource(lambda: jwks(*keys)), issuer="hexchat")
    return create_app(
        title="test",
        routers=routers,
        readiness=readiness or {},
        token_verifier=verifier,
        max_request_body_bytes=max_request_body_bytes,
    )


@asynccontextmanager
async def client_for(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        yield client
