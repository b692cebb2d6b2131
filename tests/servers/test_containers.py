"""Docker is used only when an engine actually answers, not because a socket file exists."""

import asyncio
from pathlib import Path

import pytest

from tests.servers.containers import engine_answers


async def _engine(socket_path: Path, status_line: bytes) -> asyncio.Server:
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(status_line + b"\r\nContent-Length: 2\r\n\r\nOK")
        await writer.drain()
        writer.close()

    return await asyncio.start_unix_server(answer, path=str(socket_path))


@pytest.mark.parametrize(
    ("status_line", "answers"), [(b"HTTP/1.1 200 OK", True), (b"HTTP/1.1 500 Oops", False)]
)
async def test_an_engine_counts_when_it_answers_ping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, status_line: bytes, answers: bool
) -> None:
    socket_path = tmp_path / "docker.sock"
    monkeypatch.setenv("DOCKER_HOST", f"unix://{socket_path}")
    async with await _engine(socket_path, status_line):
        assert await asyncio.to_thread(engine_answers) is answers


def test_a_socket_nobody_listens_on_is_no_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    socket_path = tmp_path / "docker.sock"
    socket_path.touch()
    monkeypatch.setenv("DOCKER_HOST", f"unix://{socket_path}")

    assert not engine_answers()
