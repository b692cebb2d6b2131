"""The routes of pins and edit history as a client calls them."""

from typing import Any

import httpx

from tests.api import User


def pin_path(conversation_id: str, message_id: str) -> str:
    return f"/api/v1/conversations/{conversation_id}/pins/{message_id}"


async def pin(user: User | httpx.AsyncClient, conversation_id: str, message_id: str) -> httpx.Response:
    client = user if isinstance(user, httpx.AsyncClient) else user.client
    return await client.put(pin_path(conversation_id, message_id))


async def pins(user: User, conversation_id: str) -> list[dict[str, Any]]:
    """The conversation's pins, from the read models."""
    response = await user.client.get(f"/api/v1/conversations/{conversation_id}/pins")
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def edits(user: User, conversation_id: str, message_id: str) -> list[dict[str, Any]]:
    response = await user.client.get(f"/api/v1/conversations/{conversation_id}/messages/{message_id}/edits")
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items
