"""The contexts a process can hold, and how each one's container is built from the platform.

This is the only module that imports contexts: each entry hands a context's container the
platform pieces and the settings that concern it, and takes back its `ContextModule`. A
context is listed once it is implemented.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pymongo import AsyncMongoClient
from redis.asyncio import Redis

from contexts.groups.container import GroupsContainer
from contexts.identity.container import IdentityContainer
from contexts.messaging.container import MessagingContainer
from contexts.notifications.container import NotificationsContainer
from contexts.realtime.container import RealtimeContainer
from infra.context_module import ContextModule
from infra.web.auth import Jwks
from kernel.clock import Clock
from runtime.settings import Settings


@dataclass(frozen=True)
class Platform:
    """What a process builds once and shares with every context it holds."""

    settings: Settings
    clock: Clock
    redis: Redis | None
    mongodb: AsyncMongoClient[dict[str, Any]] | None


@dataclass(frozen=True)
class BuiltContext:
    module: ContextModule
    public_jwks: Callable[[], Jwks] | None = None
    """Given by the context that issues access tokens, so its process verifies them in-process."""


ContextBuilder = Callable[[Platform], BuiltContext]


def build_identity(platform: Platform) -> BuiltContext:
    settings = platform.settings
    container = IdentityContainer(clock=platform.clock, redis=platform.redis)
    container.config.from_dict(
        {
            "database_url": settings.identity_database_url,
            "private_key_file": str(settings.jwt_private_key_file),
            "issuer": settings.jwt_issuer,
            "access_token_ttl_seconds": settings.access_token_ttl_seconds,
            "refresh_token_ttl_seconds": settings.refresh_token_ttl_seconds,
            "refresh_token_grace_seconds": settings.refresh_token_grace_seconds,
            "login_max_failures": settings.login_max_failures,
            "login_failure_window_seconds": settings.login_failure_window_seconds,
            "login_client_max_failures": settings.login_client_max_failures,
            "password_hash_time_cost": settings.password_hash_time_cost,
            "password_hash_memory_kib": settings.password_hash_memory_kib,
            "password_hash_parallelism": settings.password_hash_parallelism,
            "password_hash_threads": settings.password_hash_threads,
            "password_hash_queue": settings.password_hash_queue,
            "password_hash_device_threads": settings.password_hash_device_threads,
            "password_hash_device_queue": settings.password_hash_device_queue,
            "device_token_ttl_seconds": settings.device_token_ttl_seconds,
            "device_token_max_failures": settings.device_token_max_failures,
            "device_sign_in_account_max": settings.device_sign_in_account_max,
            "device_sign_in_window_seconds": settings.device_sign_in_window_seconds,
            "sign_up_client_max": settings.sign_up_client_max,
            "sign_up_window_seconds": settings.sign_up_window_seconds,
        }
    )
    return BuiltContext(module=container.module(), public_jwks=container.public_jwks)


def build_groups(platform: Platform) -> BuiltContext:
    settings = platform.settings
    container = GroupsContainer(clock=platform.clock, redis=platform.redis)
    container.config.from_dict(
        {
            "database_url": settings.groups_database_url,
            "member_limit": settings.group_member_limit,
            "changes_per_second": settings.group_changes_per_second,
            "changes_burst": settings.group_changes_burst,
            "additions_per_second": settings.group_additions_per_user_per_hour / 3600,
            "additions_burst": settings.group_additions_per_user_burst,
        }
    )
    return BuiltContext(module=container.module())


def build_messaging(platform: Platform) -> BuiltContext:
    settings = platform.settings
    container = MessagingContainer(clock=platform.clock, mongodb=platform.mongodb, redis=platform.redis)
    container.config.from_dict(
        {
            "database_url": settings.messaging_database_url,
            "mongodb_database": settings.mongodb_database,
            "sends_per_second": settings.message_sends_per_second,
            "sends_burst": settings.message_sends_burst,
            "changes_per_second": settings.message_changes_per_second,
            "changes_burst": settings.message_changes_burst,
        }
    )
    return BuiltContext(module=container.module())


def build_notifications(platform: Platform) -> BuiltContext:
    """Notifications needs only the clock and a database of its own."""
    container = NotificationsContainer(clock=platform.clock)
    container.config.from_dict({"database_url": platform.settings.notifications_database_url})
    return BuiltContext(module=container.module())


def build_realtime(platform: Platform) -> BuiltContext:
    settings = platform.settings
    container = RealtimeContainer(clock=platform.clock, redis=platform.redis)
    container.config.from_dict(
        {
            "database_url": settings.realtime_database_url,
            "auth_timeout_seconds": settings.realtime_auth_timeout_seconds,
            "resume_window_seconds": settings.realtime_resume_window_seconds,
            "resume_max_messages": settings.realtime_resume_max_messages,
            "send_queue_frames": settings.realtime_send_queue_frames,
            "max_sockets_per_user": settings.realtime_max_sockets_per_user,
            "max_sockets": settings.realtime_max_sockets,
            "presence_ttl_seconds": settings.presence_ttl_seconds,
            "presence_largest_conversation": settings.presence_largest_conversation,
            "typing_frames_per_second": settings.typing_frames_per_second,
            "typing_frames_burst": settings.typing_frames_burst,
        }
    )
    return BuiltContext(module=container.module())


CONTEXTS: Mapping[str, ContextBuilder] = {
    "identity": build_identity,
    "groups": build_groups,
    "messaging": build_messaging,
    "notifications": build_notifications,
    "realtime": build_realtime,
}
