"""`make run-services`: the microservices topology on this machine, without Docker.

Starts PostgreSQL (a database per context), Redis, the Kafka-protocol broker and the MongoDB-
protocol server as local processes, then the five services (realtime twice, to show that it
scales out) and the gateway on `GATEWAY_PORT` (8080), which serves docs/api as the monolith does.
Everything lives in temporary directories and stops, and is removed, on Ctrl-C or SIGTERM.
"""

import asyncio
import os
import signal
import sys
from contextlib import AsyncExitStack
from pathlib import Path
from tempfile import TemporaryDirectory

from devstack import recipes
from devstack.services import BackingServers, run_services

_REALTIME_INSTANCES = 2


async def serve(gateway_port: int) -> None:
    async with AsyncExitStack() as stack:
        postgres, redis, kafka, mongodb = [
            await stack.enter_async_context(recipes.running(name, recipe))
            for name, recipe in (
                ("postgres", recipes.postgres),
                ("redis", recipes.redis),
                ("kafka", recipes.kafka),
                ("mongodb", recipes.mongodb),
            )
        ]
        workdir = Path(stack.enter_context(TemporaryDirectory(prefix="hexchat-services-")))
        topology = await stack.enter_async_context(
            run_services(
                BackingServers(postgres.url, kafka.url, redis.url, mongodb.url),
                workdir,
                gateway_port=gateway_port,
                instances={"realtime": _REALTIME_INSTANCES},
                env=os.environ,
            )
        )
        for process in topology.processes.values():
            print(f"{process.name:<15} {process.url}  (log: {process.log_path})", flush=True)
        print(f"Serving the API at {topology.gateway.url}; Ctrl-C stops everything.", flush=True)
        stopping = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stopping.set)
        await stopping.wait()
        print("Stopping...", flush=True)


def main() -> None:
    try:
        asyncio.run(serve(int(os.environ.get("GATEWAY_PORT", "8080"))))
    except recipes.ServerNotInstalledError as missing:
        sys.exit(f"run-services needs {missing}: install it and try again")


if __name__ == "__main__":
    main()
