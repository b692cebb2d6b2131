"""Notifications' routes as a client calls them, for tests that drive the composed monolith.

Notifications are made from other contexts' events, shortly after the request that caused
them; the helpers that wait for one say what they wait for.
"""

from collections.abc import Callable
from typing import Any

from tests.api import User
from tests.eventually import eventually

Listing = dict[str, Any]


async def listed(user: User, query: str = "") -> Listing:
    """The user's notifications and unread count; `query` starts with `?`."""
    response = await user.client.get(f"/api/v1/notifications{query}")
    assert response.status_code == 200, response.text
    answer: Listing = response.json()
    return answer


async def listed_once(user: User, condition: Callable[[Listing], bool], query: str = "") -> Listing:
    """The user's listing, once it meets `condition`."""

    async def met() -> Listing:
        listing = await listed(user, query)
        assert condition(listing), listing
        return listing

    return await eventually(met)


def kinds(listing: Listing) -> list[str]:
    return [notification["kind"] for notification in listing["items"]]


def previews(listing: Listing) -> list[str]:
    return [notification["preview"] for notification in listing["items"]]


def about(notification: dict[str, Any]) -> tuple[str, str, str | None, str]:
    """What a notification is about, without its id and times."""
    return (
        notification["kind"],
        notification["conversation_id"],
        notification["message_id"],
        notification["actor_id"],
    )
