"""Identity's settings: its database, the keys and lifetimes of its tokens, how passwords are hashed, and
the limits on signing up and in."""

from pathlib import Path
from typing import Self

from pydantic import BaseModel, Field, model_validator

from infra.db.database_url import database_url


class IdentitySettings(BaseModel):
    identity_database_url: str = database_url("identity")
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

    @model_validator(mode="after")
    def _memory_for_every_lane(self) -> Self:
        if self.password_hash_memory_kib < 8 * self.password_hash_parallelism:
            raise ValueError("password_hash_memory_kib must be at least 8 times password_hash_parallelism")
        return self
