"""Presence in Redis, shared by every realtime instance.

Keys, under `key_prefix`:
- `<prefix>:connections:<user id>`: sorted set, each connection scored by its deadline (epoch ms);
- `<prefix>:users`: sorted set, each user with connections scored by their latest deadline, so
  `expire` finds the users whose every connection lapsed without reading anyone else's;
- `<prefix>:last-seen`: sorted set, each user scored by the latest time a socket showed life.

A user is online while their connection set is not empty. Only `disconnect` and `expire` empty
it, each in one Lua script, so whichever empties it is the only caller that answers the change,
however many instances call at once. `expire` reaches per-user keys it does not declare, which
standalone Redis allows and Redis Cluster does not.
"""

from collections.abc import Collection
from datetime import UTC, datetime, timedelta
from uuid import UUID

from redis.asyncio import Redis

from contexts.realtime.domain.presence import Presence, PresenceStatus

# KEYS: connections, users, last-seen; ARGV: user, connection, deadline, now
_CONNECT = """
redis.call('ZADD', KEYS[3], 'GT', ARGV[4], ARGV[1])
local was_offline = redis.call('EXISTS', KEYS[1]) == 0
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
redis.call('ZADD', KEYS[2], 'GT', ARGV[3], ARGV[1])
return was_offline and 1 or 0
"""

# KEYS: connections, users, last-seen; ARGV: user, connection, now
_DISCONNECT = """
redis.call('ZADD', KEYS[3], 'GT', ARGV[3], ARGV[1])
local removed = redis.call('ZREM', KEYS[1], ARGV[2])
  + redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
if removed == 0 then
  return 0
end
local latest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if #latest == 0 then
  redis.call('ZREM', KEYS[2], ARGV[1])
  return 1
end
redis.call('ZADD', KEYS[2], latest[2], ARGV[1])
return 0
"""

# KEYS: users; ARGV: now, prefix of the connection sets
_EXPIRE = """
local gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
for _, user in ipairs(gone) do
  redis.call('DEL', ARGV[2] .. user)
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
return gone
"""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MILLISECOND = timedelta(milliseconds=1)


class RedisPresenceStore:
    def __init__(self, redis: Redis, ttl: timedelta, key_prefix: str = "realtime:presence") -> None:
        self._redis = redis
        self._ttl = ttl
        self._connections_prefix = f"{key_prefix}:connections:"
        self._users = f"{key_prefix}:users"
        self._last_seen = f"{key_prefix}:last-seen"
        self._connect = redis.register_script(_CONNECT)
        self._disconnect = redis.register_script(_DISCONNECT)
        self._expire = redis.register_script(_EXPIRE)

    async def connect(self, user_id: UUID, *, connection_id: UUID, now: datetime) -> bool:
        was_offline = await self._connect(
            keys=self._keys(user_id),
            args=[str(user_id), str(connection_id), _milliseconds(now + self._ttl), _milliseconds(now)],
        )
        return bool(was_offline)

    async def disconnect(self, user_id: UUID, *, connection_id: UUID, now: datetime) -> bool:
        went_offline = await self._disconnect(
            keys=self._keys(user_id), args=[str(user_id), str(connection_id), _milliseconds(now)]
        )
        return bool(went_offline)

    async def expire(self, now: datetime) -> list[UUID]:
        gone = await self._expire(keys=[self._users], args=[_milliseconds(now), self._connections_prefix])
        return [UUID(user_id.decode() if isinstance(user_id, bytes) else user_id) for user_id in gone]

    async def presence(self, user_ids: Collection[UUID], now: datetime) -> list[Presence]:
        if not user_ids:
            return []
        async with self._redis.pipeline(transaction=True) as pipeline:
            for user_id in user_ids:
                pipeline.zcount(self._connections(user_id), f"({_milliseconds(now)}", "+inf")
            pipeline.zmscore(self._last_seen, [str(user_id) for user_id in user_ids])
            *live_connections, last_seen = await pipeline.execute()
        return [
            Presence(
                user_id,
                PresenceStatus.ONLINE if live else PresenceStatus.OFFLINE,
                None if seen is None else _EPOCH + int(seen) * _MILLISECOND,
            )
            for user_id, live, seen in zip(user_ids, live_connections, last_seen, strict=True)
        ]

    def _keys(self, user_id: UUID) -> list[str]:
        return [self._connections(user_id), self._users, self._last_seen]

    def _connections(self, user_id: UUID) -> str:
        return f"{self._connections_prefix}{user_id}"


def _milliseconds(moment: datetime) -> int:
    """Since the epoch, in integers: exact as a Redis score, and the same on every instance."""
    return (moment - _EPOCH) // _MILLISECOND
