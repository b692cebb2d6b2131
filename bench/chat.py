"""What a scenario asks of whatever it measures: users, conversations, and sending a message.

`ChatApi` does it through the public API of either topology; `BaselineApi` through the baseline's
single route, where a user is an id and a conversation only the list of its members, so that the
same scenario code drives both. Setting up goes through httpx; sending, the one request a scenario
makes hundreds of times a second, through aiohttp, which costs the load generator far less CPU per
request (`python -m bench.generator_cost`).
"""

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Protocol
from urllib.parse import quote
from uuid import uuid4

import aiohttp
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

    async def send(
        self, sender: Account, conversation: Conversation, client_message_id: str, reply_to: str | None = None
    ) -> int:
        """The answer's status code; raises when no answer came (refused, reset, timed out)."""
        ...

    async def thread(self, conversation: Conversation) -> str | None:
        """A message its first member posts, for others to reply to: its id, or None where there
        are no threads (the baseline, whose sends then stay plain broadcasts)."""
        ...

    async def open_connections(self, count: int) -> None:
        """Open `count` connections for sends before the clock starts: a send that had to open its
        own would time the generator's connection set-up, not the server."""
        ...


class ChatApi:
    def __init__(self, client: httpx.AsyncClient, sender: aiohttp.ClientSession) -> None:
        self._client = client
        self._sender = sender

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

    async def open_connections(self, count: int) -> None:
        await _open_connections(self._sender, count)

    async def send(
        self, sender: Account, conversation: Conversation, client_message_id: str, reply_to: str | None = None
    ) -> int:
        body: dict[str, object] = {"client_message_id": client_message_id, "body": "benchmark message"}
        if reply_to is not None:
            body["reply_to"] = reply_to
        return await _post(
            self._sender, f"/api/v1/conversations/{conversation.id}/messages", body, _auth(sender)
        )

    async def react(self, account: Account, conversation: Conversation, message_id: str, emoji: str) -> int:
        """`account` reacts to the message with `emoji`; the answer's status code."""
        path = (
            f"/api/v1/conversations/{conversation.id}/messages/{message_id}/reactions/{quote(emoji, safe='')}"
        )
        async with self._sender.put(path, headers=_auth(account)) as answer:
            await answer.read()
            return answer.status

    async def thread(self, conversation: Conversation) -> str | None:
        root = await self._client.post(
            f"/api/v1/conversations/{conversation.id}/messages",
            json={"client_message_id": f"root-{uuid4()}", "body": "benchmark thread"},
            headers=_auth(conversation.members[0]),
        )
        return str(root.raise_for_status().json()["id"])


class BaselineApi:
    def __init__(self, sender: aiohttp.ClientSession) -> None:
        self._sender = sender

    async def thread(self, conversation: Conversation) -> str | None:
        return None

    async def sign_up(self, count: int) -> list[Account]:
        ids = [str(uuid4()) for _ in range(count)]
        return [Account(user_id, user_id) for user_id in ids]

    async def conversation(self, members: Sequence[Account]) -> Conversation:
        return Conversation(str(uuid4()), members)

    async def open_connections(self, count: int) -> None:
        await _open_connections(self._sender, count)

    async def send(
        self, sender: Account, conversation: Conversation, client_message_id: str, reply_to: str | None = None
    ) -> int:
        return await _post(
            self._sender,
            "/broadcast",
            {
                "recipient_ids": [member.user_id for member in conversation.members],
                "client_message_id": client_message_id,
                "body": "benchmark message",
            },
            {},
        )


async def _post(
    session: aiohttp.ClientSession, path: str, body: dict[str, object], headers: dict[str, str]
) -> int:
    """The status, once the answer is read whole: its connection goes back to the pool for the next."""
    async with session.post(path, json=body, headers=headers) as answer:
        await answer.read()
        return answer.status


async def _open_connections(session: aiohttp.ClientSession, count: int) -> None:
    """As many requests at once as connections wanted: each needs one, and leaves it in the pool."""

    async def one() -> None:
        async with session.get("/healthz") as answer:
            await answer.read()

    await asyncio.gather(*(one() for _ in range(count)))


async def _caught_up(request: Callable[[], Awaitable[httpx.Response]]) -> httpx.Response:
    """The answer once the contexts behind it know the users and groups it names: until their
    events arrive, groups answers 422 for unknown members and messaging 404 or 422."""
    deadline = time.perf_counter() + _CATCH_UP_SECONDS
    while (response := await request()).status_code in (404, 422) and time.perf_counter() < deadline:  # noqa: ASYNC110 - polls another process: no event to wait on
        await asyncio.sleep(0.2)
    return response.raise_for_status()


def _auth(account: Account) -> dict[str, str]:
    return {"Authorization": f"Bearer {account.token}"}
