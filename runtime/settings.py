"""Every environment variable the application reads, each declared once with what it means: the
platform's here, each context's in its own `settings` module.

Nothing else reads the environment: the runtime hands each context its own settings. The
defaults run the monolith on embedded parts, so a bare `chat serve` works on a laptop; every
external server (Kafka, Redis, MongoDB, PostgreSQL) is opted into by setting its URL.
docs/configuration.md lists the same variables, and a test keeps the two in step.
"""

from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from contexts.groups.settings import GroupsSettings
from contexts.identity.settings import IdentitySettings
from contexts.messaging.settings import MessagingSettings
from contexts.notifications.settings import NotificationsSettings
from contexts.realtime.settings import RealtimeSettings

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


class PlatformSettings(BaseSettings):
    """What every process reads, whichever contexts it holds."""

    # A variable set to the empty string counts as unset, so it takes the default.
    model_config = SettingsConfigDict(env_ignore_empty=True)

    # Each default that depends on DATA_DIR, here or in a context's settings, is computed from it,
    # so DATA_DIR comes first.
    data_dir: Path = Field(
        Path("./var"),
        description=(
            "Directory for the embedded databases and the generated signing key; "
            "created owner-only if missing, as are the files in it."
        ),
    )
    host: str = Field("127.0.0.1", description="Address `chat serve` listens on.")
    port: int = Field(8000, ge=0, le=65535, description="Port `chat serve` listens on.")
    metrics_port: int | None = Field(
        None,
        ge=1,
        le=65535,
        description=(
            "A port of `HOST` that serves the Prometheus metrics on a listener of its own, so that "
            "`PORT` can face the public: `/metrics` on `PORT` then answers 404. Empty: `/metrics` on `PORT`."
        ),
    )
    api_docs_enabled: bool = Field(
        True,
        description="Whether `/docs`, `/redoc` and `/openapi.json` describe the API; false: they answer 404.",
    )
    forwarded_allow_ips: str = Field(
        "127.0.0.1",
        description=(
            "Comma-separated addresses of the proxies trusted to set `X-Forwarded-For` and "
            '`X-Forwarded-Proto` (the gateway); `"*"` trusts any.'
        ),
    )
    log_level: LogLevel = Field(
        "INFO", description="Least severe level logged: DEBUG, INFO, WARNING, ERROR or CRITICAL."
    )
    max_request_body_bytes: int = Field(
        65536, ge=1, description="The largest request body accepted; a larger one is answered 413."
    )
    http_max_header_bytes: int = Field(
        16384,
        ge=1024,
        description="The largest request line and headers together, in bytes; larger ones are answered 431.",
    )
    http_max_headers: int = Field(
        100, ge=1, description="The most headers a request may have; more are answered 431."
    )
    http_request_timeout_seconds: float = Field(
        10.0,
        gt=0,
        description=(
            "How long a client may take to send a whole request (headers and body) from its first byte, "
            "or a new connection its first request; then it is answered 408 (while sending headers) or "
            "disconnected."
        ),
    )
    http_min_body_bytes_per_second: float = Field(
        65536.0,
        gt=0,
        description=(
            "The slowest a request's body may arrive: each part received extends HTTP_REQUEST_TIMEOUT_SECONDS"
            " by its size over this rate, so that a large upload sent steadily has the time it needs."
        ),
    )
    http_keep_alive_seconds: int = Field(
        5, ge=1, description="How long an idle connection is kept open for the client's next request."
    )
    http_max_connections: int = Field(
        4096,
        ge=1,
        description=(
            "Connections (WebSockets included) and requests in progress the server takes at once; a request "
            "beyond them is answered 503 with `Retry-After`. The process's open-file limit must be higher."
        ),
    )
    web_client_dir: Path = Field(
        Path("web/out"),
        description=(
            "The built web client (`make web`) that a process holding every context serves at `/`;"
            " in the services topology the gateway serves it instead."
        ),
    )

    kafka_bootstrap_servers: str = Field(
        "",
        description="Comma-separated Kafka brokers (`host:port`). Empty: events go on the in-process bus.",
    )
    kafka_topic_prefix: str = Field(
        "chat.", description="Prepended to each context's topic name (`chat.messaging`, ...)."
    )
    kafka_session_timeout_ms: int = Field(
        10_000,
        gt=0,
        description=(
            "How long Kafka waits for a silent consumer before handing its partitions to another "
            "replica; some brokers also hold each group join for half of it."
        ),
    )
    kafka_fetch_max_wait_ms: int = Field(
        500,
        ge=0,
        description=(
            "How long the broker may hold a consumer's fetch waiting for records. Kafka answers as soon "
            "as records arrive, so its default costs no latency there; a broker that always waits it out "
            "(Tansu, which the tests and `make run-services` use) adds it to every hop, and wants it short."
        ),
    )
    redis_url: str = Field(
        "",
        description=(
            "Redis URL (`redis://host:6379/0`) for login throttling, rate limits, presence and fan-out. "
            "Empty: in-memory adapters, which only work with a single process."
        ),
    )
    mongodb_url: str = Field("", description="MongoDB URL for the read models. Empty: embedded read models.")

    jwks_url: str = Field(
        "",
        description=(
            "Where a process without the identity context fetches the keys that verify access tokens "
            "(`http://identity:8000/.well-known/jwks.json`). Empty: from the identity context in the "
            "same process."
        ),
    )

    relay_poll_interval_seconds: float = Field(
        1.0,
        gt=0,
        description=(
            "How often the outbox relay, or in the monolith each consumer group, looks for events nobody "
            "woke it for (a safety net: commits wake them at once)."
        ),
    )
    relay_backoff_max_seconds: float = Field(
        10.0,
        gt=0,
        description=(
            "The longest the outbox relay waits between tries at an event the broker did not take: "
            "at most how late it notices that the broker is back."
        ),
    )
    event_batch_size: int = Field(
        100,
        gt=0,
        description=(
            "The most integration events a consumer group applies at once, in one transaction. Larger "
            "batches cost less per event but hold a database's writers (on SQLite) longer."
        ),
    )

    realtime_max_frame_bytes: int = Field(
        16384,
        gt=0,
        description="The largest frame a client may send; a larger one closes its WebSocket (1009).",
    )
    realtime_ping_interval_seconds: float = Field(
        20.0, gt=0, description="How often the server pings each WebSocket at the protocol level."
    )
    realtime_ping_timeout_seconds: float = Field(
        20.0,
        gt=0,
        description="How long a ping may go unanswered before the WebSocket is closed as dead.",
    )

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_case(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value


class Settings(
    RealtimeSettings,
    NotificationsSettings,
    MessagingSettings,
    GroupsSettings,
    IdentitySettings,
    PlatformSettings,
):
    """The platform's settings and every context's, each field read from the environment variable of
    its name in capitals; each context's container is handed its own part as it is.

    Pydantic reads the fields of the last base first: the platform's, so DATA_DIR is read before
    the defaults computed from it.
    """
