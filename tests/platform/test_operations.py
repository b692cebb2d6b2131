from fastapi import APIRouter
from prometheus_client import REGISTRY

from tests.platform.conftest import app_with, client_for

router = APIRouter()


@router.get("/things/{thing_id}")
async def thing(thing_id: str) -> dict[str, str]:
    return {"id": thing_id}


async def ready() -> bool:
    return True


async def unreachable() -> bool:
    return False


async def broken() -> bool:
    raise ConnectionError("refused")


async def test_healthz_answers_ok() -> None:
    async with client_for(app_with()) as client:
        response = await client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_answers_ready_when_every_check_passes() -> None:
    app = app_with(readiness={"identity.database": ready, "bus": ready})
    async with client_for(app) as client:
        response = await client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": {"identity.database": "ok", "bus": "ok"}}


async def test_readyz_answers_503_naming_the_failed_checks() -> None:
    app = app_with(readiness={"identity.database": ready, "bus": unreachable, "redis": broken})
    async with client_for(app) as client:
        response = await client.get("/readyz")

    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"] == "5"
    body = response.json()
    assert body["checks"] == {"identity.database": "ok", "bus": "failed", "redis": "failed"}
    assert "bus" in body["detail"]
    assert "redis" in body["detail"]


def requests_counted(route: str, status: str) -> float:
    value = REGISTRY.get_sample_value(
        "http_requests_total", {"method": "GET", "route": route, "status": status}
    )
    return value or 0.0


async def test_requests_are_counted_by_route_template_and_status() -> None:
    before = requests_counted("/things/{thing_id}", "200")
    async with client_for(app_with(router)) as client:
        await client.get("/things/a")
        await client.get("/things/b")
        response = await client.get("/metrics")

    assert requests_counted("/things/{thing_id}", "200") == before + 2
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert 'http_requests_total{method="GET",route="/things/{thing_id}",status="200"}' in response.text
    assert "/things/a" not in response.text


async def test_unmatched_requests_are_counted_under_one_label() -> None:
    before = requests_counted("<unmatched>", "404")
    async with client_for(app_with(router)) as client:
        await client.get("/random/path/1")
        await client.get("/random/path/2")

    assert requests_counted("<unmatched>", "404") == before + 2


async def test_operations_routes_are_in_the_openapi_document() -> None:
    async with client_for(app_with()) as client:
        paths = (await client.get("/openapi.json")).json()["paths"]

    assert {"/healthz", "/readyz", "/metrics"} <= set(paths)
    assert paths["/readyz"]["get"]["tags"] == ["operations"]
