"""The routes an orchestrator and a metrics scraper call: liveness, readiness, metrics.

Liveness says only that the process answers, so a slow database never gets it restarted;
readiness says whether every dependency answers, so traffic goes elsewhere until they do.
"""

import asyncio
import logging
from collections.abc import Mapping

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from infra.context_module import ReadinessCheck
from infra.web.problems import SERVER_AWAY_RETRY_AFTER_SECONDS, problem_response, status_title

log = logging.getLogger(__name__)

CHECK_TIMEOUT_SECONDS = 2.0


def operations_router(readiness: Mapping[str, ReadinessCheck]) -> APIRouter:
    router = APIRouter(tags=["operations"])

    @router.get("/healthz", summary="Liveness: the process answers")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get(
        "/readyz",
        summary="Readiness: every dependency answers",
        responses={503: {"description": "A dependency does not answer; `checks` says which"}},
    )
    async def readyz() -> JSONResponse:
        names = list(readiness)
        outcomes = await asyncio.gather(*(_run(name, readiness[name]) for name in names))
        checks = dict(zip(names, outcomes, strict=True))
        failed = [name for name, outcome in checks.items() if outcome != "ok"]
        if failed:
            return problem_response(
                503,
                status_title(503),
                f"Not ready: {', '.join(failed)}.",
                headers={"Retry-After": str(SERVER_AWAY_RETRY_AFTER_SECONDS)},
                checks=checks,
            )
        return JSONResponse({"status": "ready", "checks": checks})

    return router


def metrics_router() -> APIRouter:
    """`/metrics` on the API's own port; `metrics_listener` serves them on another one instead."""
    router = APIRouter(tags=["operations"])

    @router.get("/metrics", summary="Prometheus metrics", response_class=Response)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return router


async def _run(name: str, check: ReadinessCheck) -> str:
    """One of "ok", "failed", "timeout": a check that raises or hangs counts as failed, never as a 500."""
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_SECONDS):
            return "ok" if await check() else "failed"
    except TimeoutError:
        return "timeout"
    except Exception:
        log.warning("readiness check %s raised", name, exc_info=True)
        return "failed"
