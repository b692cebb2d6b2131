"""The composition of a process, with a stand-in context so each step can be watched."""

import asyncio
from pathlib import Path

import httpx
import pytest
from fastapi import APIRouter

from devstack.local import free_port
from infra.context_module import ContextModule
from infra.web.auth import CurrentPrincipal
from runtime import process
from runtime.contexts import BuiltContext, Platform
from runtime.process import ConfigurationError, build_process
from runtime.settings import Settings
from tests.platform.conftest import client_for
from tests.platform.signing import SigningKey, jwks
from tests.problems import assert_problem


class StandInContext:
    """Records what the runtime does with it; its background task crashes once, then runs."""

    def __init__(self, name: str, *, issues_tokens: bool) -> None:
        self.name = name
        self.key = SigningKey()
        self.issues_tokens = issues_tokens
        self.events: list[str] = []
        self.data_dir_existed_when_built = False
        self.running_again = asyncio.Event()
        self.background_runs = 0

    def build(self, platform: Platform) -> BuiltContext:
        self.data_dir_existed_when_built = platform.settings.data_dir.is_dir()
        router = APIRouter()

        @router.get(f"/{self.name}/me")
        async def me(principal: CurrentPrincipal) -> dict[str, str]:
            return {"user_id": str(principal.user_id)}

        module = ContextModule(
            name=self.name,
            routers=[router],
            migrate=self.migrate,
            close=self.close,
            background=[self.work],
            readiness={f"{self.name}-database": self.database_answers},
        )
        return BuiltContext(module, public_jwks=(lambda: jwks(self.key)) if self.issues_tokens else None)

    async def migrate(self) -> None:
        self.events.append("migrate")

    async def close(self) -> None:
        self.events.append("close")

    async def database_answers(self) -> bool:
        return True

    async def work(self) -> None:
        self.background_runs += 1
        if self.background_runs == 1:
            raise RuntimeError("first run crashes")
        self.running_again.set()
        try:
            await asyncio.Event().wait()
        finally:
            self.events.append("background cancelled")


@pytest.fixture
def issuer(monkeypatch: pytest.MonkeyPatch) -> StandInContext:
    context = StandInContext("issuer", issues_tokens=True)
    monkeypatch.setattr(process, "CONTEXTS", {"issuer": context.build})
    monkeypatch.setattr(process, "RESTART_DELAY_SECONDS", 0)
    return context


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


async def test_start_up_migrates_then_runs_background_tasks_and_shutdown_stops_them(
    issuer: StandInContext, settings: Settings
) -> None:
    app = build_process(["issuer"], settings)

    async with app.router.lifespan_context(app):
        await asyncio.wait_for(issuer.running_again.wait(), timeout=10)
        assert issuer.events == ["migrate"]

    assert issuer.events == ["migrate", "background cancelled", "close"]
    assert issuer.background_runs == 2


async def test_start_up_can_skip_migrations(issuer: StandInContext, settings: Settings) -> None:
    app = build_process(["issuer"], settings, migrate=False)

    async with app.router.lifespan_context(app):
        pass

    assert "migrate" not in issuer.events


async def test_a_failed_migration_still_closes_the_contexts(
    issuer: StandInContext, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def failing() -> None:
        raise ConnectionRefusedError("no database")

    monkeypatch.setattr(issuer, "migrate", failing)
    app = build_process(["issuer"], settings)

    with pytest.raises(ConnectionRefusedError):
        async with app.router.lifespan_context(app):
            pass

    assert issuer.events == ["close"]


def test_the_data_dir_exists_before_any_context_is_built(issuer: StandInContext, settings: Settings) -> None:
    build_process(["issuer"], settings)

    assert issuer.data_dir_existed_when_built
    assert settings.data_dir.stat().st_mode & 0o777 == 0o700


async def test_readiness_covers_the_bus_the_token_keys_and_each_context(
    issuer: StandInContext, settings: Settings
) -> None:
    app = build_process(["issuer"], settings)

    async with client_for(app) as client:
        response = await client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["checks"] == {
        "event-bus": "ok",
        "consumer-groups": "ok",
        "token-keys": "ok",
        "issuer-database": "ok",
    }


UNREACHABLE = {
    "redis": "redis://127.0.0.1:9/0",
    "mongodb": "mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=500",
}


@pytest.mark.parametrize("server", ["redis", "mongodb"])
@pytest.mark.parametrize(("reachable", "outcome"), [(True, "ok"), (False, "failed")])
async def test_readiness_covers_each_server_when_it_is_configured(
    issuer: StandInContext,
    tmp_path: Path,
    redis_url: str,
    mongodb_url: str,
    server: str,
    reachable: bool,
    outcome: str,
) -> None:
    url = {"redis": redis_url, "mongodb": mongodb_url}[server] if reachable else UNREACHABLE[server]
    app = build_process(["issuer"], Settings.model_validate({"data_dir": tmp_path, f"{server}_url": url}))

    async with app.router.lifespan_context(app), client_for(app) as client:
        response = await client.get("/readyz")

    assert response.json()["checks"][server] == outcome


async def test_metrics_on_a_port_of_their_own_leave_the_api_port_and_close_with_the_process(
    issuer: StandInContext, tmp_path: Path
) -> None:
    port = free_port()
    app = build_process(["issuer"], Settings(data_dir=tmp_path, metrics_port=port))
    metrics_url = f"http://127.0.0.1:{port}/metrics"

    async with app.router.lifespan_context(app), client_for(app) as client, httpx.AsyncClient() as scraper:
        on_the_api_port = await client.get("/metrics")
        metrics = await scraper.get(metrics_url)
    async with httpx.AsyncClient() as scraper:
        with pytest.raises(httpx.ConnectError):
            await scraper.get(metrics_url)

    assert_problem(on_the_api_port, 404)
    assert metrics.status_code == 200
    assert "# TYPE http_requests_total counter" in metrics.text


@pytest.mark.parametrize("path", ["/docs", "/redoc", "/openapi.json"])
async def test_the_api_docs_may_be_switched_off(issuer: StandInContext, tmp_path: Path, path: str) -> None:
    switched_off = build_process(["issuer"], Settings(data_dir=tmp_path, api_docs_enabled=False))
    default = build_process(["issuer"], Settings(data_dir=tmp_path))

    async with client_for(switched_off) as client, client_for(default) as client_by_default:
        off, on = await client.get(path), await client_by_default.get(path)

    assert_problem(off, 404)
    assert on.status_code == 200


async def test_tokens_of_an_issuer_in_the_process_are_verified_with_its_keys(
    issuer: StandInContext, settings: Settings
) -> None:
    app = build_process(["issuer"], settings)
    token = issuer.key.issue(iss=settings.jwt_issuer)

    async with client_for(app) as client:
        response = await client.get("/issuer/me", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200


async def test_without_the_issuer_a_process_fetches_keys_from_the_jwks_url(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    reader = StandInContext("reader", issues_tokens=False)
    monkeypatch.setattr(process, "CONTEXTS", {"reader": reader.build})
    settings = Settings(data_dir=tmp_path, jwks_url="http://127.0.0.1:9/.well-known/jwks.json")
    app = build_process(["reader"], settings)

    async with client_for(app) as client:
        response = await client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["token-keys"] == "failed"


def test_without_the_issuer_or_a_jwks_url_a_process_is_refused(
    monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    reader = StandInContext("reader", issues_tokens=False)
    monkeypatch.setattr(process, "CONTEXTS", {"reader": reader.build})

    with pytest.raises(ConfigurationError, match="JWKS_URL"):
        build_process(["reader"], settings)


@pytest.mark.parametrize("names", [["issuer", "billing"], []])
def test_unknown_or_no_contexts_are_refused(
    issuer: StandInContext, settings: Settings, names: list[str]
) -> None:
    with pytest.raises(ConfigurationError):
        build_process(names, settings)


async def test_the_monolith_verifies_identitys_tokens_in_process(tmp_path: Path) -> None:
    app = build_process(["identity"], Settings(data_dir=tmp_path))
    credentials = {"username": "ada", "password": "correct horse"}

    async with app.router.lifespan_context(app), client_for(app) as client:
        await client.post("/api/v1/users", json={**credentials, "display_name": "Ada"})
        session = (await client.post("/api/v1/sessions", json=credentials)).json()
        me = await client.get(
            "/api/v1/users/me", headers={"Authorization": f"Bearer {session['access_token']}"}
        )

    assert me.status_code == 200
    assert me.json()["username"] == "ada"
