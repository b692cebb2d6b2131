"""Messaging's routes as a client calls them, for tests that drive the composed monolith.

Messaging learns of users and groups from other contexts' events, shortly after the request
that caused them; the helpers that depend on such news wait for it.
"""

from typing import Any
from urllib.parse import quote

import httpx

from tests.api import User
from tests.eventually import eventually


async def open_direct(user: User, other: User | str) -> httpx.Response:
    """`user` opens the direct conversation with `other`, once messaging has heard of `other`."""
    other_id = other if isinstance(other, str) else other.id

    async def opened() -> httpx.Response:
        response = await user.client.post("/api/v1/conversations/direct", json={"user_id": other_id})
        assert response.status_code in (200, 201), response.text
        return response

    return await eventually(opened)


async def direct_conversation(user: User, other: User) -> str:
    return str((await open_direct(user, other)).json()["id"])


async def send(
    user: User | httpx.AsyncClient, conversation_id: str, body: Any = "hello", client_message_id: Any = None
) -> httpx.Response:
    client = user if isinstance(user, httpx.AsyncClient) else user.client
    return await client.post(
        f"/api/v1/conversations/{conversation_id}/messages",
        json={"client_message_id": client_message_id or str(body), "body": body},
    )


async def sent(user: User, conversation_id: str, body: str = "hello") -> dict[str, Any]:
    response = await send(user, conversation_id, body)
    assert response.status_code == 201, response.text
    message: dict[str, Any] = response.json()
    return message


def message_path(conversation_id: str, message_id: str) -> str:
    return f"/api/v1/conversations/{conversation_id}/messages/{message_id}"


async def listed(user: User) -> list[dict[str, Any]]:
    """The user's conversation summaries, from the read models."""
    response = await user.client.get("/api/v1/conversations")
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def page(user: User, conversation_id: str, query: str = "") -> dict[str, Any]:
    """A page of the conversation's messages, from the read models; `query` starts with `?`."""
    response = await user.client.get(f"/api/v1/conversations/{conversation_id}/messages{query}")
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def seqs(answer: dict[str, Any]) -> tuple[list[int], bool]:
    return [message["seq"] for message in answer["items"]], answer["has_more"]


async def create_group(owner: User, *members: User, within: float = 15.0) -> str:
    """`within`: how long groups may take to hear of the members (a service just started: longer)."""

    async def created() -> str:
        response = await owner.client.post(
            "/api/v1/groups", json={"name": "Crew", "member_ids": [member.id for member in members]}
        )
        assert response.status_code == 201, response.text  # 422 until groups has heard of the members
        return str(response.json()["id"])

    return await eventually(created, within)


async def posted(user: User, conversation_id: str, body: str = "hello") -> dict[str, Any]:
    async def accepted() -> dict[str, Any]:
        response = await send(user, conversation_id, body)
        assert response.status_code in (200, 201), response.text
        message: dict[str, Any] = response.json()
        return message

    return await eventually(accepted)


async def known_to_groups(owner: User, *users: User) -> None:
    """Waits until groups has heard of each of `users` from identity (until then a group naming them
    answers 422), by creating such a group and deleting it again."""

    async def roll_call() -> None:
        response = await owner.client.post(
            "/api/v1/groups", json={"name": "Roll call", "member_ids": [user.id for user in users]}
        )
        assert response.status_code == 201, response.text
        await owner.client.delete(f"/api/v1/groups/{response.json()['id']}")

    await eventually(roll_call)


def reaction_path(conversation_id: str, message_id: str, emoji: str) -> str:
    """The route of a reaction, its emoji URL-encoded as a client sends it."""
    return f"{message_path(conversation_id, message_id)}/reactions/{quote(emoji, safe='')}"


def as_framed(message: dict[str, Any]) -> dict[str, Any]:
    """A Message as the `message.*` frames carry it: without `reactions`, which travel in frames of
    their own (`message.reactions_changed`)."""
    return {field: value for field, value in message.items() if field != "reactions"}
