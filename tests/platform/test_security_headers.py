"""Every answer tells browsers to confine it; the client's pages allow only their own scripts;
redirects never carry the request's Host; answers with tokens are never cached."""

import base64
import hashlib
from pathlib import Path

import pytest
from fastapi import APIRouter

from runtime import process
from runtime.process import build_process
from runtime.settings import Settings
from tests.api import ChatApi
from tests.platform.conftest import app_with, client_for
from tests.platform.test_process import StandInContext

INLINE = b"self.__next_f.push([0])"


@pytest.fixture
def monolith_of_stand_ins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Settings:
    stand_ins = {"issuer": StandInContext("issuer", issues_tokens=True)}
    monkeypatch.setattr(process, "CONTEXTS", {name: context.build for name, context in stand_ins.items()})
    out = tmp_path / "out"
    (out / "signin").mkdir(parents=True)
    (out / "index.html").write_bytes(b"<script src='/_next/a.js'></script><script>" + INLINE + b"</script>")
    (out / "signin" / "index.html").write_text("<h1>sign in</h1>")
    return Settings(data_dir=tmp_path / "data", web_client_dir=out)


async def test_api_answers_may_be_framed_nowhere_nor_sniffed() -> None:
    router = APIRouter()

    @router.get("/api/v1/thing")
    async def thing() -> dict[str, str]:
        return {"it": "is"}

    async with client_for(app_with(router)) as client:
        answers = [await client.get("/api/v1/thing"), await client.get("/api/v1/nothing")]

    for answer in answers:
        assert answer.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"


async def test_the_docs_page_may_load_swagger_ui_and_be_framed_nowhere() -> None:
    async with client_for(app_with()) as client:
        docs = await client.get("/docs")

    assert docs.status_code == 200
    policy = docs.headers["content-security-policy"]
    assert "https://cdn.jsdelivr.net" in policy
    assert "frame-ancestors 'none'" in policy


async def test_a_page_allows_its_own_inline_scripts_by_hash_and_no_others(
    monolith_of_stand_ins: Settings,
) -> None:
    app = build_process(["issuer"], monolith_of_stand_ins, migrate=False)
    async with client_for(app) as client:
        home = await client.get("/")

    policy = home.headers["content-security-policy"]
    inline_hash = base64.b64encode(hashlib.sha256(INLINE).digest()).decode()
    assert f"script-src 'self' 'sha256-{inline_hash}';" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    assert home.headers["x-content-type-options"] == "nosniff"


async def test_redirects_name_a_path_never_the_requests_host(monolith_of_stand_ins: Settings) -> None:
    with_client = build_process(["issuer"], monolith_of_stand_ins, migrate=False)
    async with client_for(with_client) as client:
        to_page = await client.get("/signin", headers={"Host": "evil.example"})
    async with client_for(app_with()) as client:
        to_route = await client.get("/healthz/?full=1", headers={"Host": "evil.example"})

    assert (to_page.status_code, to_page.headers["location"]) == (307, "/signin/")
    assert (to_route.status_code, to_route.headers["location"]) == (307, "/healthz?full=1")


async def test_answers_with_tokens_are_not_stored(module_monolith: ChatApi) -> None:
    alice = await module_monolith.sign_up()
    signed_in = await module_monolith.client.post(
        "/api/v1/sessions", json={"username": alice.username, "password": "correct horse battery"}
    )
    refreshed = await module_monolith.client.post(
        "/api/v1/sessions/refresh", json={"refresh_token": signed_in.json()["refresh_token"]}
    )

    assert signed_in.headers["cache-control"] == "no-store"
    assert refreshed.status_code == 201, refreshed.text
    assert refreshed.headers["cache-control"] == "no-store"
