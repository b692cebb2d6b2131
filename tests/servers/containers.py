"""Throwaway servers in Docker containers (testcontainers), used when a Docker engine answers."""

import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from testcontainers.community.kafka import KafkaContainer
from testcontainers.community.mongodb import MongoDbContainer
from testcontainers.community.postgres import PostgresContainer
from testcontainers.community.redis import RedisContainer
from testcontainers.core.container import DockerContainer
from testcontainers.core.waiting_utils import wait_for_logs

_DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock"


@dataclass(frozen=True)
class StartedContainer:
    url: str
    stop: Callable[[], None]


def engine_answers(timeout_seconds: float = 0.5) -> bool:
    """Ask the engine itself (`GET /_ping`): a `docker` CLI or a stale socket file proves nothing.

    Understands `unix://` and plain `tcp://` hosts; any other `DOCKER_HOST` (ssh, TLS) counts
    as no engine, and the session falls back to local processes.
    """
    host = urlsplit(os.environ.get("DOCKER_HOST") or _DEFAULT_DOCKER_HOST)
    try:
        if host.scheme == "unix":
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            connection.settimeout(timeout_seconds)
            connection.connect(host.path)
        elif host.scheme == "tcp" and host.hostname:
            connection = socket.create_connection((host.hostname, host.port or 2375), timeout_seconds)
        else:
            return False
        with connection:
            connection.sendall(b"GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n")
            status_line = connection.recv(1024).split(b"\r\n", 1)[0]
    except OSError:
        return False
    return status_line.split()[1:2] == [b"200"]


def postgres() -> StartedContainer:
    container = PostgresContainer(
        "postgres:16-alpine", username="postgres", password="postgres", dbname="postgres", driver=None
    ).start()
    host, port = container.get_container_host_ip(), container.get_exposed_port(5432)
    return StartedContainer(f"postgresql://postgres:postgres@{host}:{port}", container.stop)


def redis() -> StartedContainer:
    container = RedisContainer("redis:7-alpine").start()
    host, port = container.get_container_host_ip(), container.get_exposed_port(6379)
    return StartedContainer(f"redis://{host}:{port}/0", container.stop)


def kafka() -> StartedContainer:
    container = KafkaContainer("confluentinc/cp-kafka:7.6.0").with_kraft().start()
    return StartedContainer(container.get_bootstrap_server(), container.stop)


def mongodb() -> StartedContainer:
    container = MongoDbContainer("mongo:7").start()
    return StartedContainer(container.get_connection_url(), container.stop)


def s3() -> StartedContainer:
    """Moto's server, as the local process is: any credentials, buckets in memory."""
    container = DockerContainer("motoserver/moto:5.1.18").with_exposed_ports(5000).start()
    wait_for_logs(container, "Running on")
    host, port = container.get_container_host_ip(), container.get_exposed_port(5000)
    return StartedContainer(f"http://{host}:{port}", container.stop)
