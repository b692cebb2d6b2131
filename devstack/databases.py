"""Databases of their own on a shared PostgreSQL server, for each test and each service."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from uuid import uuid4

import asyncpg
from sqlalchemy.engine import URL, make_url


@asynccontextmanager
async def fresh_database(server_url: str) -> AsyncIterator[str]:
    """A new empty database, as an SQLAlchemy asyncpg URL; dropped on exit, even if in use."""
    server = make_url(server_url)
    database = f"test_{uuid4().hex}"
    await _administer(server, f'CREATE DATABASE "{database}"')
    try:
        yield server.set(drivername="postgresql+asyncpg", database=database).render_as_string(
            hide_password=False
        )
    finally:
        await _administer(server, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


async def _administer(server: URL, statement: str) -> None:
    connection = await asyncpg.connect(server.set(database="postgres").render_as_string(hide_password=False))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()
