"""The monolith serves the built web client at `/` without shadowing a single API path."""

from pathlib import Path

import pytest
from starlette.types import Message

from infra.web.web_client import WebClientFiles
from runtime import process
from runtime.process import build_process
from runtime.settings import Settings
from tests.platform.conftest import client_for
from tests.platform.test_process import StandInContext
from tests.problems import assert_problem


@pytest.fixture
def built_client(tmp_path: Path) -> Path:
    """The shape of a Next.js static export, in miniature."""
    out = tmp_path / "out"
    (out / "signin").mkdir(parents=True)
    (out / "_next" / "static" / "chunks").mkdir(parents=True)
    (out / "index.html").write_text("<h1>chat</h1>")
    (out / "signin" / "index.html").write_text("<h1>sign in</h1>")
    (out / "404.html").write_text("<h1>lost</h1>")
    (out / "_next" / "static" / "chunks" / "app-3f9a.js").write_text("console.log(1)")
    return out


@pytest.fixture
def contexts(monkeypatch: pytest.MonkeyPatch) -> dict[str, StandInContext]:
    """Two stand-in contexts; the process that holds both is this build's monolith."""
    stand_ins = {
        "issuer": StandInContext("issuer", issues_tokens=True),
        "other": StandInContext("other", issues_tokens=False),
    }
    monkeypatch.setattr(process, "CONTEXTS", {name: context.build for name, context in stand_ins.items()})
    return stand_ins


def settings(tmp_path: Path, web_client_dir: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", web_client_dir=web_client_dir)


async def test_the_monolith_serves_the_pages_and_assets_of_the_client(
    contexts: dict[str, StandInContext], built_client: Path, tmp_path: Path
) -> None:
    app = build_process(list(contexts), settings(tmp_path, built_client), migrate=False)

    async with client_for(app) as client:
        home = await client.get("/")
        sign_in = await client.get("/signin/")
        asset = await client.get("/_next/static/chunks/app-3f9a.js")
        lost = await client.get("/no-such-page/")

    assert (home.status_code, home.text) == (200, "<h1>chat</h1>")
    assert home.headers["content-type"].startswith("text/html")
    assert (sign_in.status_code, sign_in.text) == (200, "<h1>sign in</h1>")
    assert asset.status_code == 200
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "cache-control" not in home.headers
    assert (lost.status_code, lost.text) == (404, "<h1>lost</h1>")


@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/.well-known/nothing", "/ws"])
async def test_api_paths_the_routes_do_not_know_stay_problems(
    path: str, contexts: dict[str, StandInContext], built_client: Path, tmp_path: Path
) -> None:
    app = build_process(list(contexts), settings(tmp_path, built_client), migrate=False)

    async with client_for(app) as client:
        answer = await client.get(path)
        routes = await client.get("/healthz")

    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"
    assert routes.json() == {"status": "ok"}


@pytest.mark.parametrize("path", ["/docs", "/redoc", "/openapi.json", "/metrics"])
async def test_docs_and_metrics_switched_off_or_moved_stay_problems(
    path: str, contexts: dict[str, StandInContext], built_client: Path, tmp_path: Path
) -> None:
    moved = settings(tmp_path, built_client).model_copy(update={"api_docs_enabled": False, "metrics_port": 9})
    app = build_process(list(contexts), moved, migrate=False)

    async with client_for(app) as client:
        answer = await client.get(path)

    assert_problem(answer, 404)


async def test_a_websocket_to_a_page_is_closed(built_client: Path) -> None:
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "websocket.connect"}

    async def send(message: Message) -> None:
        sent.append(message)

    await WebClientFiles(str(built_client))({"type": "websocket", "path": "/signin/"}, receive, send)

    assert [message["type"] for message in sent] == ["websocket.close"]


async def test_a_service_leaves_the_client_to_the_gateway(
    contexts: dict[str, StandInContext], built_client: Path, tmp_path: Path
) -> None:
    app = build_process(["issuer"], settings(tmp_path, built_client), migrate=False)

    async with client_for(app) as client:
        home = await client.get("/")

    assert home.status_code == 404
    assert home.headers["content-type"] == "application/problem+json"


async def test_without_a_built_client_the_monolith_serves_the_api_alone(
    contexts: dict[str, StandInContext], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = build_process(list(contexts), settings(tmp_path, tmp_path / "never-built"), migrate=False)

    async with client_for(app) as client:
        home = await client.get("/")

    assert home.status_code == 404
    assert "make web" in caplog.text
