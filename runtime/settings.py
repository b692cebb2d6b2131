"""Every environment variable the application reads, declared once, each with what it means.

Nothing else reads the environment: the runtime hands each context the values it needs. The
defaults run the monolith on embedded parts, so a bare `chat serve` works on a laptop; every
external server (Kafka, Redis, MongoDB, PostgreSQL) is opted into by setting its URL.
docs/configuration.md lists the same variables, and a test keeps the two in step.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, Self

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


def _sqlite_in_data_dir(context: str) -> Callable[[dict[str, Any]], str]:
    def default(values: dict[str, Any]) -> str:
        return f"sqlite+aiosqlite:///{values['data_dir']}/{context}.db"

    return default


class Settings(BaseSettings):
    # A variable set to the empty string counts as unset, so it takes the default.
    model_config = SettingsConfigDict(env_ignore_empty=True)

    # Each default below that depends on DATA_DIR is computed from it, so DATA_DIR comes first.
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

    identity_database_url: str = Field(
        default_factory=_sqlite_in_data_dir("identity"),
        description="SQLAlchemy URL of the identity database (an embedded SQLite file by default).",
    )
    groups_database_url: str = Field(
        default_factory=_sqlite_in_data_dir("groups"),
        description="SQLAlchemy URL of the groups database (an embedded SQLite file by default).",
    )
    messaging_database_url: str = Field(
        default_factory=_sqlite_in_data_dir("messaging"),
        description="SQLAlchemy URL of the messaging database (an embedded SQLite file by default).",
    )
    notifications_database_url: str = Field(
        default_factory=_sqlite_in_data_dir("notifications"),
        description="SQLAlchemy URL of the notifications database (an embedded SQLite file by default).",
    )
    realtime_database_url: str = Field(
        default_factory=_sqlite_in_data_dir("realtime"),
        description="SQLAlchemy URL of the realtime database (an embedded SQLite file by default).",
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
    mongodb_database: str = Field(
        "hexchat",
        min_length=1,
        description="The MongoDB database holding the read models, when MONGODB_URL is set.",
    )

    jwt_private_key_file: Path = Field(
        default_factory=lambda values: values["data_dir"] / "keys" / "identity-ed25519.pem",
        description="PEM file of the Ed25519 key identity signs access tokens with; generated if missing.",
    )
    jwt_issuer: str = Field(
        "hexchat", description="The `iss` claim of access tokens, checked when verifying."
    )
    access_token_ttl_seconds: int = Field(900, gt=0, description="How long an access token is valid.")
    refresh_token_ttl_seconds: int = Field(
        30 * 24 * 3600,
        gt=0,
        description="How long a session lasts from sign-in; then its refresh token stops working.",
    )
    refresh_token_grace_seconds: int = Field(
        30,
        ge=0,
        description=(
            "How long after a refresh the refresh token it exchanged still answers, with the same "
            "successor (two tabs refreshing at once, a lost answer); later, it revokes the session as "
            "reused. 0: never."
        ),
    )
    jwks_url: str = Field(
        "",
        description=(
            "Where a process without the identity context fetches the keys that verify access tokens "
            "(`http://identity:8000/.well-known/jwks.json`). Empty: from the identity context in the "
            "same process."
        ),
    )
    login_max_failures: int = Field(
        5,
        gt=0,
        description=(
            "Failed sign-ins to one username from one client address admitted at once; after them each "
            "attempt from there waits 1 s, 2 s, 4 s, ... (429 with `Retry-After`), up to "
            "LOGIN_FAILURE_WINDOW_SECONDS. A success forgets them; other addresses are not delayed."
        ),
    )
    login_failure_window_seconds: int = Field(
        900,
        gt=0,
        description=(
            "The longest wait between sign-ins to one username from one address, and the window over "
            "which LOGIN_CLIENT_MAX_FAILURES are counted."
        ),
    )
    login_client_max_failures: int = Field(
        50,
        gt=0,
        description=(
            "Failed sign-ins from one client address, to any usernames, within the window before its "
            "sign-ins answer 429: one password tried on many accounts."
        ),
    )
    password_hash_time_cost: int = Field(
        3, ge=1, description="Argon2id passes over memory per password hash; more is slower to guess."
    )
    password_hash_memory_kib: int = Field(
        65536,
        ge=8,
        description="Argon2id memory per password hash, in KiB; at least 8 per lane of parallelism.",
    )
    password_hash_parallelism: int = Field(4, ge=1, description="Argon2id lanes per password hash.")
    password_hash_threads: int = Field(
        2,
        ge=1,
        description=(
            "Password hashes made at once for sign-ups and for sign-ins of unknown clients, each in a thread "
            "at a lower CPU priority; about the cores to spend on them."
        ),
    )
    password_hash_queue: int = Field(
        2,
        ge=0,
        description=(
            "Password hashes that may wait for a thread; one more answers 503 with `Retry-After`. At most "
            "PASSWORD_HASH_THREADS keeps a sign-in within about twice its time on an idle server."
        ),
    )
    password_hash_device_threads: int = Field(
        1,
        ge=1,
        description=(
            "Password hashes made at once for sign-ins with a device token, in threads of their own that "
            "unknown clients cannot fill."
        ),
    )
    password_hash_device_queue: int = Field(
        1,
        ge=0,
        description=(
            "Sign-ins with a device token that may wait for one of PASSWORD_HASH_DEVICE_THREADS; one more "
            "answers 503 with `Retry-After`."
        ),
    )
    device_token_ttl_seconds: int = Field(
        365 * 24 * 3600,
        gt=0,
        description=(
            "How long a device token, answered by each sign-in, recognises its client at the next sign-in "
            "to that username."
        ),
    )
    device_token_max_failures: int = Field(
        5,
        gt=0,
        description=(
            "Failed sign-ins with one device token before it is ignored (the sign-in is then an unknown "
            "client's) for 1 s, 2 s, 4 s, ..., up to DEVICE_TOKEN_TTL_SECONDS. A success forgets them."
        ),
    )
    device_sign_in_account_max: int = Field(
        10,
        gt=0,
        description=(
            "Sign-ins to one username with device tokens, successful or not, within "
            "DEVICE_SIGN_IN_WINDOW_SECONDS; beyond, its device tokens are ignored until the window ends."
        ),
    )
    device_sign_in_window_seconds: int = Field(
        3600,
        gt=0,
        description=(
            "The window over which DEVICE_SIGN_IN_ACCOUNT_MAX is counted, from the first such sign-in."
        ),
    )
    sign_up_client_max: int = Field(
        20,
        gt=0,
        description="Sign-ups from one client address within SIGN_UP_WINDOW_SECONDS before 429.",
    )
    sign_up_window_seconds: int = Field(
        3600, gt=0, description="The window over which SIGN_UP_CLIENT_MAX is counted, from the first sign-up."
    )

    message_sends_per_second: float = Field(
        5.0, gt=0, description="Messages one user may send per second, sustained; more are answered 429."
    )
    message_sends_burst: int = Field(
        50, ge=1, description="Messages one user may send at once before `MESSAGE_SENDS_PER_SECOND` holds."
    )
    message_changes_per_second: float = Field(
        2.0, gt=0, description="Edits and deletions of messages one user may make per second, sustained."
    )
    message_changes_burst: int = Field(
        20, ge=1, description="Edits and deletions one user may make at once before the rate holds."
    )
    group_changes_per_second: float = Field(
        2.0,
        gt=0,
        description=(
            "Changes to groups (creating, renaming, deleting, adding, removing and promoting members, "
            "choosing who may add one) one user may make per second, sustained."
        ),
    )
    group_changes_burst: int = Field(
        30, ge=1, description="Changes to groups one user may make at once before the rate holds."
    )
    group_additions_per_user_per_hour: float = Field(
        20.0,
        gt=0,
        description=(
            "Groups one user may be put into by others per hour, sustained (created with them as a member, "
            "or added to); one more is answered 429 with `Retry-After`, to the one adding them."
        ),
    )
    group_additions_per_user_burst: int = Field(
        20,
        ge=1,
        description="Groups one user may be put into by others at once before the hourly rate holds.",
    )
    typing_frames_per_second: float = Field(
        1.0,
        gt=0,
        description=(
            "`typing` frames one WebSocket may send per second, sustained; more are answered with a "
            "`rate_limited` error frame and reach no one."
        ),
    )
    typing_frames_burst: int = Field(
        10, ge=1, description="`typing` frames one WebSocket may send at once before the rate holds."
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

    realtime_auth_timeout_seconds: float = Field(
        5.0,
        gt=0,
        description="How long a new WebSocket may take to send its `auth` frame before it is closed (4401).",
    )
    realtime_resume_window_seconds: float = Field(
        0.5,
        ge=0,
        description=(
            "How long live frames wait for a new WebSocket's first frame, so that a `resume` sent right "
            "after `ready` is replayed before them."
        ),
    )
    realtime_resume_max_messages: int = Field(
        500,
        gt=0,
        description=(
            "The most messages of one conversation a `resume` replays; a client further behind is told "
            "the conversation is `too_old` in `resumed`, and reloads it over REST."
        ),
    )
    group_member_limit: int = Field(
        1000,
        ge=2,
        description="The most members a group may have, its owner included; one more is refused (409).",
    )
    realtime_send_queue_frames: int = Field(
        1000,
        gt=0,
        description="Frames a WebSocket may have waiting to be sent; one more closes it as too slow (4429).",
    )
    realtime_max_sockets_per_user: int = Field(
        10,
        gt=0,
        description=(
            "The most WebSockets one user may hold on one realtime process; one more is refused (4409)."
        ),
    )
    realtime_max_sockets: int = Field(
        20000,
        gt=0,
        description="The most WebSockets one realtime process holds; one more is refused (1013).",
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
    presence_largest_conversation: int = Field(
        100,
        ge=2,
        description=(
            "Presence changes are pushed to those who share a conversation of at most this many "
            "participants; members of larger groups ask `GET /api/v1/presence`."
        ),
    )
    presence_ttl_seconds: float = Field(
        30.0,
        gt=0,
        description=(
            "How long a WebSocket counts as present without a heartbeat (each sends three per TTL): "
            "the users of a realtime instance that crashed go offline within about this long."
        ),
    )

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_case(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _memory_for_every_lane(self) -> Self:
        if self.password_hash_memory_kib < 8 * self.password_hash_parallelism:
            raise ValueError("password_hash_memory_kib must be at least 8 times password_hash_parallelism")
        return self
