"""Realtime's composition root: the one place its ports meet their adapters.

The runtime supplies the inputs (`settings`, `clock`, and `redis` when REDIS_URL is set) and takes
`module`, what realtime adds to a process: the WebSocket endpoint and the presence route, its
consumer of messaging's, groups' and notifications' events, and its background tasks (the
presence sweep, and the Redis fan-out reader). Without Redis, fan-out and presence stay in this
process, which is right for the monolith and wrong for several realtime instances.
"""

from collections.abc import Sequence
from datetime import timedelta

from dependency_injector import containers, providers
from redis.asyncio import Redis

from contexts.realtime.adapters.inbound.events import consumer
from contexts.realtime.adapters.inbound.events.consumer import EventDelivery
from contexts.realtime.adapters.inbound.http.router import build_router
from contexts.realtime.adapters.inbound.websocket.endpoint import build_websocket_router
from contexts.realtime.adapters.outbound.in_memory_presence_store import InMemoryPresenceStore
from contexts.realtime.adapters.outbound.in_process_pubsub import InProcessPubSub
from contexts.realtime.adapters.outbound.redis_presence_store import RedisPresenceStore
from contexts.realtime.adapters.outbound.redis_pubsub import RedisPubSub
from contexts.realtime.adapters.outbound.sqlalchemy import tables
from contexts.realtime.adapters.outbound.sqlalchemy.conversation_directory import (
    SqlAlchemyConversationDirectory,
)
from contexts.realtime.adapters.outbound.sqlalchemy.group_directory import SqlAlchemyGroupDirectory
from contexts.realtime.adapters.outbound.sqlalchemy.message_log import SqlAlchemyMessageLog
from contexts.realtime.application.delivery import Delivery
from contexts.realtime.application.get_presence import GetPresence
from contexts.realtime.application.open_sockets import OpenSockets
from contexts.realtime.application.presence_announcer import PresenceAnnouncer
from contexts.realtime.application.presence_expiry import PresenceExpiry
from contexts.realtime.application.presence_introductions import PresenceIntroductions
from contexts.realtime.application.socket import Sockets, SocketSettings
from contexts.realtime.ports.presence_store import PresenceStore
from contexts.realtime.ports.pubsub import PubSub
from contexts.realtime.settings import RealtimeSettings
from infra.context_module import Task, without_inbox
from infra.database_container import DatabaseContainer
from infra.limits.in_memory_token_bucket import InMemoryTokenBucket
from infra.limits.rate_limit import Rate
from kernel.clock import Clock


def _pubsub(redis: Redis | None) -> PubSub:
    return InProcessPubSub() if redis is None else RedisPubSub(redis)


def _presence_store(redis: Redis | None, ttl_seconds: float) -> PresenceStore:
    ttl = timedelta(seconds=ttl_seconds)
    return InMemoryPresenceStore(ttl) if redis is None else RedisPresenceStore(redis, ttl)


def _renewal_interval(ttl_seconds: float) -> float:
    """Three heartbeats per TTL, each pushing the presence deadline forward: one lost heartbeat, or a
    late sweep, takes no one offline."""
    return ttl_seconds / 3


def _background(pubsub: PubSub, expiry: PresenceExpiry) -> Sequence[Task]:
    if not isinstance(pubsub, RedisPubSub):
        return [expiry.run]

    async def fan_out() -> None:
        try:
            await pubsub.run()
        finally:
            await pubsub.close()

    return [expiry.run, fan_out]


class RealtimeContainer(containers.DeclarativeContainer):
    settings: providers.Dependency[RealtimeSettings] = providers.Dependency(instance_of=RealtimeSettings)
    clock: providers.Dependency[Clock] = providers.Dependency()
    """The Clock presence deadlines are set and swept by."""
    redis: providers.Dependency[Redis | None] = providers.Dependency(default=providers.Object(None))
    """Fan-out and presence shared by every realtime instance; without it, they stay in this process."""

    database = providers.Container(
        DatabaseContainer,
        context="realtime",
        database_url=settings.provided.realtime_database_url,
        migrations=tables.migrations,
    )
    directory = providers.Singleton(SqlAlchemyConversationDirectory, database.sessions)
    message_log = providers.Singleton(SqlAlchemyMessageLog, database.sessions)
    pubsub = providers.Singleton(_pubsub, redis)
    presence = providers.Singleton(_presence_store, redis, settings.provided.presence_ttl_seconds)

    announce = providers.Singleton(
        PresenceAnnouncer, directory, pubsub, settings.provided.presence_largest_conversation
    )
    groups = providers.Singleton(SqlAlchemyGroupDirectory, database.sessions)
    introduce = providers.Singleton(
        PresenceIntroductions, presence, pubsub, clock, settings.provided.presence_largest_conversation
    )
    delivery = providers.Singleton(Delivery, pubsub, directory, message_log, groups, introduce)
    get_presence = providers.Singleton(GetPresence, presence, directory, clock)
    expiry = providers.Singleton(
        PresenceExpiry,
        presence,
        announce,
        clock,
        providers.Callable(_renewal_interval, settings.provided.presence_ttl_seconds),
    )
    sockets = providers.Singleton(
        Sockets,
        pubsub=pubsub,
        presence=presence,
        directory=directory,
        message_log=message_log,
        announce=announce,
        clock=clock,
        settings=providers.Singleton(
            SocketSettings,
            send_queue_frames=settings.provided.realtime_send_queue_frames,
            resume_window_seconds=settings.provided.realtime_resume_window_seconds,
            resume_max_messages=settings.provided.realtime_resume_max_messages,
            heartbeat_interval_seconds=providers.Callable(
                _renewal_interval, settings.provided.presence_ttl_seconds
            ),
        ),
        open_sockets=providers.Singleton(
            OpenSockets,
            per_user=settings.provided.realtime_max_sockets_per_user,
            in_total=settings.provided.realtime_max_sockets,
        ),
    )

    # Per socket, and a socket lives in one process: its buckets need no Redis, whatever the topology.
    typing_limit = providers.Singleton(
        InMemoryTokenBucket,
        "typing frames",
        providers.Factory(
            Rate, settings.provided.typing_frames_per_second, settings.provided.typing_frames_burst
        ),
        clock,
    )
    websocket_router = providers.Singleton(
        build_websocket_router, sockets, settings.provided.realtime_auth_timeout_seconds, typing_limit
    )
    presence_router = providers.Singleton(build_router, get_presence)
    module = providers.Singleton(
        database.module,
        routers=providers.List(presence_router, websocket_router),
        consumers=providers.List(
            # No inbox: the message log keeps each message's newest revision, the directory is
            # replaced rather than appended to, and a group's copy takes only its next version, so an
            # event applied again changes nothing stored; a socket drops a message it already has,
            # and other frames are best effort (ADR 12, ADR 22).
            providers.Singleton(
                without_inbox, consumer.EVENT_TYPES, providers.Singleton(EventDelivery, delivery)
            ),
        ),
        background=providers.Callable(_background, pubsub, expiry),
    )
