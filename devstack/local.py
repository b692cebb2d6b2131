"""A server process run on this machine: by the test session when neither a URL nor Docker
provides one, and by `make run-services` for the whole distributed stack.

Resilience tests stop, kill, pause and restart servers mid-test, so a server keeps its port
across restarts (clients reconnect to the same address) and appends every run to one log file.
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import httpx

Probe = Callable[[], Awaitable[None]]
"""Returns once the server answers its own protocol; raises while it does not."""

_POLL_SECONDS = 0.05
_PROBE_TIMEOUT_SECONDS = 5.0
_LOG_TAIL_LINES = 40


class ServerStartError(RuntimeError):
    pass


async def answers_healthz(url: str) -> None:
    """The probe of an HTTP server with a liveness route: a service, or the gateway."""
    async with httpx.AsyncClient() as client:
        (await client.get(f"{url}/healthz")).raise_for_status()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(eq=False)
class LocalServer:
    name: str
    url: str
    port: int
    argv: Sequence[str]
    workdir: Path
    probe: Probe
    user: str | None = None
    """Run as this user (a server such as PostgreSQL refuses to run as root)."""
    env: Mapping[str, str] | None = None
    """The server's environment; None inherits the test's."""
    stop_signal: signal.Signals = signal.SIGTERM
    """The signal that makes the server shut down cleanly without waiting for its clients."""
    startup_timeout_seconds: float = 60.0
    _process: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)

    @property
    def log_path(self) -> Path:
        return self.workdir / f"{self.name}.log"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    async def start(self) -> None:
        if self.running:
            raise ServerStartError(f"{self.name} is already running")
        with self.log_path.open("ab") as log:
            process = self._process = subprocess.Popen(  # noqa: ASYNC220 - spawning returns at once
                self.argv,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.workdir,
                user=self.user,
                env=self.env,
                # Out of the terminal's process group: a Ctrl-C reaches only the caller, which
                # stops its servers in order (services before the databases they drop on exit).
                process_group=0,
            )
        await self._wait_until_ready(process)

    async def stop(self) -> None:
        """Shut down cleanly; falls back to SIGKILL if the server ignores the request."""
        await self._terminate(self.stop_signal, timeout_seconds=30.0)

    async def kill(self) -> None:
        """Crash the server: no shutdown work, clients see their connections drop."""
        await self._terminate(signal.SIGKILL, timeout_seconds=30.0)

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    async def pause(self) -> None:
        """Freeze the server (SIGSTOP): it stops answering but keeps its state and connections.

        Like a network partition, and the only way to take away a server that keeps its data in
        memory (the local Kafka broker) without losing it. Returns once every thread of the server
        has stopped, so nothing the caller sends next can still be answered.
        """
        process = self._running_process()
        process.send_signal(signal.SIGSTOP)
        while True:
            pid, status = os.waitpid(process.pid, os.WUNTRACED | os.WNOHANG)  # noqa: ASYNC222 - never blocks
            if pid and os.WIFSTOPPED(status):
                return
            if pid:
                process.returncode = os.waitstatus_to_exitcode(status)
                raise RuntimeError(f"{self.name} exited while pausing{self._log_tail()}")
            await asyncio.sleep(_POLL_SECONDS / 10)

    def resume(self) -> None:
        self._running_process().send_signal(signal.SIGCONT)

    def _running_process(self) -> subprocess.Popen[bytes]:
        process = self._process
        if process is None or process.poll() is not None:
            raise RuntimeError(f"{self.name} is not running")
        return process

    async def _terminate(self, signum: signal.Signals, timeout_seconds: float) -> None:
        process = self._process
        if process is None or process.poll() is not None:
            return
        process.send_signal(signum)
        process.send_signal(signal.SIGCONT)  # a paused server must wake up to act on the signal
        if not await _exited(process, timeout_seconds):
            process.kill()
            await _exited(process, timeout_seconds)

    async def _wait_until_ready(self, process: subprocess.Popen[bytes]) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.startup_timeout_seconds
        while True:
            if (code := process.poll()) is not None:
                raise ServerStartError(f"{self.name} exited with status {code}{self._log_tail()}")
            try:
                await asyncio.wait_for(self._answers(), _PROBE_TIMEOUT_SECONDS)
            except Exception as error:
                if loop.time() > deadline:
                    await self.kill()
                    raise ServerStartError(
                        f"{self.name} not ready after {self.startup_timeout_seconds}s: {error!r}"
                        f"{self._log_tail()}"
                    ) from error
                await asyncio.sleep(_POLL_SECONDS)
            else:
                return

    async def _answers(self) -> None:
        # A plain connect first: protocol clients log noisily when the port is still closed.
        _, writer = await asyncio.open_connection("127.0.0.1", self.port)
        writer.close()
        await writer.wait_closed()
        await self.probe()

    def _log_tail(self) -> str:
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()[-_LOG_TAIL_LINES:]
        except FileNotFoundError:
            return ""
        return f"\n--- last lines of {self.log_path} ---\n" + "\n".join(lines)


async def _exited(process: subprocess.Popen[bytes], timeout_seconds: float) -> bool:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_seconds
    while process.poll() is None:
        if loop.time() > deadline:
            return False
        await asyncio.sleep(_POLL_SECONDS)
    return True


def chat_command(*arguments: str) -> list[str]:
    """The `chat` command of this environment, with `arguments`."""
    return [str(Path(sys.executable).with_name("chat")), *arguments]


def http_server(name: str, argv: Sequence[str], workdir: Path, env: Mapping[str, str]) -> LocalServer:
    """An HTTP server of ours on a free port of this machine (its `HOST` and `PORT`), with `env`
    over this process's environment; it is up once it answers `/healthz`."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    return LocalServer(
        name=name,
        url=url,
        port=port,
        argv=argv,
        workdir=workdir,
        probe=partial(answers_healthz, url),
        env={**os.environ, **env, "HOST": "127.0.0.1", "PORT": str(port)},
    )
