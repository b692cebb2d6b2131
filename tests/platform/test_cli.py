import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID, uuid4

import httpx
import pytest

from contexts.identity.adapters.outbound.sqlalchemy import tables as identity_tables
from contexts.identity.contracts.events import UserRegistered
from devstack.local import free_port
from infra.db.database import Database
from infra.db.unit_of_work import SqlAlchemyUnitOfWork
from infra.outbox.outbox import Outbox
from runtime.cli import main
from tests.problems import assert_problem

CHAT = str(Path(sys.executable).with_name("chat"))


def environment(data_dir: Path, **variables: str) -> dict[str, str]:
    return {**os.environ, "DATA_DIR": str(data_dir), **variables}


def test_an_unknown_context_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["migrate", "--context", "billing"])

    assert exit_.value.code == 2
    assert "invalid choice: 'billing'" in capsys.readouterr().err


def test_an_invalid_setting_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PORT", "eighty")

    with pytest.raises(SystemExit) as exit_:
        main(["migrate"])

    assert exit_.value.code == 2
    assert "port" in capsys.readouterr().err


def test_migrate_brings_the_identity_database_up_to_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path))

    exit_code = main(["migrate", "--context", "identity"])

    assert exit_code == 0
    with sqlite3.connect(tmp_path / "identity.db") as database:
        tables = {name for (name,) in database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "identity_outbox" in tables


def test_a_failed_migration_exits_non_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    monkeypatch.setenv("IDENTITY_DATABASE_URL", "postgresql+asyncpg://nobody@127.0.0.1:9/identity")

    assert main(["migrate"]) == 1


def test_projections_rebuild_rebuilds_the_contexts_that_have_read_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path))

    assert main(["projections", "rebuild"]) == 0
    assert "rebuilt the read models of messaging" in capsys.readouterr().out
    assert main(["projections", "rebuild", "--context", "identity"]) == 0
    assert "rebuilt the read models of no context" in capsys.readouterr().out


def test_projections_needs_an_action(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["projections"])

    assert exit_.value.code == 2
    assert "rebuild" in capsys.readouterr().err


SetAside = Callable[[Outbox, int], Awaitable[None]]
"""Sets aside the event at a position of an outbox, as a relay or a consumer group would."""


async def _registered_and_set_aside(data_dir: Path, set_aside: SetAside) -> UUID:
    """Register a user in identity's outbox as identity would, and set the event aside; answers the
    user's id."""
    user_id = uuid4()
    registered = UserRegistered(
        user_id=str(user_id), username="ada", display_name="Ada", created_at=datetime.now(UTC).isoformat()
    )
    database = Database(f"sqlite+aiosqlite:///{data_dir}/identity.db")
    try:
        outbox = Outbox("identity", database.sessions, identity_tables.outbox)
        async with SqlAlchemyUnitOfWork(database.sessions, identity_tables.outbox, outbox.committed) as uow:
            uow.publish(registered.to_event(subject=registered.user_id, time=datetime.now(UTC)))
            await uow.commit()
        [logged] = await outbox.after(0, 1)
        await set_aside(outbox, logged.position)
    finally:
        await database.dispose()
    return user_id


async def _parked(outbox: Outbox, position: int) -> None:
    await outbox.record_failure(position, 10, ValueError("record too large"), retry_at=None)


async def _dead_lettered_by_messaging(outbox: Outbox, position: int) -> None:
    await outbox.dead_letter("messaging", position, RuntimeError("messaging's database refused it"))


def test_outbox_redrive_hands_parked_events_back_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    assert main(["migrate", "--context", "identity"]) == 0
    asyncio.run(_registered_and_set_aside(tmp_path, _parked))
    capsys.readouterr()

    assert main(["outbox", "redrive", "--context", "identity", "--context", "realtime"]) == 0
    assert "identity: redrove 1 parked events\n" in capsys.readouterr().out
    assert main(["outbox", "redrive", "--context", "identity"]) == 0
    assert "identity: redrove 0 parked events\n" in capsys.readouterr().out
    with sqlite3.connect(tmp_path / "identity.db") as database:
        assert list(database.execute("SELECT parked_at, attempts FROM identity_outbox")) == [(None, 0)]


def test_dlq_replay_hands_a_group_its_dead_letters_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    assert main(["migrate"]) == 0
    user_id = asyncio.run(_registered_and_set_aside(tmp_path, _dead_lettered_by_messaging))
    capsys.readouterr()

    assert main(["dlq", "replay", "messaging"]) == 0
    assert "messaging: 1 dead letters applied, 0 failed again\n" in capsys.readouterr().out
    assert main(["dlq", "replay", "messaging"]) == 0
    assert "messaging: 0 dead letters applied, 0 failed again\n" in capsys.readouterr().out
    with sqlite3.connect(tmp_path / "messaging.db") as database:
        assert list(database.execute("SELECT user_id FROM messaging_known_users")) == [(user_id.hex,)]


def test_dlq_replay_refuses_a_context_that_consumes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path))

    with pytest.raises(SystemExit) as exit_:
        main(["dlq", "replay", "identity", "--context", "identity"])

    assert exit_.value.code == 2
    assert "identity is no consumer group" in capsys.readouterr().err


@contextmanager
def serving(data_dir: Path, **variables: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`chat serve` as a real process on a free port, with these settings; a test stops it with
    SIGTERM as an orchestrator would, or it is killed."""
    port = free_port()
    server = subprocess.Popen(
        [CHAT, "serve", "--port", str(port)],
        env=environment(data_dir, **variables),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield f"http://127.0.0.1:{port}", server
    finally:
        if server.poll() is None:
            server.kill()
        server.communicate(timeout=30)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    with serving(tmp_path) as served:
        yield served


def test_serve_runs_the_monolith_and_logs_json(served: tuple[str, subprocess.Popen[str]]) -> None:
    base_url, server = served
    ready = wait_until_ready(base_url, server)
    response = httpx.get(f"{base_url}/healthz", headers={"X-Correlation-ID": "cli-test"})
    server.send_signal(signal.SIGTERM)
    output, _ = server.communicate(timeout=30)

    assert ready.json()["status"] == "ready"
    assert response.status_code == 200
    records = [json.loads(line) for line in output.splitlines()]
    messages = [r["message"] for r in records if r["logger"] == "uvicorn.error"]
    assert "Application startup complete." in messages
    assert "Application shutdown complete." in messages
    access = [r for r in records if r["logger"] == "uvicorn.access" and "/healthz" in r["message"]]
    assert [r["correlation_id"] for r in access] == ["cli-test"]


def test_serve_answers_metrics_on_their_own_port_only_and_may_keep_the_docs_to_itself(tmp_path: Path) -> None:
    metrics_port = free_port()
    with serving(tmp_path, METRICS_PORT=str(metrics_port), API_DOCS_ENABLED="false") as (base_url, server):
        wait_until_ready(base_url, server)
        on_the_api_port = [httpx.get(f"{base_url}{path}") for path in ("/metrics", "/docs", "/openapi.json")]
        metrics = httpx.get(f"http://127.0.0.1:{metrics_port}/metrics")
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)

    for answer in on_the_api_port:
        assert_problem(answer, 404)
    assert metrics.status_code == 200
    assert metrics.headers["content-type"].startswith("text/plain")
    assert "# TYPE http_requests_total counter" in metrics.text
    assert "Application shutdown complete." in output  # the metrics' listener closed with the rest


def wait_until_ready(base_url: str, server: subprocess.Popen[str]) -> httpx.Response:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, "chat serve exited"
        try:
            response = httpx.get(f"{base_url}/readyz")
        except httpx.TransportError:
            time.sleep(0.1)
            continue
        if response.status_code == 200:
            return response
        time.sleep(0.1)
    raise AssertionError("chat serve never became ready")


def test_the_checked_in_openapi_document_is_what_chat_openapi_prints(tmp_path: Path) -> None:
    """docs/api/openapi.json is what the web client's API types are generated from: `make api-client`."""
    printed = tmp_path / "openapi.json"

    assert main(["openapi", "--output", str(printed)]) == 0

    checked_in = Path(__file__).parents[2] / "docs" / "api" / "openapi.json"
    assert json.loads(printed.read_text()) == json.loads(checked_in.read_text()), "run `make api-client`"


def test_the_checked_in_event_docs_and_readme_map_are_what_chat_context_map_prints(tmp_path: Path) -> None:
    """docs/events.md, docs/api/asyncapi.json and the README's context map: `make docs`."""
    repository = Path(__file__).parents[2]
    readme = tmp_path / "README.md"
    readme.write_text((repository / "README.md").read_text())

    assert (
        main(
            [
                "context-map",
                "--output",
                str(tmp_path / "events.md"),
                "--asyncapi",
                str(tmp_path / "asyncapi.json"),
                "--readme",
                str(readme),
            ]
        )
        == 0
    )

    assert (tmp_path / "events.md").read_text() == (repository / "docs" / "events.md").read_text(), (
        "run `make docs`"
    )
    assert json.loads((tmp_path / "asyncapi.json").read_text()) == json.loads(
        (repository / "docs" / "api" / "asyncapi.json").read_text()
    ), "run `make docs`"
    assert readme.read_text() == (repository / "README.md").read_text(), "run `make docs`"


def test_context_map_prints_the_catalogue_and_no_log(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["context-map", "--context", "identity", "--context", "realtime"]) == 0

    printed = capsys.readouterr().out
    assert printed.startswith("# Integration events\n")
    assert 'identity -. "session_ended" .-> realtime' in printed
    assert "groups" not in printed
