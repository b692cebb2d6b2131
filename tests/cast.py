"""The people docs/api's permission rules speak of, signed up once per module, and a client
without a token."""

from dataclasses import dataclass

import httpx

from tests.api import ChatApi, User
from tests.messaging.http.chat import known_to_groups


@dataclass(frozen=True)
class Cast:
    owner: User
    admin: User
    member: User
    outsider: User
    """Belongs to no group or conversation of the others."""
    newcomer: User
    """Joins a group in the tests that add a member."""
    anonymous: httpx.AsyncClient
    """Sends no access token."""

    def client(self, role: str) -> httpx.AsyncClient:
        return self.anonymous if role == "anonymous" else getattr(self, role).client


async def cast_of(api: ChatApi) -> Cast:
    """Signed up, and known to groups, so that any of them may be named in a group at once."""
    owner, admin, member, outsider, newcomer = users = [
        await api.sign_up(name) for name in ("owner", "admin", "member", "outsider", "newcomer")
    ]
    await known_to_groups(owner, *users)
    return Cast(owner, admin, member, outsider, newcomer, anonymous=api.client)
