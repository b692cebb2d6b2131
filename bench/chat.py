"""What a scenario asks of whatever it measures: users, conversations, and sending a message.

`ChatApi` does it through the public API of either topology; `BaselineApi` through the baseline's
single route, where a user is an id and a conversation only the list of its members, so that the
same scenario code drives both.
"""

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Protocol
from uuid import uuid4

import httpx

PASSWORD = "benchmark password"
_GROUP_MEMBER_IDS_MAX = 100
"""How many members `POST /api/v1/groups` takes at once; the others are added one by one."""
_SETUP_CONCURRENCY = 8
_CATCH_UP_SECONDS = 120.0
"""How long a context may take to hear of users and groups another context just made (services)."""
_SETTLE_SECONDS = 5.0


@dataclass(frozen=True)
class Account:
    user_id: str
    token: str
    """What the socket's `auth` frame carries."""


@dataclass(frozen=True)
class Conversation:
    id: str
    members: Sequence[Account]


class Chat(Protocol):
    async def sign_up(self, count: int) -> list[Account]: ...

    async def conversation(self, members: Sequence[Account]) -> Conversation:
        """Direct for two members, else a group owned by the first."""
        ...

    async def send(self, sender: Account, conversation: Conversation, client_message_id: str) -> int:
        """The answer's status code."""
        ...


class ChatApi:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def sign_up(self, count: int) -> list[Account]:
        limit = asyncio.Semaphore(_SETUP_CONCURRENCY)

        async def one(number: int) -> Account:
            async with limit:
                credentials = {"username": f"bench{number:05d}", "password": PASSWORD}
                registered = await self._client.post(
                    "/api/v1/users", json={**credentials, "display_name": f"Bench {number}"}
                )
                registered.raise_for_status()
                signed_in = await self._client.post("/api/v1/sessions", json=credentials)
                signed_in.raise_for_status()
                return Account(registered.json()["id"], signed_in.json()["access_token"])

        return list(await asyncio.gather(*(one(number) for number in range(count))))

    async def conversation(self, members: Sequence[Account]) -> Conversation:
        owner, *others = members
        if len(others) == 1:
            created = await _caught_up(
                partial(
                    self._client.post,
                    "/api/v1/conversations/direct",
                    json={"user_id": others[0].user_id},
                    headers=_auth(owner),
                )
            )
            return Conversation(created.json()["id"], members)
        first, rest = others[:_GROUP_MEMBER_IDS_MAX], others[_GROUP_MEMBER_IDS_MAX:]
        created = await _caught_up(
            partial(
                self._client.post,
                "/api/v1/groups",
                json={"name": f"Bench {len(members)}", "member_ids": [member.user_id for member in first]},
                headers=_auth(owner),
            )
        )
        group_id = created.json()["id"]
        # One at a time: concurrent changes to one group conflict (409) by design.
        for member in rest:
            await _caught_up(
                partial(
                    self._client.post,
                    f"/api/v1/groups/{group_id}/members",
                    json={"user_id": member.user_id},
                    headers=_auth(owner),
                )
            )
        await self._settled(owner, group_id, len(members))
        return Conversation(group_id, members)

    async def _settled(self, owner: Account, conversation_id: str, participants: int) -> None:
        """Until messaging holds every member, then a moment for the other contexts: a group grown
        one member at a time leaves a backlog of events, each pushing the whole group to every member
        online, that sockets opened now would have to read before any message."""
        deadline = time.perf_counter() + _CATCH_UP_SECONDS
        while time.perf_counter() < deadline:
            answer = await self._client.get(f"/api/v1/conversations/{conversation_id}", headers=_auth(owner))
            if answer.status_code == 200 and len(answer.json()["participant_ids"]) == participants:
                break
            await asyncio.sleep(0.5)
        await asyncio.sleep(_SETTLE_SECONDS)

    async def send(self, sender: Account, conversation: Conversation, client_message_id: str) -> int:
        sent = await self._client.post(
            f"/api/v1/conversations/{conversation.id}/messages",
            json={"client_message_id": client_message_id, "body": "benchmark message"},
            headers=_auth(sender),
        )
        return sent.status_code


class BaselineApi:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def sign_up(self, count: int) -> list[Account]:
        ids = [str(uuid4()) for _ in range(count)]
        return [Account(user_id, user_id) for user_id in ids]

    async def conversation(self, members: Sequence[Account]) -> Conversation:
        return Conversation(str(uuid4()), members)

    async def send(self, sender: Account, conversation: Conversation, client_message_id: str) -> int:
        sent = await self._client.post(
            "/broadcast",
            json={
                "recipient_ids": [member.user_id for member in conversation.members],
                "client_message_id": client_message_id,
                "body": "benchmark message",
            },
        )
        return sent.status_code


async def _caught_up(request: Callable[[], Awaitable[httpx.Response]]) -> httpx.Response:
    """The answer once the contexts behind it know the users and groups it names: until their
    events arrive, groups answers 422 for unknown members and messaging 404 or 422."""
    deadline = time.perf_counter() + _CATCH_UP_SECONDS
    while (response := await request()).status_code in (404, 422) and time.perf_counter() < deadline:  # noqa: ASYNC110 - polls another process: no event to wait on
        await asyncio.sleep(0.2)
    return response.raise_for_status()


def _auth(account: Account) -> dict[str, str]:
    return {"Authorization": f"Bearer {account.token}"}
