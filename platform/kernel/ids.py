"""Identifiers are UUIDs generated in the domain, so an aggregate has its id before it is stored."""

from uuid import UUID, uuid4


def new_id() -> UUID:
    return uuid4()
