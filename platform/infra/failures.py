"""Which failures pass by themselves: the line between waiting an event out and setting it aside.

A server that is restarting, unreachable or overloaded fails every event alike, and will take
them all once it is back; setting those events aside would lose them for a reason that says
nothing about them (ADR 18). Anything else (an event that cannot be decoded, a handler's own
error, a constraint the data breaks) fails the same way however often it is tried, so retrying
it forever would stop its consumer for good.

A copy that has not been told yet what an event needs (`kernel.copies`) is waited out alike: the
telling comes before the event in the bus's order, or with a replay, and then the event succeeds
as it is (ADR 25).

The test looks through the chain of causes, since drivers and SQLAlchemy wrap the error that
says what happened.
"""

import socket
import sqlite3

import aiokafka.errors
import asyncpg.exceptions
import pymongo.errors
import redis.exceptions
import sqlalchemy.exc

from kernel.copies import NotToldYetError

_TRANSIENT: tuple[type[BaseException], ...] = (
    ConnectionError,
    TimeoutError,
    socket.gaierror,  # a server's name that does not resolve while it is being rescheduled
    sqlalchemy.exc.DisconnectionError,
    sqlalchemy.exc.TimeoutError,  # no pooled connection came free in time
    asyncpg.exceptions.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,  # shutting down, starting up, crashed
    asyncpg.exceptions.InsufficientResourcesError,  # too many connections, disk full, out of memory
    asyncpg.exceptions.ConnectionDoesNotExistError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    redis.exceptions.BusyLoadingError,
    pymongo.errors.ConnectionFailure,
    pymongo.errors.ServerSelectionTimeoutError,
    aiokafka.errors.KafkaConnectionError,
    aiokafka.errors.KafkaTimeoutError,
    NotToldYetError,
)


def is_transient(error: BaseException) -> bool:
    """Whether `error`, or anything that caused it, says a server was away rather than the work wrong."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if _is_transient_itself(current):
            return True
        wrapped = getattr(current, "orig", None)  # SQLAlchemy's DBAPIError keeps the driver's error here
        pending += [current.__cause__, current.__context__]
        if isinstance(wrapped, BaseException):
            pending.append(wrapped)
    return False


def _is_transient_itself(error: BaseException) -> bool:
    if isinstance(error, _TRANSIENT):
        return True
    if isinstance(error, sqlalchemy.exc.DBAPIError) and error.connection_invalidated:
        return True
    if isinstance(error, aiokafka.errors.KafkaError) and error.retriable:
        return True
    # SQLite's one way of being away: another writer holds the file longer than the busy timeout.
    return isinstance(error, sqlite3.OperationalError) and "locked" in str(error)
