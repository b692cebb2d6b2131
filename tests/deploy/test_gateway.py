"""The gateway configuration (deploy/gateway) passes nginx's own check and, run by nginx in front
of stand-in services, sends each path of docs/api to the context that owns it and serves the web
client at every other path."""

import asyncio
import json
import subprocess
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from devstack import gateway
from devstack.local import free_port
from devstack.recipes import ServerNotInstalledError
from runtime.contexts import CONTEXTS
from tests.problems import assert_problem
from tests.servers.fixtures import unavailable

ROUTES: Mapping[str, str] = {
    "/api/v1/users": "identity",
    "/api/v1/users/me": "identity",
    "/api/v1/sessions": "identity",
    "/.well-known/jwks.json": "identity",
    "/api/v1/groups/0f6b/members": "groups",
    "/api/v1/conversations/0f6b/messages": "messaging",
    "/api/v1/uploads": "messaging",
    "/api/v1/uploads/0f6b/thumbnail": "messaging",
    "/api/v1/search/messages?q=hello": "messaging",
    "/api/v1/notifications": "notifications",
    "/api/v1/presence": "realtime",
    "/ws": "realtime",
}
"""Which service answers which path: docs/api, split by context."""

WEB_CLIENT = {
    "index.html": "<title>home</title>",
    "signin/index.html": "<title>sign in</title>",
    "404.html": "<title>not found</title>",
    "_next/static/chunks/app-4f2a.js": "console.log('app');",
}
"""A stand-in for the static export of web/: its pages and one content-named script."""

UPLOAD_MAX_BYTES = 25 * 1024 * 1024
"""Messaging's default, which answers its own 413 above it: the gateway lets such a body through."""
FORM_BYTES = 64 * 1024
"""Room for the multipart form around the file, more than it ever takes."""


def _nginx(config: Path, *options: str) -> subprocess.CompletedProcess[str]:
    try:
        argv = gateway.nginx_argv(config, *options)
    except ServerNotInstalledError as missing:
        unavailable(f"no gateway: install {missing} (the Debian package nginx-light)")
    return subprocess.run(argv, capture_output=True, text=True, check=False)


def test_the_rendered_configuration_passes_nginx_syntax_check(tmp_path: Path) -> None:
    upstreams = {context: [f"127.0.0.1:{9000 + n}"] for n, context in enumerate(CONTEXTS)}
    upstreams["realtime"].append("127.0.0.1:9100")
    config = gateway.write_config(tmp_path, free_port(), upstreams, tmp_path / "web")

    checked = _nginx(config, "-t")

    assert checked.returncode == 0, checked.stderr
    assert "${" not in (tmp_path / "default.conf").read_text()


async def _stand_in(context: str, heard: asyncio.Event | None = None) -> asyncio.Server:
    """Answers every request with its context's name, the headers it received and the size of the
    body; sets `heard` once a request's headers arrived, before its body."""

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = (await reader.readuntil(b"\r\n\r\n")).decode().split("\r\n")
        headers = {k.lower(): v for k, v in (line.split(": ", 1) for line in head[1:] if line)}
        if heard is not None:
            heard.set()
        received = len(await reader.readexactly(int(headers.get("content-length", 0))))
        body = json.dumps({"context": context, "headers": headers, "body_bytes": received})
        writer.write(
            f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            f"Connection: close\r\n\r\n{body}".encode()
        )
        await writer.drain()
        writer.close()

    return await asyncio.start_server(answer, "127.0.0.1", 0)


def _web_client(directory: Path) -> Path:
    for name, content in WEB_CLIENT.items():
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
        (directory / name).write_text(content)
    return directory


@asynccontextmanager
async def _gateway(workdir: Path, upstreams: Mapping[str, Sequence[str]]) -> AsyncIterator[httpx.AsyncClient]:
    (workdir / "nginx").mkdir()
    try:
        server = gateway.gateway(workdir / "nginx", free_port(), upstreams, _web_client(workdir / "web"))
    except ServerNotInstalledError as missing:
        unavailable(f"no gateway: install {missing} (the Debian package nginx-light)")
    await server.start()
    try:
        async with httpx.AsyncClient(base_url=server.url) as client:
            yield client
    finally:
        await server.stop()


@pytest.fixture
def messaging_heard() -> asyncio.Event:
    return asyncio.Event()


@pytest.fixture
async def routed(tmp_path: Path, messaging_heard: asyncio.Event) -> AsyncIterator[httpx.AsyncClient]:
    """The gateway in front of one stand-in per context; messaging's sets `messaging_heard`."""
    stand_ins = {
        context: await _stand_in(context, messaging_heard if context == "messaging" else None)
        for context in CONTEXTS
    }
    upstreams = {
        context: [f"127.0.0.1:{server.sockets[0].getsockname()[1]}"] for context, server in stand_ins.items()
    }
    try:
        async with _gateway(tmp_path, upstreams) as client:
            yield client
    finally:
        for server in stand_ins.values():
            server.close()
            await server.wait_closed()


@pytest.mark.parametrize(("path", "context"), ROUTES.items())
async def test_each_path_reaches_its_context(routed: httpx.AsyncClient, path: str, context: str) -> None:
    answer = await routed.get(path)

    assert answer.status_code == 200, answer.text
    assert answer.json()["context"] == context


async def test_an_upload_over_messagings_limit_still_reaches_it_to_be_answered_there(
    routed: httpx.AsyncClient,
) -> None:
    size = UPLOAD_MAX_BYTES + FORM_BYTES
    answer = await routed.post("/api/v1/uploads", content=bytes(size))

    assert answer.status_code == 200, answer.text
    assert answer.json()["body_bytes"] == size


async def test_an_upload_reaches_messaging_while_it_is_sent_not_once_the_gateway_holds_it_all(
    routed: httpx.AsyncClient, messaging_heard: asyncio.Event
) -> None:
    async def body() -> AsyncIterator[bytes]:
        yield bytes(1024)
        await asyncio.wait_for(messaging_heard.wait(), timeout=30)
        yield bytes(1024)

    answer = await routed.post("/api/v1/uploads", content=body(), headers={"Content-Length": "2048"})

    assert answer.json()["body_bytes"] == 2048


async def test_a_body_far_over_any_upload_is_a_problem_from_the_gateway(routed: httpx.AsyncClient) -> None:
    assert_problem(await routed.post("/api/v1/uploads", content=bytes(27 * 1024 * 1024)), 413)


async def test_other_paths_keep_nginxs_small_body_limit(routed: httpx.AsyncClient) -> None:
    assert_problem(await routed.post("/api/v1/conversations", content=bytes(2 * 1024 * 1024)), 413)


async def test_a_websocket_handshake_reaches_realtime_as_an_upgrade(routed: httpx.AsyncClient) -> None:
    answer = await routed.get("/ws", headers={"Upgrade": "websocket", "Connection": "Upgrade"})

    headers = answer.json()["headers"]
    assert (headers["upgrade"], headers["connection"]) == ("websocket", "upgrade")


async def test_the_correlation_id_is_passed_on_or_started(routed: httpx.AsyncClient) -> None:
    given = await routed.get("/api/v1/groups", headers={"X-Correlation-ID": "from-the-caller"})
    started = await routed.get("/api/v1/groups")

    assert given.json()["headers"]["x-correlation-id"] == "from-the-caller"
    assert started.json()["headers"]["x-correlation-id"]


async def test_the_gateway_answers_its_own_health_and_unknown_paths(routed: httpx.AsyncClient) -> None:
    assert (await routed.get("/healthz")).json() == {"status": "ok"}
    assert_problem(await routed.get("/api/v1/unknown"), 404)


@pytest.mark.parametrize(("path", "page"), [("/", "index.html"), ("/signin/", "signin/index.html")])
async def test_the_web_client_pages_are_served_and_revalidated(
    routed: httpx.AsyncClient, path: str, page: str
) -> None:
    answer = await routed.get(path)

    assert answer.status_code == 200
    assert answer.text == WEB_CLIENT[page]
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.headers["cache-control"] == "no-cache"


async def test_a_page_without_its_trailing_slash_redirects_to_it_on_the_same_origin(
    routed: httpx.AsyncClient,
) -> None:
    answer = await routed.get("/signin")

    assert answer.status_code == 301
    assert answer.headers["location"] == "/signin/"


async def test_the_web_client_scripts_are_cached_for_good(routed: httpx.AsyncClient) -> None:
    answer = await routed.get("/_next/static/chunks/app-4f2a.js")

    assert answer.status_code == 200
    assert answer.text == WEB_CLIENT["_next/static/chunks/app-4f2a.js"]
    assert "javascript" in answer.headers["content-type"]
    assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"


@pytest.mark.parametrize("path", ["/no-such-page/", "/_next/static/chunks/gone.js"])
async def test_a_path_the_web_client_lacks_is_its_not_found_page(
    routed: httpx.AsyncClient, path: str
) -> None:
    answer = await routed.get(path)

    assert answer.status_code == 404
    assert answer.text == WEB_CLIENT["404.html"]


@pytest.mark.parametrize("path", ["/api/v1/nope", "/api/v2/users", "/.well-known/nope"])
async def test_a_path_of_the_api_no_context_serves_is_a_problem_not_a_page(
    routed: httpx.AsyncClient, path: str
) -> None:
    assert_problem(await routed.get(path), 404)


async def test_a_service_that_does_not_answer_is_a_bad_gateway_problem(tmp_path: Path) -> None:
    nobody = {context: [f"127.0.0.1:{free_port()}"] for context in CONTEXTS}
    async with _gateway(tmp_path, nobody) as client:
        assert_problem(await client.get("/api/v1/users/me"), 502)
