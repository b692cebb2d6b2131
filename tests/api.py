"""The public API as a client sees it, whichever topology serves it.

End-to-end tests talk to a `ChatApi`: over an in-process transport to the monolith, or over
HTTP to separate service processes. `sign_up` gives them users with authenticated clients.
"""

from dataclasses import dataclass
from itertools import count

import httpx

PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class User:
    id: str
    username: str
    display_name: str
    client: httpx.AsyncClient
    """Sends this user's access token with every request."""
    access_token: str


class ChatApi:
    def __init__(self, transport: httpx.AsyncBaseTransport, base_url: str = "http://test") -> None:
        self._transport = transport
        self._base_url = base_url
        self._names = count(1)
        self._clients: list[httpx.AsyncClient] = []
        self.client = self.new_client()
        """Anonymous: sends no access token."""

    def new_client(self, access_token: str | None = None) -> httpx.AsyncClient:
        headers = {"Authorization": f"Bearer {access_token}"} if access_token else {}
        client = httpx.AsyncClient(transport=self._transport, base_url=self._base_url, headers=headers)
        self._clients.append(client)
        return client

    async def sign_up(self, username: str | None = None, display_name: str | None = None) -> User:
        username = username or f"user{next(self._names)}"
        display_name = display_name or username.capitalize()
        registered = await self.client.post(
            "/api/v1/users", json={"username": username, "password": PASSWORD, "display_name": display_name}
        )
        assert registered.status_code == 201, registered.text
        credentials = {"username": username, "password": PASSWORD}
        signed_in = await self.client.post("/api/v1/sessions", json=credentials)
        assert signed_in.status_code == 201, signed_in.text
        token = signed_in.json()["access_token"]
        return User(registered.json()["id"], username, display_name, self.new_client(token), token)

    async def close(self) -> None:
        for client in self._clients:
            await client.aclose()
