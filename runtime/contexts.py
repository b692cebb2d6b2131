"""The contexts a process can hold, and how each one's container is built from the platform.

This is the only module that imports contexts' containers: each entry hands a context's container
the platform pieces it uses and the settings, of which the container reads its own context's part
(`Settings` extends each context's settings model), and takes back its `ContextModule`. A
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
    container = IdentityContainer(settings=platform.settings, clock=platform.clock, redis=platform.redis)
    return BuiltContext(module=container.module(), public_jwks=container.public_jwks)


def build_groups(platform: Platform) -> BuiltContext:
    container = GroupsContainer(settings=platform.settings, clock=platform.clock, redis=platform.redis)
    return BuiltContext(module=container.module())


def build_messaging(platform: Platform) -> BuiltContext:
    container = MessagingContainer(
        settings=platform.settings, clock=platform.clock, mongodb=platform.mongodb, redis=platform.redis
    )
    return BuiltContext(module=container.module())


def build_notifications(platform: Platform) -> BuiltContext:
    """Notifications needs only the clock and a database of its own."""
    container = NotificationsContainer(settings=platform.settings, clock=platform.clock)
    return BuiltContext(module=container.module())


def build_realtime(platform: Platform) -> BuiltContext:
    container = RealtimeContainer(settings=platform.settings, clock=platform.clock, redis=platform.redis)
    return BuiltContext(module=container.module())


CONTEXTS: Mapping[str, ContextBuilder] = {
    "identity": build_identity,
    "groups": build_groups,
    "messaging": build_messaging,
    "notifications": build_notifications,
    "realtime": build_realtime,
}
