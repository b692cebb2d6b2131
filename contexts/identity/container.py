"""Identity's composition root: the one place its ports meet their adapters.

The runtime supplies the inputs (`settings`, `clock`, `redis`) and takes `module`, what
identity adds to a process, and `public_jwks`, with which a process holding identity verifies
access tokens without asking over HTTP. The identity HTTP tests override one provider,
`hashing_threads`, with threads they can observe, so that they can fill the hashing queue on purpose.
"""

from datetime import timedelta

from dependency_injector import containers, providers
from redis.asyncio import Redis

from contexts.identity.adapters.inbound.http.router import build_router
from contexts.identity.adapters.outbound.argon2_password_hasher import Argon2PasswordHasher, argon2id_profile
from contexts.identity.adapters.outbound.hashing_threads import HashingThreads
from contexts.identity.adapters.outbound.hmac_device_tokens import HmacDeviceTokens
from contexts.identity.adapters.outbound.in_memory_client_quota import InMemoryClientQuota
from contexts.identity.adapters.outbound.in_memory_sign_in_throttle import InMemorySignInThrottle
from contexts.identity.adapters.outbound.jwt_access_token_issuer import JwtAccessTokenIssuer
from contexts.identity.adapters.outbound.redis_client_quota import RedisClientQuota
from contexts.identity.adapters.outbound.redis_sign_in_throttle import RedisSignInThrottle
from contexts.identity.adapters.outbound.signing_key import SigningKey, load_or_create_signing_key
from contexts.identity.adapters.outbound.sqlalchemy import tables
from contexts.identity.adapters.outbound.sqlalchemy.unit_of_work import SqlAlchemyIdentityUnitOfWork
from contexts.identity.application.change_display_name import ChangeDisplayName
from contexts.identity.application.device_lane import DeviceLane
from contexts.identity.application.get_user import GetUser
from contexts.identity.application.refresh_session import RefreshSession
from contexts.identity.application.register_user import RegisterUser
from contexts.identity.application.search_users import SearchUsers
from contexts.identity.application.sign_in import SignIn
from contexts.identity.application.sign_out import SignOut
from contexts.identity.contracts import events
from contexts.identity.domain.sign_in_delays import SignInDelays
from contexts.identity.ports.client_quota import ClientQuota
from contexts.identity.ports.sign_in_throttle import SignInThrottle
from contexts.identity.settings import IdentitySettings
from infra.write_side_container import WriteSideContainer
from kernel.clock import Clock
from kernel.integration_event import payloads_in


def _sign_in_throttle(
    redis: Redis | None, clock: Clock, name: str, free_attempts: int, ceiling_seconds: int
) -> SignInThrottle:
    delays = SignInDelays(free_attempts, timedelta(seconds=ceiling_seconds))
    if redis is None:
        return InMemorySignInThrottle(clock, delays)
    return RedisSignInThrottle(redis, clock, name, delays)


def _client_quota(
    redis: Redis | None, clock: Clock, name: str, quota: int, window_seconds: int, refusal: str
) -> ClientQuota:
    window = timedelta(seconds=window_seconds)
    if redis is None:
        return InMemoryClientQuota(clock, quota, window, refusal)
    return RedisClientQuota(redis, clock, name, quota, window, refusal)


class IdentityContainer(containers.DeclarativeContainer):
    settings: providers.Dependency[IdentitySettings] = providers.Dependency(instance_of=IdentitySettings)
    clock: providers.Dependency[Clock] = providers.Dependency()
    """The Clock every use case reads the time from."""
    redis: providers.Dependency[Redis | None] = providers.Dependency(default=providers.Object(None))
    """Shared throttles and quotas for replicas; without it, each process counts on its own."""

    write_side = providers.Container(
        WriteSideContainer,
        context="identity",
        database_url=settings.provided.identity_database_url,
        tables=tables.outbox,
        migrations=tables.migrations,
        published=payloads_in(events),
        unit_of_work_type=SqlAlchemyIdentityUnitOfWork,
    )
    unit_of_work: providers.Provider[SqlAlchemyIdentityUnitOfWork] = write_side.unit_of_work

    hashing_threads = providers.Singleton(
        HashingThreads,
        settings.provided.password_hash_threads,
        settings.provided.password_hash_queue,
        yielding=True,
    )
    """For unknown clients: sign-ups, and sign-ins without a device token the lane admits."""
    device_hashing_threads = providers.Singleton(
        HashingThreads,
        settings.provided.password_hash_device_threads,
        settings.provided.password_hash_device_queue,
    )
    password_profile = providers.Factory(
        argon2id_profile,
        settings.provided.password_hash_time_cost,
        settings.provided.password_hash_memory_kib,
        settings.provided.password_hash_parallelism,
    )
    password_hasher = providers.Singleton(Argon2PasswordHasher, hashing_threads, password_profile)
    device_password_hasher = providers.Singleton(
        Argon2PasswordHasher, device_hashing_threads, password_profile
    )
    signing_key = providers.Singleton(load_or_create_signing_key, settings.provided.jwt_private_key_file)
    public_jwks = providers.Callable(SigningKey.jwks, signing_key)
    access_tokens = providers.Singleton(
        JwtAccessTokenIssuer,
        signing_key,
        settings.provided.jwt_issuer,
        providers.Callable(timedelta, seconds=settings.provided.access_token_ttl_seconds),
    )
    sign_in_throttle = providers.Singleton(
        _sign_in_throttle,
        redis,
        clock,
        "login-failures",
        settings.provided.login_max_failures,
        settings.provided.login_failure_window_seconds,
    )
    sign_in_failures_by_client = providers.Singleton(
        _client_quota,
        redis,
        clock,
        "login-failures-by-client",
        settings.provided.login_client_max_failures,
        settings.provided.login_failure_window_seconds,
        "too many failed sign-ins from this address; try again later",
    )

    registrations_by_client = providers.Singleton(
        _client_quota,
        redis,
        clock,
        "sign-ups-by-client",
        settings.provided.sign_up_client_max,
        settings.provided.sign_up_window_seconds,
        "too many sign-ups from this address; try again later",
    )

    device_lane = providers.Singleton(
        DeviceLane,
        tokens=providers.Singleton(
            HmacDeviceTokens,
            providers.Callable(SigningKey.derived_secret, signing_key, "device tokens"),
            providers.Callable(timedelta, seconds=settings.provided.device_token_ttl_seconds),
        ),
        passwords=device_password_hasher,
        # Up to the token's lifetime: a token that keeps failing is ignored for most of what is left of it.
        failures=providers.Singleton(
            _sign_in_throttle,
            redis,
            clock,
            "device-token-failures",
            settings.provided.device_token_max_failures,
            settings.provided.device_token_ttl_seconds,
        ),
        sign_ins=providers.Singleton(
            _client_quota,
            redis,
            clock,
            "device-sign-ins-by-account",
            settings.provided.device_sign_in_account_max,
            settings.provided.device_sign_in_window_seconds,
            "too many sign-ins to this account with device tokens",
        ),
    )

    register_user = providers.Singleton(
        RegisterUser, unit_of_work.provider, password_hasher, registrations_by_client, clock
    )
    sign_in = providers.Singleton(
        SignIn,
        unit_of_work.provider,
        password_hasher,
        access_tokens,
        sign_in_throttle,
        sign_in_failures_by_client,
        device_lane,
        clock,
        providers.Callable(timedelta, seconds=settings.provided.refresh_token_ttl_seconds),
    )
    refresh_session = providers.Singleton(
        RefreshSession,
        unit_of_work.provider,
        access_tokens,
        clock,
        providers.Callable(timedelta, seconds=settings.provided.refresh_token_grace_seconds),
    )
    sign_out = providers.Singleton(SignOut, unit_of_work.provider, clock)
    change_display_name = providers.Singleton(ChangeDisplayName, unit_of_work.provider, clock)
    get_user = providers.Singleton(GetUser, unit_of_work.provider)
    search_users = providers.Singleton(SearchUsers, unit_of_work.provider)

    router = providers.Singleton(
        build_router,
        register_user=register_user,
        sign_in=sign_in,
        refresh_session=refresh_session,
        sign_out=sign_out,
        change_display_name=change_display_name,
        get_user=get_user,
        search_users=search_users,
        jwks=public_jwks.provider,
    )
    module = providers.Singleton(write_side.module, routers=providers.List(router))
